"""The office's rewards pages and the units' registrations: who sees what, who may do what."""

import pytest
from django.urls import reverse

from tests import factories
from tests.awards.conftest import make_person
from thidua.awards.models import Registration

pytestmark = pytest.mark.django_db


def test_the_office_reads_the_staff_register_filtered_by_unit(client, cast, staff):
    other = make_person(cast.org, cast.office_unit, full_name="Người Văn phòng")
    client.force_login(cast.office)
    response = client.get(reverse("awards:people"), {"don-vi": cast.unit.pk})
    assert response.status_code == 200
    names = [person.full_name for person in response.context["page"]]
    assert "Trịnh Thu Trang" in names and other.full_name not in names
    assert len(client.get(reverse("awards:people")).context["page"]) == 5


def test_the_register_is_paginated(client, cast):
    for _ in range(55):
        make_person(cast.org, cast.unit)
    client.force_login(cast.office)
    first = client.get(reverse("awards:people")).context["page"]
    assert (len(first), first.paginator.num_pages) == (50, 2)


def test_a_persons_page_shows_ratings_and_history(client, cast, staff):
    client.force_login(cast.office)
    response = client.get(reverse("awards:person", args=[staff["an"].pk]))
    assert response.status_code == 200
    assert "Hoàn thành tốt nhiệm vụ" in response.content.decode() and response.context["history"]


@pytest.mark.parametrize("who", ["staff", "unit_head", "leader", "observer", "enterprise_user"])
def test_others_than_the_office_may_not_read_the_register_or_the_verdicts(client, cast, staff, who):
    client.force_login(getattr(cast, who))
    assert client.get(reverse("awards:people")).status_code in (403, 404)
    assert client.get(reverse("awards:eligibility")).status_code in (403, 404)
    assert client.get(reverse("awards:person", args=[staff["an"].pk])).status_code in (403, 404)


def test_another_agencys_office_finds_no_such_person_or_registration(client, cast, staff):
    client.force_login(cast.other_office)
    assert client.get(reverse("awards:person", args=[staff["an"].pk])).status_code == 404
    registration = Registration.objects.get(unit=cast.unit)
    assert client.get(reverse("awards:registration", args=[registration.pk])).status_code == 404
    assert client.post(reverse("awards:registration_approve", args=[registration.pk])).status_code == 404


def test_the_eligibility_page_shows_each_verdict_with_its_reasons_and_basis(client, cast, staff):
    client.force_login(cast.office)
    response = client.get(reverse("awards:eligibility"), {"nam": 2026})
    text = response.content.decode()
    assert response.status_code == 200
    assert (
        "Chiến sĩ thi đua cơ sở" in text
        and "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 23 khoản 2" in text
    )
    assert any(
        row["subject"] == cast.unit.name and row["title"] == "ttldtt" for row in response.context["rows"]
    )


@pytest.fixture
def draft(cast, staff):
    registration = Registration.objects.get(unit=cast.unit)
    registration.status = Registration.Status.DRAFT
    registration.save()
    return registration


def test_the_unit_head_sends_and_the_office_returns_and_approves(client, cast, draft):
    client.force_login(cast.unit_head)
    assert client.get(reverse("awards:registrations"), {"nam": 2026}).context["rows"].get() == draft
    assert client.post(reverse("awards:registration_submit", args=[draft.pk])).status_code == 302
    client.force_login(cast.office)
    url = reverse("awards:registration_return", args=[draft.pk])
    assert client.post(url, {"reason": "Bổ sung danh sách"}).status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.return_reason) == (Registration.Status.RETURNED, "Bổ sung danh sách")
    client.force_login(cast.unit_head)
    client.post(reverse("awards:registration_submit", args=[draft.pk]))
    client.force_login(cast.office)
    client.post(reverse("awards:registration_approve", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == Registration.Status.APPROVED


def test_a_unit_head_sees_only_the_units_own_registration(client, cast, draft):
    other_unit = factories.make_unit(cast.org, "Phòng Quản lý xây dựng")
    other = Registration.objects.create(
        organization=cast.org, unit=other_unit, year=2026, collective_title="ttldtt"
    )
    client.force_login(cast.unit_head)
    assert list(client.get(reverse("awards:registrations"), {"nam": 2026}).context["rows"]) == [draft]
    assert client.get(reverse("awards:registration", args=[other.pk])).status_code == 404
    assert client.post(reverse("awards:registration_submit", args=[other.pk])).status_code == 403
    other.refresh_from_db()
    assert other.status == Registration.Status.DRAFT


@pytest.mark.parametrize("who", ["staff", "unit_head"])
def test_only_the_office_approves_a_sent_registration(client, cast, draft, who):
    client.force_login(cast.unit_head)
    client.post(reverse("awards:registration_submit", args=[draft.pk]))
    client.force_login(getattr(cast, who))
    assert client.post(reverse("awards:registration_approve", args=[draft.pk])).status_code == 403
    draft.refresh_from_db()
    assert draft.status == Registration.Status.SUBMITTED


def test_approving_a_draft_says_why_and_changes_nothing(client, cast, draft):
    client.force_login(cast.office)
    response = client.post(reverse("awards:registration_approve", args=[draft.pk]), follow=True)
    assert "Đăng ký không ở trạng thái cho phép thao tác này." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Registration.Status.DRAFT


def test_the_menu_offers_rewards_to_the_office_and_unit_heads_only(client, cast):
    for user, shown in ((cast.office, True), (cast.unit_head, True), (cast.staff, False)):
        client.force_login(user)
        assert (reverse("awards:registrations") in client.get(reverse("home")).content.decode()) is shown
