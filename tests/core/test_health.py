"""`/suc-khoe/`: 200 when the instance can serve, 503 naming what fails, and nothing secret.

Pending migrations, under the real server: tests/core/test_serve.py."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_healthy_instance_answers_200_with_what_was_checked(client):
    response = client.get("/suc-khoe/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "failing": [],
        "checks": {"database": "ok", "migrations": "ok", "media": "ok"},
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
