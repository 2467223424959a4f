"""`/suc-khoe/`: whether this instance can serve, for a load balancer or a monitoring probe.

200 with what was checked, or 503 naming what fails. It says nothing an outsider could use: no
versions, no paths, no error texts (those go to the log). It also says when the daily jobs last
completed (`jobs`: age in hours, `stale` past JOBS_STALE_HOURS, listed in `stale`): a job that has
stopped running is for the monitoring to notice, not a reason to take the instance out of service.
"""

import logging
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from thidua.core.jobs import job_ages

log = logging.getLogger(__name__)
HEALTH_PREFIX = ".health-"  # thidua.core.backup skips these


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def _migrations() -> str:
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return "ok" if not pending else f"{len(pending)} pending"


def _media() -> str:
    """The uploads' storage takes a file, gives it back and removes it: MEDIA_ROOT on disk (its folder
    is made when missing, as the first upload would) or the S3 bucket (MEDIA_STORAGE=s3)."""
    probe = f"{HEALTH_PREFIX}{uuid.uuid4().hex}"
    name = default_storage.save(probe, ContentFile(b"ok"))
    try:
        with default_storage.open(name, "rb") as stored:
            if stored.read() != b"ok":
                raise OSError("the storage gave back other content")
    finally:
        default_storage.delete(name)
    return "ok"


CHECKS = {"database": _database, "migrations": _migrations, "media": _media}
# Without the database the migrations cannot be read either: report that once, as the database.
NEEDS_DATABASE = {"migrations"}


@never_cache
@require_GET
def health(request):
    results: dict[str, str] = {}
    for name, check in CHECKS.items():
        if name in NEEDS_DATABASE and results.get("database") != "ok":
            results[name] = "not checked"
            continue
        try:
            results[name] = check()
        except Exception:
            log.exception("health check %s failed", name)
            results[name] = "failed"
    failing = [name for name, result in results.items() if result not in ("ok", "not checked")]
    jobs: dict | str = "not checked"
    if results.get("migrations") == "ok":
        try:
            jobs = job_ages()
        except Exception:
            log.exception("health check jobs failed")
            jobs = "failed"
    stale = [name for name, job in jobs.items() if job["stale"]] if isinstance(jobs, dict) else []
    return JsonResponse(
        {
            "status": "fail" if failing else "ok",
            "failing": failing,
            "checks": results,
            "jobs": jobs,
            "stale": stale,
        },
        status=503 if failing else 200,
    )
