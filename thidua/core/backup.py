"""Backup and restore of one instance: the database and the private uploads, together.

The uploads are read and written through Django's storage API, so the same backup covers MEDIA_ROOT on
disk and an S3-compatible bucket (MEDIA_STORAGE=s3), and restores into either.

A backup is a folder:

    manifest.json       what it holds (format, app version, database engine, migrations applied per
                        app, creation time, and every file with its size and SHA-256)
    database.dump       PostgreSQL: `pg_dump --format=custom` (one consistent snapshot)
    database.sqlite3    SQLite: a copy made by SQLite's online backup API (consistent)
    media/…             the uploaded files, under their names in the storage (MEDIA_ROOT or the bucket)

Both can be taken while people work. The database is saved first, then the files: every file the saved
database names already exists when it is copied (uploads are never rewritten in place), and a file
uploaded in between is merely one more file. The manifest is written last, so an interrupted backup
has none and is refused.

`restore` checks everything before it touches anything: the manifest, every file's size and checksum,
the engine, migrations the code does not know, an empty target database, and uploads that would be
overwritten with other content. Every refusal is a `BackupError` with a Vietnamese message.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import sqlite3
import subprocess
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

FORMAT = "thidua.backup/v1"
MANIFEST = "manifest.json"
MEDIA = "media"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
# Left in the uploads' storage for an instant by the health check (core.health): not an upload.
SKIPPED_PREFIXES = (".health-",)
CHUNK = 1024 * 1024


class BackupError(Exception):
    """Why a backup cannot be taken or restored, in Vietnamese, for the person at the console."""


@dataclass(frozen=True)
class Restored:
    tables: int
    files: int
    pending_migrations: int


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while block := file.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _entry(folder: Path, path: Path) -> dict:
    return {"path": path.relative_to(folder).as_posix(), "size": path.stat().st_size, "sha256": _sha256(path)}


def _vendor(using: str) -> str:
    vendor = connections[using].vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại “{vendor}” (chỉ PostgreSQL và SQLite).")
    return vendor


def _pg_command(using: str) -> tuple[list[str], dict[str, str]]:
    """Connection options for pg_dump/pg_restore, the password through the environment, not argv."""
    db = connections[using].settings_dict
    args = []
    if db.get("HOST"):
        args.append(f"--host={db['HOST']}")
    if db.get("PORT"):
        args.append(f"--port={db['PORT']}")
    if db.get("USER"):
        args.append(f"--username={db['USER']}")
    args += ["--no-password", f"--dbname={db['NAME']}"]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError as error:
        raise BackupError(
            f"Không tìm thấy chương trình {command[0]}: hãy cài gói postgresql-client cùng phiên bản "
            "với máy chủ cơ sở dữ liệu."
        ) from error
    if result.returncode != 0:
        raise BackupError(f"{what} không thành công ({command[0]}):\n{result.stderr.strip()}")


def applied_migrations(using: str = "default") -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connections[using]).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _dump_database(folder: Path, using: str, vendor: str) -> Path:
    target = folder / DATABASE_FILES[vendor]
    if vendor == "postgresql":
        args, env = _pg_command(using)
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}", *args],
            env,
            "Sao lưu cơ sở dữ liệu",
        )
    else:
        connection = connections[using]
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
    return target


def _stored_names(storage: Storage, directory: str = "") -> list[str]:
    """Every file in `storage`, walked through the storage API (a folder on disk or an S3 bucket alike)."""
    try:
        folders, files = storage.listdir(directory)
    except FileNotFoundError:  # a file-system storage whose MEDIA_ROOT was never made: nothing uploaded
        return []
    names = [f"{directory}{name}" for name in files if not name.startswith(SKIPPED_PREFIXES)]
    for folder in folders:
        names += _stored_names(storage, f"{directory}{folder}/")
    return sorted(names)


def _copy_media(folder: Path) -> list[Path]:
    """The uploads, read through the storage API into `folder`/media: MEDIA_ROOT or the S3 bucket."""
    copied: list[Path] = []
    for name in _stored_names(default_storage):
        target = _inside(folder / MEDIA, name)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with default_storage.open(name, "rb") as source, target.open("wb") as copy:
                while block := source.read(CHUNK):
                    copy.write(block)
        except FileNotFoundError:  # removed while the backup ran: no longer part of the instance
            target.unlink(missing_ok=True)
            continue
        copied.append(target)
    return copied


def _stored_sha256(name: str) -> str:
    digest = hashlib.sha256()
    with default_storage.open(name, "rb") as file:
        while block := file.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def backup(out: Path | str, *, using: str = "default") -> dict:
    """Write a backup of the database `using` and of the uploads into the new or empty folder `out`."""
    folder = Path(out)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BackupError(f"Thư mục “{folder}” đã có dữ liệu: hãy chọn một thư mục mới hoặc trống.")
    vendor = _vendor(using)
    if connections[using].in_atomic_block:  # pg_dump would not see this transaction's writes
        raise BackupError("Không sao lưu được từ bên trong một giao dịch cơ sở dữ liệu đang mở.")
    folder.mkdir(parents=True, exist_ok=True)
    created_at = datetime.datetime.now(datetime.UTC)
    migrations = applied_migrations(using)
    files = [_dump_database(folder, using, vendor), *_copy_media(folder)]
    manifest = {
        "format": FORMAT,
        "app_version": metadata.version("thidua"),
        "created_at": created_at.isoformat(timespec="seconds"),
        "database": {"engine": vendor, "file": DATABASE_FILES[vendor]},
        "media_storage": settings.MEDIA_STORAGE,
        "migrations": migrations,
        "files": [_entry(folder, path) for path in files],
    }
    partial = folder / (MANIFEST + ".part")
    partial.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    partial.replace(folder / MANIFEST)
    return manifest


def _inside(base: Path, relative: str) -> Path:
    """`relative` under `base`, refusing absolute paths and `..` (a manifest must not write elsewhere)."""
    path = PurePosixPath(relative)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"Bản sao lưu hỏng: đường dẫn “{relative}” trong manifest không hợp lệ.")
    return base.joinpath(*path.parts)


def verify(folder: Path | str, *, using: str = "default") -> dict:
    """The manifest of the backup in `folder`, once every check a restore needs has passed."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        files = manifest["files"]
        engine = manifest["database"]["engine"]
        database_file = manifest["database"]["file"]
        migrations = manifest["migrations"]
    except FileNotFoundError as error:
        raise BackupError(
            f"“{folder}” không phải bản sao lưu đầy đủ: thiếu {MANIFEST} (bản sao lưu bị dừng giữa chừng?)."
        ) from error
    except (ValueError, KeyError, TypeError) as error:
        raise BackupError(f"Bản sao lưu hỏng: {MANIFEST} không đọc được.") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Bản sao lưu không đúng định dạng {FORMAT}.")
    listed = {entry.get("path") for entry in files}
    if database_file not in listed:
        raise BackupError("Bản sao lưu hỏng: manifest không ghi tệp cơ sở dữ liệu.")
    for entry in files:
        path = _inside(folder, entry["path"])
        if not path.is_file():
            raise BackupError(f"Bản sao lưu thiếu tệp “{entry['path']}”.")
        if path.stat().st_size != entry["size"] or _sha256(path) != entry["sha256"]:
            raise BackupError(
                f"Tệp “{entry['path']}” trong bản sao lưu đã bị thay đổi hoặc hỏng (sai mã kiểm tra SHA-256)."
            )
    vendor = _vendor(using)
    if engine != vendor:
        raise BackupError(
            f"Bản sao lưu là của cơ sở dữ liệu {engine}, hệ thống này dùng {vendor}: "
            "hãy khôi phục vào cùng loại cơ sở dữ liệu."
        )
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    unknown = [
        f"{app}.{name}" for app, names in migrations.items() for name in names if (app, name) not in known
    ]
    if unknown:
        raise BackupError(
            "Bản sao lưu được tạo bởi phiên bản mới hơn của Thi Đua (có migration mà mã nguồn này chưa có: "
            f"{', '.join(unknown[:5])}{'…' if len(unknown) > 5 else ''}). Hãy cài phiên bản "
            f"{manifest.get('app_version', '?')} trở lên rồi khôi phục."
        )
    return manifest


def _media_targets(folder: Path, files: list[dict]) -> list[tuple[Path, str, dict]]:
    """(file in the backup, its name in the storage, its manifest entry) for every upload; refuses an
    upload that is already in the storage with other content (nothing is overwritten)."""
    targets = []
    for entry in files:
        relative = PurePosixPath(entry["path"])
        if relative.parts[0] != MEDIA:
            continue
        name = PurePosixPath(*relative.parts[1:]).as_posix()
        _inside(folder, entry["path"])  # no absolute path, no ..
        if default_storage.exists(name) and _stored_sha256(name) != entry["sha256"]:
            raise BackupError(
                f"Nơi lưu tệp tải lên đã có “{name}” với nội dung khác: hãy khôi phục vào nơi lưu trống "
                "(MEDIA_ROOT hoặc bucket S3 mới)."
            )
        targets.append((_inside(folder, entry["path"]), name, entry))
    return targets


def restore(folder: Path | str, *, using: str = "default") -> Restored:
    """Restore the backup in `folder` into the empty database `using` and the uploads' storage."""
    folder = Path(folder)
    manifest = verify(folder, using=using)
    connection = connections[using]
    tables = connection.introspection.table_names()
    if tables:
        name = connection.settings_dict["NAME"]
        raise BackupError(
            f"Cơ sở dữ liệu “{name}” đã có {len(tables)} bảng: chỉ khôi phục vào cơ sở dữ liệu trống, "
            "không ghi đè. Hãy tạo một cơ sở dữ liệu mới (PostgreSQL: `createdb TÊN_MỚI` rồi đặt "
            "DATABASE_URL trỏ tới nó; SQLite: đặt DATABASE_URL tới một tệp chưa có), rồi chạy lại lệnh."
        )
    media = _media_targets(folder, manifest["files"])
    database_file = folder / manifest["database"]["file"]
    if connection.vendor == "postgresql":
        args, env = _pg_command(using)
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                *args,
                str(database_file),
            ],
            env,
            "Khôi phục cơ sở dữ liệu",
        )
    else:
        connection.ensure_connection()
        with sqlite3.connect(database_file) as source:
            source.backup(connection.connection)
        source.close()
    for source_path, name, entry in media:
        if not default_storage.exists(name):  # one with the same content is already there: kept
            with source_path.open("rb") as upload:
                saved = default_storage.save(name, File(upload, name=name))
            if saved != name:
                raise BackupError(
                    f"Nơi lưu tệp đã đặt tên khác cho “{name}” (“{saved}”): khôi phục dừng lại."
                )
        if _stored_sha256(name) != entry["sha256"]:
            raise BackupError(f"Chép tệp “{name}” không thành công (sai mã kiểm tra sau khi chép).")
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    applied = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    return Restored(
        tables=len(connection.introspection.table_names()),
        files=len(media),
        pending_migrations=len(set(known) - applied),
    )


def table_counts(using: str = "default") -> dict[str, int]:
    """Rows in every table of the database `using` (to compare an instance with its restored copy)."""
    connection = connections[using]
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts
