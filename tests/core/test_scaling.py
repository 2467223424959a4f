"""docs/scaling.md, as far as one machine can test it: the read-replica router with a second database
alias pointing at the same server, and the S3 media settings (configuration only, no network)."""

import pytest
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.test_production_settings import KEY, run, setting  # noqa: F401 (run: the fixture)
from thidua.core.replica import REPLICA, ReplicaRouter, dashboard_reads
from thidua.plans.models import Target


@pytest.fixture
def replica(settings):
    """A second alias, "replica", on the same server and database as the test database."""
    config = dict(connections["default"].settings_dict, CONN_MAX_AGE=None)  # kept open between requests
    settings.DATABASES = {**settings.DATABASES, REPLICA: config}
    connections.settings[REPLICA] = config
    # Opened here, past Django's guard against aliases the test did not declare (it did not exist then).
    connections[REPLICA].connect()
    yield REPLICA
    connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]


def test_without_a_replica_the_router_leaves_every_read_on_the_primary(db):
    with dashboard_reads():
        assert ReplicaRouter().db_for_read(Target) is None
    assert ReplicaRouter().db_for_write(Target) == "default"


@pytest.mark.django_db(transaction=True)
def test_dashboards_read_from_the_replica_and_nothing_else_does(client, cast, replica):
    plan = factories.make_plan(cast.org)
    target = factories.make_target(plan, text="Cấp 90 giấy phép xây dựng")
    client.force_login(cast.office)
    router = ReplicaRouter()
    with dashboard_reads():
        assert router.db_for_read(Target) == REPLICA
        with transaction.atomic():
            assert router.db_for_read(Target) is None  # inside a transaction: what it wrote
    assert router.db_for_read(Target) is None
    assert router.allow_migrate(REPLICA, "plans") is False and router.allow_migrate("default", "plans")
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        page = client.get(f"/theo-doi/chi-tieu/{target.pk}/")
        overview = client.get("/theo-doi/")
    assert page.status_code == overview.status_code == 200
    assert "Cấp 90 giấy phép xây dựng" in page.content.decode()  # read through the replica alias
    assert any("plans_target" in query["sql"] for query in on_replica.captured_queries)
    with CaptureQueriesContext(connections[REPLICA]) as elsewhere:
        assert client.get(f"/ke-hoach/{plan.pk}/").status_code == 200
    assert elsewhere.captured_queries == []


def test_the_replica_url_adds_a_replica_alias_that_is_never_migrated(run):  # noqa: F811
    url = "postgres://thidua_ro:secret@replica.example.gov.vn:5432/thidua"
    alias = setting(run, "settings.DATABASES['replica']['HOST']", SECRET_KEY=KEY, DATABASE_REPLICA_URL=url)
    assert alias == "'replica.example.gov.vn'"
    assert setting(run, "'replica' in settings.DATABASES", SECRET_KEY=KEY) == "False"


def test_media_on_s3_compatible_storage_is_configuration_only(run):  # noqa: F811
    expression = (
        "(lambda s: (type(s).__name__, s.bucket_name, s.endpoint_url, s.default_acl, s.querystring_auth,"
        " s.file_overwrite))(__import__('django.core.files.storage', fromlist=['x']).storages['default'])"
    )
    found = setting(
        run,
        expression,
        SECRET_KEY=KEY,
        MEDIA_STORAGE="s3",
        S3_BUCKET="thidua-uploads",
        S3_ENDPOINT_URL="https://s3.example.gov.vn",
        S3_ACCESS_KEY_ID="id",
        S3_SECRET_ACCESS_KEY="secret",
    )
    assert found == "('S3Storage', 'thidua-uploads', 'https://s3.example.gov.vn', 'private', True, False)"
    assert "FileSystemStorage" in setting(run, "settings.STORAGES['default']['BACKEND']", SECRET_KEY=KEY)


def test_an_unknown_media_storage_is_refused(run):  # noqa: F811
    result = run("-m", "thidua.cli", "check", SECRET_KEY=KEY, MEDIA_STORAGE="ftp")
    assert result.returncode != 0 and "MEDIA_STORAGE" in result.stderr
