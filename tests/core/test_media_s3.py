"""Uploads on S3-compatible storage (MEDIA_STORAGE=s3): `/suc-khoe/` checks the bucket takes a file, and
`thidua backup` / `thidua restore` carry the objects with their checksums.

The S3 endpoint is moto's server mode (ThreadedMotoServer): a real HTTP S3 API on loopback that
django-storages talks to through boto3 exactly as it talks to a provider's, not an in-process mock.
"""

import hashlib
import io
import json
import os
import subprocess
import sys
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from tests import factories
from tests.core.test_backup import fresh_database  # noqa: F401 (a fixture)
from thidua.core.backup import MANIFEST, BackupError, _media_targets, table_counts, verify
from thidua.tracking import services as tracking
from thidua.tracking.models import Assignment, Evidence
from thidua.tracking.periods import period_containing

moto_server = pytest.importorskip("moto.server")
boto3 = pytest.importorskip("boto3")

KEY = "k5Jx0v3qP9Lw2hN8tZr6Yc4Bm1Gd7Fs0Ua9Ie3Oy5Ql2Wp8Xk6"
CREDENTIALS = {"aws_access_key_id": "thidua-test", "aws_secret_access_key": "thidua-test-secret"}
PDF = b"%PDF-1.4\n%minh chung tren S3\n" + os.urandom(4096)


@pytest.fixture(scope="module")
def s3_endpoint():
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def s3_client(endpoint):
    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **CREDENTIALS)


def new_bucket(endpoint) -> str:
    name = f"thidua-{uuid.uuid4().hex[:12]}"
    s3_client(endpoint).create_bucket(Bucket=name)
    return name


def s3_storages(endpoint, bucket, prefix="uploads") -> dict:
    return {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": endpoint,
                "region_name": "us-east-1",
                "access_key": CREDENTIALS["aws_access_key_id"],
                "secret_key": CREDENTIALS["aws_secret_access_key"],
                "location": prefix,
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
            },
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def bucket_checksums(endpoint, bucket) -> dict[str, str]:
    client = s3_client(endpoint)
    listed = client.list_objects_v2(Bucket=bucket).get("Contents", [])
    return {
        item["Key"]: hashlib.sha256(
            client.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
        ).hexdigest()
        for item in listed
    }


@pytest.fixture
def on_s3(settings, s3_endpoint):
    bucket = new_bucket(s3_endpoint)
    settings.STORAGES = s3_storages(s3_endpoint, bucket)
    settings.MEDIA_STORAGE = "s3"
    return bucket


@pytest.mark.django_db
def test_health_writes_to_the_bucket_and_leaves_nothing_behind(client, on_s3, s3_endpoint):
    response = client.get("/suc-khoe/")
    assert response.status_code == 200
    assert response.json()["checks"]["media"] == "ok"
    assert bucket_checksums(s3_endpoint, on_s3) == {}


@pytest.mark.django_db
def test_health_names_media_when_the_bucket_is_missing(client, settings, s3_endpoint):
    settings.STORAGES = s3_storages(s3_endpoint, "thidua-no-such-bucket")
    response = client.get("/suc-khoe/")
    assert response.status_code == 503
    assert response.json()["failing"] == ["media"]
    assert "no-such-bucket" not in response.content.decode()  # no names, no error texts


@pytest.fixture
def evidence_on_s3(transactional_db, cast, on_s3):
    """Two evidence files uploaded through the service, so into the bucket (committed rows)."""
    target = factories.make_target(factories.make_plan(cast.org))
    assignment = Assignment.objects.create(organization=cast.org, target=target, unit=cast.unit, role="lead")
    period = period_containing(assignment.target.plan.starts_on, "monthly")
    report = tracking.report_start(assignment=assignment, period=period, user=cast.unit_head)
    for name in ("bien-ban.pdf", "ảnh hiện trường.pdf"):
        tracking.evidence_add(
            report=report, upload=SimpleUploadedFile(name, PDF, "application/pdf"), user=cast.unit_head
        )
    assert Evidence.objects.filter(report=report).count() == 2
    return report


def thidua(*args, database_url, endpoint, bucket, home):
    """The `thidua` command as an operator runs it, with MEDIA_STORAGE=s3 from the environment."""
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(home),
        "THIDUA_DATA_DIR": str(home),
        "SECRET_KEY": KEY,
        "DATABASE_URL": database_url,
        "MEDIA_STORAGE": "s3",
        "S3_BUCKET": bucket,
        "S3_ENDPOINT_URL": endpoint,
        "S3_REGION": "us-east-1",
        "S3_ACCESS_KEY_ID": CREDENTIALS["aws_access_key_id"],
        "S3_SECRET_ACCESS_KEY": CREDENTIALS["aws_secret_access_key"],
        "S3_PREFIX": "uploads",
    }
    return subprocess.run(
        [sys.executable, "-m", "thidua.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=home,
    )


def test_backup_copies_the_objects_and_restore_puts_them_into_an_empty_bucket(
    evidence_on_s3,
    on_s3,
    s3_endpoint,
    tmp_path,
    fresh_database,  # noqa: F811
):
    before_objects = bucket_checksums(s3_endpoint, on_s3)
    assert len(before_objects) == 2
    before_rows = table_counts()

    out = tmp_path / "backup"
    call_command("backup", "--out", str(out), stdout=io.StringIO())
    manifest = json.loads((out / MANIFEST).read_text())
    assert manifest["media_storage"] == "s3"
    media = {
        entry["path"]: entry["sha256"] for entry in manifest["files"] if entry["path"].startswith("media/")
    }
    # Names in the backup are the storage's names (under the bucket's prefix), with the objects' checksums.
    assert media == {f"media/{key.removeprefix('uploads/')}": sha for key, sha in before_objects.items()}

    restored_bucket = new_bucket(s3_endpoint)
    home = tmp_path / "home"
    home.mkdir()
    result = thidua(
        "restore",
        str(out),
        database_url=fresh_database,
        endpoint=s3_endpoint,
        bucket=restored_bucket,
        home=home,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert bucket_checksums(s3_endpoint, restored_bucket) == before_objects

    counted = thidua(
        "shell",
        "--no-imports",
        "-c",
        "import json; from thidua.core.backup import table_counts; print(json.dumps(table_counts()))",
        database_url=fresh_database,
        endpoint=s3_endpoint,
        bucket=restored_bucket,
        home=home,
    )
    assert counted.returncode == 0, counted.stderr
    assert json.loads(counted.stdout.strip().splitlines()[-1]) == before_rows


def test_restore_refuses_a_bucket_holding_other_content_under_a_backed_up_name(
    evidence_on_s3, on_s3, s3_endpoint, tmp_path
):
    out = tmp_path / "backup"
    call_command("backup", "--out", str(out), stdout=io.StringIO())
    key = next(iter(bucket_checksums(s3_endpoint, on_s3)))
    s3_client(s3_endpoint).put_object(Bucket=on_s3, Key=key, Body=b"other content")
    # The checks restore runs on the uploads before it writes anything (the database here is not empty,
    # which restore refuses first: the media check is called on its own).
    with pytest.raises(BackupError, match="nội dung khác"):
        _media_targets(out, verify(out)["files"])
