"""The page where a unit starts its registration (đăng ký thi đua): the year, the collective title, the
unit's people with their titles; one per unit and year; the unit's own people only; audited."""

import pytest
from django.urls import reverse

from tests import factories
from tests.awards.conftest import make_person
from thidua.awards.models import Registration, RegistrationEntry, Title
from thidua.org.roles import Role

pytestmark = pytest.mark.django_db


def _start(client, unit, year=2026, title=Title.TTLDTT, movement=""):
    return client.post(
        reverse("awards:registration_new"),
        {"unit": unit.pk, "year": year, "collective_title": title, "movement": movement},
    )


def test_a_unit_head_starts_the_units_registration_adds_people_and_sends_it(client, cast):
    ha = make_person(cast.org, cast.unit, full_name="Trịnh Thu Hà")
    binh = make_person(cast.org, cast.unit, full_name="Trần Văn Bình")
    client.force_login(cast.unit_head)
    page = client.get(reverse("awards:registration_new"), {"nam": 2026})
    assert list(page.context["form"].fields["unit"].queryset) == [cast.unit]

    response = _start(client, cast.unit)
    registration = Registration.objects.get(unit=cast.unit, year=2026)
    assert response.url == reverse("awards:registration", args=[registration.pk])
    assert registration.status == Registration.Status.DRAFT and registration.collective_title == Title.TTLDTT

    add = reverse("awards:registration_entry_add", args=[registration.pk])
    client.post(add, {"person": ha.pk, "title": Title.CSTDCS})
    client.post(add, {"person": binh.pk, "title": Title.LDTT})
    assert dict(registration.entries.values_list("person__full_name", "title")) == {
        "Trịnh Thu Hà": Title.CSTDCS,
        "Trần Văn Bình": Title.LDTT,
    }
    entry = registration.entries.get(person=binh)
    client.post(reverse("awards:registration_entry_remove", args=[entry.pk]))
    client.post(
        reverse("awards:registration_title", args=[registration.pk]), {"collective_title": Title.TTLDXS}
    )
    client.post(reverse("awards:registration_submit", args=[registration.pk]))

    registration.refresh_from_db()
    assert registration.status == Registration.Status.SUBMITTED
    assert registration.collective_title == Title.TTLDXS
    assert list(registration.entries.values_list("person__full_name", flat=True)) == ["Trịnh Thu Hà"]
    # Every step is in the page's history, with why.
    history = client.get(reverse("awards:registration", args=[registration.pk])).context["history"]
    reasons = [entry.reason for entry in history]
    for reason in (
        "Lập đăng ký thi đua",
        "Thêm cá nhân đăng ký thi đua",
        "Bỏ cá nhân khỏi đăng ký thi đua",
        "Sửa danh hiệu tập thể đăng ký",
        "Gửi đăng ký thi đua",
    ):
        assert reason in reasons


def test_the_office_starts_a_registration_on_a_units_behalf(client, cast):
    client.force_login(cast.office)
    page = client.get(reverse("awards:registration_new"))
    assert set(page.context["form"].fields["unit"].queryset) == {cast.unit, cast.office_unit}
    assert _start(client, cast.unit, title="").status_code == 302
    assert Registration.objects.get(unit=cast.unit).collective_title == ""


def test_one_registration_per_unit_and_year_with_a_message_naming_the_year(client, cast):
    client.force_login(cast.unit_head)
    _start(client, cast.unit)
    response = _start(client, cast.unit, title=Title.TTLDXS)
    assert response.status_code == 200
    assert response.context["form"].errors["year"] == [
        "Đơn vị “Phòng Phát triển đô thị” đã có bản đăng ký thi đua năm 2026."
    ]
    assert Registration.objects.filter(unit=cast.unit).count() == 1
    # Another year is another registration.
    assert _start(client, cast.unit, year=2027).status_code == 302


def test_a_movement_registration_is_apart_from_the_years(client, cast):
    movement = factories.make_plan(cast.org).movement
    client.force_login(cast.unit_head)
    _start(client, cast.unit)
    assert _start(client, cast.unit, movement=movement.pk).status_code == 302
    response = _start(client, cast.unit, movement=movement.pk)
    assert "đã đăng ký thi đua cho phong trào này" in response.context["form"].errors["year"][0]
    assert Registration.objects.filter(unit=cast.unit).count() == 2


def test_a_unit_head_cannot_start_another_units_registration(client, cast):
    other = factories.make_unit(cast.org, "Phòng Quy hoạch")
    client.force_login(cast.unit_head)
    response = _start(client, other)
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert not Registration.objects.exists()


def test_staff_and_leaders_do_not_register_a_unit(client, cast):
    for user in (cast.staff, cast.leader):
        client.force_login(user)
        assert client.get(reverse("awards:registration_new")).status_code == 403
        assert _start(client, cast.unit).status_code == 403
    assert not Registration.objects.exists()


def test_a_unit_registers_only_its_own_people(client, cast):
    outsider = make_person(cast.org, cast.office_unit, full_name="Lê Văn Ngoài")
    client.force_login(cast.unit_head)
    _start(client, cast.unit)
    registration = Registration.objects.get()
    response = client.post(
        reverse("awards:registration_entry_add", args=[registration.pk]),
        {"person": outsider.pk, "title": Title.LDTT},
    )
    assert response.status_code == 200
    assert response.context["entry_form"].errors["person"] == [
        "Người đăng ký phải là người của đơn vị, chưa có trong bản đăng ký."
    ]
    assert not RegistrationEntry.objects.exists()


def test_a_person_is_registered_once_and_the_title_must_be_individual(client, cast):
    ha = make_person(cast.org, cast.unit)
    client.force_login(cast.unit_head)
    _start(client, cast.unit)
    registration = Registration.objects.get()
    add = reverse("awards:registration_entry_add", args=[registration.pk])
    client.post(add, {"person": ha.pk, "title": Title.LDTT})
    again = client.post(add, {"person": ha.pk, "title": Title.CSTDCS})
    assert "person" in again.context["entry_form"].errors
    wrong = make_person(cast.org, cast.unit)
    response = client.post(add, {"person": wrong.pk, "title": Title.TTLDTT})
    assert "title" in response.context["entry_form"].errors
    assert list(registration.entries.values_list("person_id", "title")) == [(ha.pk, Title.LDTT)]


def test_a_sent_registration_is_no_longer_changed(client, cast):
    ha = make_person(cast.org, cast.unit)
    client.force_login(cast.unit_head)
    _start(client, cast.unit)
    registration = Registration.objects.get()
    client.post(reverse("awards:registration_submit", args=[registration.pk]))
    page = client.get(reverse("awards:registration", args=[registration.pk]))
    assert page.context["entry_form"] is None and page.context["title_form"] is None
    client.post(
        reverse("awards:registration_entry_add", args=[registration.pk]), {"person": ha.pk, "title": "ldtt"}
    )
    client.post(reverse("awards:registration_title", args=[registration.pk]), {"collective_title": ""})
    registration.refresh_from_db()
    assert not registration.entries.exists() and registration.collective_title == Title.TTLDTT


def test_a_returned_registration_is_completed_and_sent_again(client, cast):
    ha = make_person(cast.org, cast.unit)
    client.force_login(cast.unit_head)
    _start(client, cast.unit)
    registration = Registration.objects.get()
    client.post(reverse("awards:registration_submit", args=[registration.pk]))
    client.force_login(cast.office)
    client.post(reverse("awards:registration_return", args=[registration.pk]), {"reason": "Bổ sung cá nhân"})
    client.force_login(cast.unit_head)
    client.post(
        reverse("awards:registration_entry_add", args=[registration.pk]), {"person": ha.pk, "title": "ldtt"}
    )
    client.post(reverse("awards:registration_submit", args=[registration.pk]))
    registration.refresh_from_db()
    assert registration.status == Registration.Status.SUBMITTED and registration.entries.count() == 1


def test_another_unit_head_and_another_agency_cannot_touch_the_entries(client, cast):
    ha = make_person(cast.org, cast.unit)
    client.force_login(cast.unit_head)
    _start(client, cast.unit)
    registration = Registration.objects.get()
    client.post(
        reverse("awards:registration_entry_add", args=[registration.pk]), {"person": ha.pk, "title": "ldtt"}
    )
    entry = registration.entries.get()
    other_unit = factories.make_unit(cast.org, "Phòng Quy hoạch")
    client.force_login(factories.make_user(cast.org, Role.UNIT_HEAD, unit=other_unit))
    assert client.post(reverse("awards:registration_entry_remove", args=[entry.pk])).status_code == 404
    client.force_login(cast.other_office)
    assert client.post(reverse("awards:registration_entry_remove", args=[entry.pk])).status_code == 404
    assert client.get(reverse("awards:registration", args=[registration.pk])).status_code == 404
    assert RegistrationEntry.objects.filter(pk=entry.pk).exists()


def test_the_office_sees_which_units_have_not_registered(client, cast):
    client.force_login(cast.unit_head)
    client.post(
        reverse("awards:registration_new"), {"unit": cast.unit.pk, "year": 2026, "collective_title": ""}
    )
    planning = factories.make_unit(cast.org, "Phòng Quy hoạch")
    client.force_login(cast.office)
    missing = client.get(reverse("awards:registrations"), {"nam": 2026}).context["missing"]
    assert planning in missing and cast.unit not in missing
    assert cast.unit in client.get(reverse("awards:registrations"), {"nam": 2027}).context["missing"]
