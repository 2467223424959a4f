import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import factories
from thidua.plans.models import Deadline
from thidua.tracking.models import UnitPlan
from thidua.tracking.unit_plans import unit_plan_rows

UNIT_PLAN = """KẾ HOẠCH

Thực hiện phong trào thi đua tại Phòng Phát triển đô thị

I. MỤC TIÊU

1. Số căn hộ nhà ở xã hội được xây dựng mới năm 2026 đạt 1.500 căn hộ trở lên.

2. Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn đạt từ 99% trở lên.

II. TỔ CHỨC THỰC HIỆN

Các tổ chuyên môn triển khai thực hiện.
"""


@pytest.fixture
def plan(cast):
    plan = factories.make_plan(cast.org)
    factories.make_deadline(
        plan, due_on=datetime.date(2026, 8, 30), bound="before", kind=Deadline.Kind.UNIT_PLAN
    )
    factories.make_target(
        plan,
        text="Số căn hộ nhà ở xã hội được xây dựng mới đạt 7.500 căn hộ trở lên",
        value=Decimal(7500),
        unit_of_measure="căn hộ",
        period_kind="cumulative",
    )
    factories.make_target(plan, text="Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn đạt từ 99% trở lên")
    return plan


def send(client, plan, content=None, name="ke-hoach-phong.txt"):
    content = UNIT_PLAN.encode() if content is None else content
    return client.post(
        reverse("tracking:unit_plans", args=[plan.pk]), {"file": SimpleUploadedFile(name, content)}
    )


def test_a_unit_sends_its_plan_and_its_targets_are_linked_to_the_agencys(client, cast, plan):
    client.force_login(cast.unit_head)
    response = send(client, plan)
    unit_plan = UnitPlan.objects.get()
    assert response.url == unit_plan.get_absolute_url()
    links = {link.unit_of_measure: link for link in unit_plan.links.all()}
    assert links["căn hộ"].parent.unit_of_measure == "căn hộ" and links["căn hộ"].value == Decimal(1500)
    assert links["%"].parent.text.startswith("Tỷ lệ hồ sơ")
    assert not any(link.confirmed for link in links.values())


def test_the_office_confirms_or_corrects_links(client, cast, plan):
    client.force_login(cast.unit_head)
    send(client, plan)
    unit_plan = UnitPlan.objects.get()
    housing = unit_plan.links.get(unit_of_measure="căn hộ")
    rate = unit_plan.links.get(unit_of_measure="%")
    client.force_login(cast.unit_head)
    assert client.post(unit_plan.get_absolute_url(), {f"link-{housing.pk}": ""}).status_code == 403
    client.force_login(cast.office)
    client.post(
        unit_plan.get_absolute_url(), {f"link-{housing.pk}": str(housing.parent_id), f"link-{rate.pk}": ""}
    )
    housing.refresh_from_db()
    rate.refresh_from_db()
    assert housing.confirmed and housing.parent is not None
    assert rate.confirmed and rate.parent is None


def test_the_office_sees_who_has_sent_and_how_late(cast, plan, client):
    client.force_login(cast.unit_head)
    send(client, plan)
    rows = {row.unit: row for row in unit_plan_rows(plan, today=datetime.date(2026, 9, 9))}
    assert rows[cast.unit].unit_plan is not None
    assert rows[cast.office_unit].unit_plan is None and rows[cast.office_unit].days_late == 11
    client.force_login(cast.office)
    page = client.get(reverse("tracking:unit_plans", args=[plan.pk])).content.decode()
    assert "Đã nhận 1/2" in page and "Chưa gửi" in page


def test_an_unreadable_plan_still_counts_as_sent(client, cast, plan):
    client.force_login(cast.unit_head)
    send(client, plan, content="Danh sách cán bộ tham gia".encode())
    unit_plan = UnitPlan.objects.get()
    assert "không giống một kế hoạch" in unit_plan.data["error"]
    assert unit_plan.links.count() == 0


def test_a_unit_sends_only_its_own_plan_and_other_agencies_see_nothing(client, cast, plan):
    client.force_login(cast.staff)
    assert send(client, plan).status_code == 403
    client.force_login(cast.other_office)
    assert client.get(reverse("tracking:unit_plans", args=[plan.pk])).status_code == 404
    assert UnitPlan.objects.count() == 0
