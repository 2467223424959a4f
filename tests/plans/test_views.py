import datetime

import pytest
from django.urls import reverse

from tests import factories
from thidua.plans.models import Plan


@pytest.fixture
def plans(cast):
    mine = factories.make_plan(cast.org, title="Kế hoạch tăng trưởng hai con số")
    factories.make_target(
        mine,
        text="Số căn hộ nhà ở xã hội đạt 7.500 căn hộ trở lên",
        value=7500,
        unit_of_measure="căn hộ",
        comparator=">=",
        period_kind="cumulative",
    )
    factories.make_deadline(mine, due_on=datetime.date(2028, 9, 10), text="Tổ chức sơ kết", kind="interim")
    factories.make_phase(mine)
    factories.make_reference(mine)
    theirs = factories.make_plan(cast.other_org, title="Kế hoạch phát triển doanh nghiệp tư nhân")
    factories.make_target(theirs, text="Chỉ tiêu riêng của Lạng Sơn")
    return mine, theirs


def test_pages_require_login(client, plans):
    mine, _ = plans
    for url in (reverse("home"), reverse("plans:list"), mine.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_another_agencys_plan_does_not_exist_for_me(client, cast, plans):
    _, theirs = plans
    client.force_login(cast.office)
    assert client.get(theirs.get_absolute_url()).status_code == 404


def test_lists_show_none_of_another_agencys_rows(client, cast, plans):
    client.force_login(cast.office)
    for url in (
        reverse("plans:list"),
        reverse("home"),
        reverse("plans:list") + f"?organization={cast.other_org.pk}",
    ):
        page = client.get(url).content.decode()
        assert "phát triển doanh nghiệp tư nhân" not in page
        assert "Chỉ tiêu riêng của Lạng Sơn" not in page


def test_plan_list_searches_and_filters(client, cast, plans):
    factories.make_plan(cast.org, title="Kế hoạch dự thảo khác", status=Plan.Status.DRAFT)
    client.force_login(cast.office)
    assert [p.title for p in client.get(reverse("plans:list"), {"q": "hai con số"}).context["page"]] == [
        "Kế hoạch tăng trưởng hai con số"
    ]
    drafts = client.get(reverse("plans:list"), {"status": "draft"}).context["page"]
    assert [p.title for p in drafts] == ["Kế hoạch dự thảo khác"]


def test_plan_list_paginates(client, cast):
    for _ in range(23):
        factories.make_plan(cast.org)
    client.force_login(cast.staff)
    assert len(client.get(reverse("plans:list")).context["page"]) == 20
    assert len(client.get(reverse("plans:list"), {"page": 2}).context["page"]) == 3


def test_plan_list_empty_state(client, cast):
    client.force_login(cast.staff)
    assert "Không có kế hoạch nào phù hợp." in client.get(reverse("plans:list")).content.decode()


def test_plan_detail_shows_targets_deadlines_phases_and_references(client, cast, plans):
    mine, _ = plans
    client.force_login(cast.staff)
    page = client.get(mine.get_absolute_url()).content.decode()
    assert "Số căn hộ nhà ở xã hội đạt 7.500 căn hộ trở lên" in page
    assert "≥ 7.500 căn hộ" in page
    assert "Lũy kế cả giai đoạn" in page
    assert "10/09/2028" in page and "Hoàn thành chậm nhất ngày 09/09/2028" in page
    assert "01/01/2026 – 30/06/2028" in page
    assert "184/KH-UBND" in page


def test_history_is_shown_to_those_who_may_audit(client, cast, plans):
    mine, _ = plans
    target = mine.targets.first()
    target.value = 8000
    target._change_reason = "Điều chỉnh theo văn bản của UBND tỉnh"
    target.save()
    client.force_login(cast.office)
    page = client.get(mine.get_absolute_url()).content.decode()
    assert "Lịch sử thay đổi" in page and "Điều chỉnh theo văn bản của UBND tỉnh" in page
    client.force_login(cast.staff)
    assert "Lịch sử thay đổi" not in client.get(mine.get_absolute_url()).content.decode()


def test_plan_detail_query_count_does_not_grow_with_targets(client, cast, django_assert_max_num_queries):
    plan = factories.make_plan(cast.org)
    for i in range(30):
        factories.make_target(plan, text=f"Chỉ tiêu {i}", lead_unit=cast.unit)
        factories.make_deadline(plan, text=f"Thời hạn {i}")
    client.force_login(cast.staff)
    with django_assert_max_num_queries(15):
        client.get(plan.get_absolute_url())


def test_home_page_greets_by_role(client, cast, plans):
    mine, _ = plans
    factories.make_target(mine, text="Chỉ tiêu phòng tôi chủ trì", lead_unit=cast.unit)
    client.force_login(cast.unit_head)
    page = client.get(reverse("home")).content.decode()
    assert "Chỉ tiêu phòng tôi chủ trì" in page
    assert "Kế hoạch tăng trưởng hai con số" in page


def test_the_office_marks_an_agency_deadline_done(client, cast, plans):
    mine, _ = plans
    deadline = mine.deadlines.get()
    url = reverse("plans:deadline_complete", args=[deadline.pk])
    client.force_login(cast.unit_head)
    assert client.post(url).status_code == 403
    client.force_login(cast.office)
    client.post(url)
    deadline.refresh_from_db()
    assert deadline.completed_on is not None
    assert "Đã hoàn thành" in client.get(mine.get_absolute_url()).content.decode()
