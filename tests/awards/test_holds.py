import datetime

import pytest
from django.urls import reverse

from tests import factories
from tests.awards.conftest import make_person
from thidua.awards.models import HoldFlag
from thidua.org.roles import Role

pytestmark = pytest.mark.django_db


def test_the_office_puts_a_hold_on_a_person_and_closes_it_with_history(client, cast):
    person = make_person(cast.org, cast.unit, full_name="Nguyễn Văn An")
    client.force_login(cast.office)
    response = client.post(
        reverse("awards:hold_new", args=[person.pk]),
        {"kind": HoldFlag.Kind.COMPLAINT, "opened_on": "01/03/2026", "note": "Đơn tố cáo số 12/ĐTC"},
    )
    assert response.status_code == 302
    hold = HoldFlag.objects.get(person=person)
    assert hold.closed_on is None and hold.note == "Đơn tố cáo số 12/ĐTC"
    page = client.get(reverse("awards:person", args=[person.pk])).content.decode()
    assert "Đơn tố cáo số 12/ĐTC" in page and reverse("awards:hold_edit", args=[hold.pk]) in page

    # Closing it: the hold no longer blocks a reward after its end.
    response = client.post(
        reverse("awards:hold_edit", args=[hold.pk]),
        {"kind": hold.kind, "opened_on": "01/03/2026", "closed_on": "30/06/2026", "note": hold.note},
    )
    assert response.status_code == 302
    hold.refresh_from_db()
    assert hold.closed_on == datetime.date(2026, 6, 30)
    assert [h.history_change_reason for h in hold.history.order_by("history_date")] == [
        "Tạm dừng xét khen thưởng",
        "Kết thúc tạm dừng xét khen thưởng",
    ]


def test_a_hold_cannot_close_before_it_opens(client, cast):
    person = make_person(cast.org, cast.unit)
    client.force_login(cast.office)
    response = client.post(
        reverse("awards:hold_new", args=[person.pk]),
        {"kind": HoldFlag.Kind.INSPECTION, "opened_on": "01/03/2026", "closed_on": "01/02/2026", "note": "x"},
    )
    assert response.status_code == 200
    assert not HoldFlag.objects.exists()


def test_a_unit_head_may_not_hold_and_another_agency_gets_404(client, cast):
    person = make_person(cast.org, cast.unit)
    client.force_login(cast.unit_head)
    assert client.get(reverse("awards:hold_new", args=[person.pk])).status_code == 403
    client.force_login(factories.make_user(cast.other_org, Role.OFFICE))
    assert client.get(reverse("awards:hold_new", args=[person.pk])).status_code == 404
