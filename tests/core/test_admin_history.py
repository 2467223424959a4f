"""The admin's history pages keep the admin's own rules: no other agency's rows, no revert without change."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests import factories
from tests.engagement.factories import make_feedback, make_rule
from thidua.org.models import User
from thidua.org.roles import Role

pytestmark = pytest.mark.django_db


def staff_with(organization, *codenames):
    user = factories.make_user(organization, Role.OFFICE, is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def feedback(cast):
    make_rule(cast.org)
    return make_feedback(cast.org, cast.enterprise, cast.enterprise_user, subject="Vướng mắc cấp phép")


def history_urls(feedback):
    version = feedback.history.first()
    return (
        reverse("admin:engagement_feedback_history", args=[feedback.pk]),
        reverse("admin:engagement_feedback_simple_history", args=[feedback.pk, version.history_id]),
    )


def test_another_agencys_staff_cannot_open_a_rows_history(client, cast, feedback):
    client.force_login(staff_with(cast.other_org, "view_feedback"))
    for url in history_urls(feedback):
        assert client.get(url).status_code == 404


def test_the_agencys_staff_read_the_history_but_cannot_revert_a_read_only_row(client, cast, feedback):
    client.force_login(staff_with(cast.org, "view_feedback"))
    listing, version = history_urls(feedback)
    assert client.get(listing).status_code == 200
    assert client.get(version).status_code == 200
    before = feedback.history.count()
    assert client.post(version, {"subject": "Đã sửa qua lịch sử"}).status_code == 403
    feedback.refresh_from_db()
    assert (feedback.subject, feedback.history.count()) == ("Vướng mắc cấp phép", before)
