"""`/suc-khoe/`: 200 when the instance can serve, 503 naming what fails, and nothing secret.

Pending migrations, under the real server: tests/core/test_serve.py."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from thidua.core.jobs import PROGRESS_REFRESH, REMIND, record_run

pytestmark = pytest.mark.django_db


def test_a_healthy_instance_answers_200_with_what_was_checked(client):
    response = client.get("/suc-khoe/")
    assert response.status_code == 200
    never = {"last_run": None, "age_hours": None, "stale": True}
    assert response.json() == {
        "status": "ok",
        "failing": [],
        "checks": {"database": "ok", "migrations": "ok", "media": "ok"},
        "jobs": {"remind": never, "progress_refresh": never},
        "stale": ["remind", "progress_refresh"],
    }
    assert response["Cache-Control"].startswith("max-age=0")


def test_media_that_cannot_be_written_is_named(client, settings, tmp_path):
    not_a_folder = tmp_path / "private"
    not_a_folder.write_text("a file where the folder should be")
    settings.MEDIA_ROOT = str(not_a_folder)
    response = client.get("/suc-khoe/")
    assert response.status_code == 503
    assert response.json()["failing"] == ["media"]
    assert str(tmp_path) not in response.content.decode()  # no paths, no error texts


def test_the_daily_jobs_record_when_they_completed_and_health_reports_their_age(client):
    call_command("remind", stdout=io.StringIO())
    call_command("progress", "refresh", stdout=io.StringIO())
    body = client.get("/suc-khoe/").json()
    assert body["stale"] == []
    for name in (REMIND, PROGRESS_REFRESH):
        assert body["jobs"][name]["stale"] is False
        assert 0 <= body["jobs"][name]["age_hours"] < 0.1
        assert datetime.datetime.fromisoformat(body["jobs"][name]["last_run"]) <= timezone.now()


def test_a_job_older_than_the_limit_is_stale_but_the_instance_still_serves(client, settings):
    settings.JOBS_STALE_HOURS = 26
    record_run(REMIND, at=timezone.now() - datetime.timedelta(hours=30))
    record_run(PROGRESS_REFRESH, at=timezone.now() - datetime.timedelta(hours=2))
    response = client.get("/suc-khoe/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["stale"] == ["remind"]
    assert body["jobs"]["remind"]["age_hours"] == pytest.approx(30, abs=0.1)
    assert body["jobs"]["progress_refresh"]["stale"] is False
    settings.JOBS_STALE_HOURS = 48
    assert client.get("/suc-khoe/").json()["stale"] == []
