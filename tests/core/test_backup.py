"""`thidua backup` / `thidua restore`: the demo plus uploads, backed up and restored into a fresh database
(a second PostgreSQL database, or a new SQLite file) by the real commands, lose nothing; a damaged or
mismatched backup, or a database that is not empty, is refused before anything is written."""

import datetime
import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from tests import factories
from tests.seeds import reseed_after_flush
from thidua.core.backup import MANIFEST, table_counts
from thidua.org.roles import Role
from thidua.tracking import services as tracking
from thidua.tracking.models import Assignment, Evidence, Report
from thidua.tracking.periods import period_containing

KEY = "k5Jx0v3qP9Lw2hN8tZr6Yc4Bm1Gd7Fs0Ua9Ie3Oy5Ql2Wp8Xk6"
PDF = b"%PDF-1.4\n%minh chung sao luu\n" + os.urandom(2048)


def checksums(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.name.startswith(".health-")
    }


@pytest.fixture
def fresh_database(tmp_path):
    """DATABASE_URL of a new, empty database on the same server as the tests' own."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"{db['NAME']}_restore"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    yield f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{name}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def thidua(*args, database_url, media_root, home):
    """The `thidua` command as an operator runs it: production settings, another database."""
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(home),
        "THIDUA_DATA_DIR": str(home),
        "SECRET_KEY": KEY,
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
    }
    return subprocess.run(
        [sys.executable, "-m", "thidua.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=home,
    )


def draft_report() -> Report:
    """A report of the demo that still takes evidence, or a new one for a period nobody reported yet."""
    report = Report.objects.filter(status__in=Report.EDITABLE).first()
    if report:
        return report
    assignment = Assignment.objects.select_related("unit").first()
    user = factories.make_user(assignment.unit.organization, Role.STAFF, unit=assignment.unit)
    for year in range(2024, 2031):
        period = period_containing(datetime.date(year, 1, 1), "yearly")
        if not Report.objects.filter(assignment=assignment, period_start=period.start).exists():
            return tracking.report_start(assignment=assignment, period=period, user=user)
    raise AssertionError("no period left to report")


@pytest.mark.django_db(transaction=True)
def test_the_demo_with_uploads_is_restored_into_a_fresh_database_with_nothing_lost(
    tmp_path, settings, fresh_database
):
    reseed_after_flush()  # the rules and bonus tables the migrations seed (tests/seeds.py)
    settings.MEDIA_ROOT = str(tmp_path / "media")
    with override_settings(DEBUG=True):
        call_command("demo", stdout=io.StringIO())
    report = draft_report()
    staff = factories.make_user(report.assignment.unit.organization, Role.STAFF, unit=report.assignment.unit)
    for name in ("bien-ban.pdf", "ảnh chụp hiện trường.pdf"):
        tracking.evidence_add(
            report=report, upload=SimpleUploadedFile(name, PDF, "application/pdf"), user=staff
        )
    assert Evidence.objects.filter(report=report).count() >= 2
    before = table_counts()
    files_before = checksums(Path(settings.MEDIA_ROOT))
    assert len(files_before) >= 2 and sum(before.values()) > 1000

    out = tmp_path / "backup"
    call_command("backup", "--out", str(out), stdout=io.StringIO())
    manifest = json.loads((out / MANIFEST).read_text())
    assert manifest["database"]["engine"] == connection.vendor
    assert "0001_day_off" in manifest["migrations"]["core"]

    restored_media = tmp_path / "restored-media"
    home = tmp_path / "home"
    home.mkdir()
    result = thidua("restore", str(out), database_url=fresh_database, media_root=restored_media, home=home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Đã khôi phục" in result.stdout

    counted = thidua(
        "shell",
        "--no-imports",
        "-c",
        "import json; from thidua.core.backup import table_counts; print(json.dumps(table_counts()))",
        database_url=fresh_database,
        media_root=restored_media,
        home=home,
    )
    assert counted.returncode == 0, counted.stderr
    assert json.loads(counted.stdout.strip().splitlines()[-1]) == before
    assert checksums(restored_media) == files_before

    # Restoring again into the same, now full, database is refused, and says how to get an empty one.
    again = thidua("restore", str(out), database_url=fresh_database, media_root=restored_media, home=home)
    assert again.returncode != 0
    assert "chỉ khôi phục vào cơ sở dữ liệu trống" in again.stderr
    assert "createdb" in again.stderr


@pytest.fixture
def small_backup(transactional_db, tmp_path, settings, cast):
    """A backup of a few committed rows (the backup reads what is committed, as pg_dump does)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    media = Path(settings.MEDIA_ROOT) / "evidence" / "2026"
    media.mkdir(parents=True)
    (media / "a.pdf").write_bytes(PDF)
    out = tmp_path / "backup"
    call_command("backup", "--out", str(out), stdout=io.StringIO())
    return out


def refusal(folder) -> str:
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(folder), stdout=io.StringIO())
    return str(refused.value)


def test_a_changed_file_is_refused(small_backup):
    uploaded = small_backup / "media" / "evidence" / "2026" / "a.pdf"
    content = bytearray(uploaded.read_bytes())
    content[-1] ^= 1  # one bit, same size
    uploaded.write_bytes(bytes(content))
    message = refusal(small_backup)
    assert "a.pdf" in message and "SHA-256" in message


def test_a_changed_database_file_is_refused(small_backup):
    manifest = json.loads((small_backup / MANIFEST).read_text())
    database = small_backup / manifest["database"]["file"]
    with database.open("ab") as file:
        file.write(b"\0")
    assert "bị thay đổi hoặc hỏng" in refusal(small_backup)


def test_a_missing_file_is_refused(small_backup):
    (small_backup / "media" / "evidence" / "2026" / "a.pdf").unlink()
    assert "thiếu tệp" in refusal(small_backup)


def test_a_manifest_that_does_not_parse_is_refused(small_backup):
    (small_backup / MANIFEST).write_text('{"format": "thidua.backup/v1", "files": [')
    assert "không đọc được" in refusal(small_backup)


def test_an_interrupted_backup_without_manifest_is_refused(small_backup):
    (small_backup / MANIFEST).unlink()
    assert "thiếu manifest.json" in refusal(small_backup)


def edit_manifest(folder: Path, change) -> None:
    manifest = json.loads((folder / MANIFEST).read_text())
    change(manifest)
    (folder / MANIFEST).write_text(json.dumps(manifest))


def test_a_manifest_whose_checksum_was_rewritten_is_refused(small_backup):
    edit_manifest(small_backup, lambda m: m["files"][-1].update(sha256="0" * 64))
    assert "SHA-256" in refusal(small_backup)


def test_a_manifest_path_outside_the_backup_is_refused(small_backup):
    edit_manifest(small_backup, lambda m: m["files"][-1].update(path="media/../../../etc/passwd"))
    assert "không hợp lệ" in refusal(small_backup)


def test_a_backup_of_another_engine_is_refused(small_backup):
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    edit_manifest(small_backup, lambda m: m["database"].update(engine=other))
    assert "cùng loại cơ sở dữ liệu" in refusal(small_backup)


def test_a_backup_from_newer_code_is_refused(small_backup):
    edit_manifest(small_backup, lambda m: m["migrations"]["core"].append("0099_from_the_future"))
    message = refusal(small_backup)
    assert "core.0099_from_the_future" in message and "phiên bản mới hơn" in message


def test_a_sound_backup_is_still_refused_by_a_database_that_is_not_empty(small_backup):
    message = refusal(small_backup)
    assert "chỉ khôi phục vào cơ sở dữ liệu trống" in message
    assert Path(str(small_backup)).exists()


def test_backing_up_into_a_folder_that_holds_something_is_refused(small_backup):
    with pytest.raises(CommandError, match="đã có dữ liệu"):
        call_command("backup", "--out", str(small_backup), stdout=io.StringIO())
