"""The daily jobs' heartbeat: each records when it last completed, `/suc-khoe/` reports how long ago."""

import datetime

from django.conf import settings
from django.utils import timezone

from thidua.core.models import JobRun

REMIND = "remind"
PROGRESS_REFRESH = "progress_refresh"
JOBS = (REMIND, PROGRESS_REFRESH)


def record_run(name: str, *, at: datetime.datetime | None = None) -> None:
    """Called by a job once it has completed (not when it fails: then its age keeps growing)."""
    JobRun.objects.update_or_create(name=name, defaults={"finished_at": at or timezone.now()})


def job_ages(now: datetime.datetime | None = None) -> dict[str, dict]:
    """For each job: when it last completed, how many hours ago, and whether that is too long."""
    now = now or timezone.now()
    limit = datetime.timedelta(hours=settings.JOBS_STALE_HOURS)
    finished = dict(JobRun.objects.filter(name__in=JOBS).values_list("name", "finished_at"))
    ages = {}
    for name in JOBS:
        at = finished.get(name)
        ages[name] = {
            "last_run": at.isoformat(timespec="seconds") if at else None,
            "age_hours": round((now - at).total_seconds() / 3600, 1) if at else None,
            "stale": at is None or now - at > limit,
        }
    return ages
