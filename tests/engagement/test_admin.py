"""Feedback rules in the admin: national rows are the platform's, an agency's rows its own admin's."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests import factories
from tests.engagement.factories import make_rule
from thidua.engagement import services
from thidua.engagement.models import FeedbackRule
from thidua.org.models import User
from thidua.org.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def rules(cast):
    national = make_rule(legal_basis="Nghị định toàn quốc")
    own = make_rule(cast.org, answer_working_days=10, legal_basis="Quy chế của Sở Thanh Hóa")
    theirs = make_rule(cast.other_org, answer_working_days=7, legal_basis="Quy chế của Sở Lạng Sơn")
    return national, own, theirs


@pytest.fixture
def agency_admin(cast):
    """A staff member of the first agency with every model permission on feedback rules."""
    user = factories.make_user(cast.org, Role.OFFICE, is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__endswith="_feedbackrule"))
    return User.objects.get(pk=user.pk)


def _change_url(rule):
    return reverse("admin:engagement_feedbackrule_change", args=[rule.pk])


def _data(rule, organization, **changes):
    data = {
        "organization": organization.pk if organization else "",
        "legal_basis": rule.legal_basis,
        "valid_from": rule.valid_from.isoformat(),
        "valid_to": "",
        "answer_working_days": rule.answer_working_days,
    }
    return data | changes


def test_a_staff_admin_sees_and_edits_only_their_agencys_rows(cast, client, rules, agency_admin):
    _national, own, _theirs = rules
    client.force_login(agency_admin)
    page = client.get(reverse("admin:engagement_feedbackrule_changelist")).content.decode()
    assert "Quy chế của Sở Thanh Hóa" in page
    assert "Nghị định toàn quốc" not in page and "Quy chế của Sở Lạng Sơn" not in page
    assert "Sở Xây dựng tỉnh Lạng Sơn" not in page  # nor in the filter's choices

    response = client.post(_change_url(own), _data(own, cast.org, answer_working_days=12))
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.answer_working_days == 12
    assert own.history.first().history_user == agency_admin


def test_a_staff_admin_cannot_change_national_or_other_agencies_rows(cast, client, rules, agency_admin):
    national, _own, theirs = rules
    client.force_login(agency_admin)
    for rule in (national, theirs):
        client.post(_change_url(rule), _data(rule, rule.organization, answer_working_days=1))
        client.post(reverse("admin:engagement_feedbackrule_delete", args=[rule.pk]), {"post": "yes"})
        history = rule.history.first()
        # simple-history's version pages load the row by key: outside the admin's rows it does not exist.
        url = reverse("admin:engagement_feedbackrule_simple_history", args=[rule.pk, history.history_id])
        assert client.get(url).status_code == 404
        assert client.post(url, _data(rule, rule.organization, answer_working_days=1)).status_code == 404
        rule.refresh_from_db()
        assert rule.answer_working_days != 1
    assert FeedbackRule.objects.count() == 3


def test_a_staff_admin_adds_rows_only_for_their_agency(cast, client, rules, agency_admin):
    national, *_ = rules
    client.force_login(agency_admin)
    add = reverse("admin:engagement_feedbackrule_add")
    assert client.post(add, _data(national, None, legal_basis="Quy định mới")).status_code == 200
    assert client.post(add, _data(national, cast.other_org, legal_basis="Quy định mới")).status_code == 200
    assert not FeedbackRule.objects.filter(legal_basis="Quy định mới").exists()
    assert client.post(add, _data(national, cast.org, legal_basis="Quy định mới")).status_code == 302
    assert FeedbackRule.objects.get(legal_basis="Quy định mới").organization == cast.org


def test_reverting_a_version_needs_the_change_permission(cast, client, rules):
    _national, own, _theirs = rules
    reader = factories.make_user(cast.org, Role.OFFICE, is_staff=True)
    reader.user_permissions.set(Permission.objects.filter(codename="view_feedbackrule"))
    client.force_login(reader)
    url = reverse(
        "admin:engagement_feedbackrule_simple_history", args=[own.pk, own.history.first().history_id]
    )
    assert client.get(url).status_code == 200
    assert client.post(url, _data(own, cast.org, answer_working_days=3)).status_code == 403
    own.refresh_from_db()
    assert own.answer_working_days == 10


def test_a_superuser_keeps_the_national_rows(client, rules):
    national, *_agencies = rules
    superuser = User.objects.create_superuser(username="quantri", password="mat-khau-thu")
    client.force_login(superuser)
    page = client.get(reverse("admin:engagement_feedbackrule_changelist")).content.decode()
    assert "Nghị định toàn quốc" in page and "Quy chế của Sở Lạng Sơn" in page
    assert (
        client.post(_change_url(national), _data(national, None, answer_working_days=20)).status_code == 302
    )
    national.refresh_from_db()
    assert national.answer_working_days == 20 and national.organization is None


def test_criteria_are_kept_on_the_office_pages_not_in_the_admin(cast, client):
    criterion_set = services.criterion_set_create(
        organization=cast.org, year=2026, name="Tiêu chí 2026", from_plan=True, user=cast.office
    )
    superuser = User.objects.create_superuser(username="quantri", password="mat-khau-thu")
    client.force_login(superuser)
    url = reverse("admin:engagement_criterionset_change", args=[criterion_set.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"name": "Đổi trong trang quản trị", "year": 2026}).status_code == 403
    criterion_set.refresh_from_db()
    assert criterion_set.name == "Tiêu chí 2026"
