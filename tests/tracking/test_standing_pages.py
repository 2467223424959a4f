"""The pages where leaders and the province see the picture (#12 point 8): the leader's home digest, the
overview filtered by the status chips and grouped by plan, and the province's chart per agency."""

import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests import factories
from tests.tracking.test_views import _count_queries, _grow
from thidua.org.models import Membership
from thidua.tracking.models import Assignment, ProgressSnapshot


def stand(target, status):
    return ProgressSnapshot.objects.create(
        organization=target.plan.organization, target=target, status=status, computed_on=datetime.date.today()
    )


@pytest.fixture
def standing(cast):
    """Two plans under way: the first with a target behind (led by the cast's unit) and one on track, the
    second with one achieved."""
    first = factories.make_plan(cast.org, title="Kế hoạch chuyển đổi số")
    second = factories.make_plan(cast.org, title="Kế hoạch nhà ở xã hội")
    behind = factories.make_target(first, text="Tỷ lệ hồ sơ trực tuyến đạt 80%", position=1)
    on_track = factories.make_target(first, text="Số hóa 100% hồ sơ lưu trữ", position=2)
    achieved = factories.make_target(second, text="Xây dựng 7.500 căn hộ")
    stand(behind, "behind")
    stand(on_track, "on_track")
    stand(achieved, "achieved")
    Assignment.objects.create(organization=cast.org, target=behind, unit=cast.unit, role="lead")
    return {"plans": (first, second), "behind": behind, "on_track": on_track, "achieved": achieved}


def overview(client, query=""):
    return client.get(reverse("tracking:overview") + query)


def part(page: str, test_id: str) -> str:
    """The markup from the element with data-testid=`test_id` up to the end of the page."""
    return page.split(f'data-testid="{test_id}"', 1)[1]


def test_the_leaders_home_shows_the_agencys_standing_and_who_answers_for_what_is_behind(
    client, cast, standing
):
    client.force_login(cast.leader)
    page = client.get(reverse("home")).content.decode()
    digest = part(page, "digest")
    chips = part(digest, "status-counts").split("</div>")[0]
    assert f"?co-quan={cast.org.pk}&amp;tinh-trang=cham-tien-do" in chips and "Chậm tiến độ: 1" in chips
    assert "Đã đạt: 1" in chips and "Có nguy cơ: 0" in chips
    lagging = part(digest, "lagging").split("</ul>")[0]
    assert standing["behind"].text in lagging and cast.unit.name in lagging
    assert standing["on_track"].text not in lagging
    assert 'data-testid="status-bar"' in digest and 'data-status="behind"' in digest
    assert cast.unit.name in part(digest, "by-unit")
    assert 'data-testid="digest-overdue"' in page and 'data-testid="this-week"' in page


def test_the_office_gets_the_digest_without_a_second_overdue_list_and_units_get_none(client, cast, standing):
    client.force_login(cast.office)
    page = client.get(reverse("home")).content.decode()
    assert 'data-testid="digest"' in page and 'data-testid="office-work"' in page
    assert 'data-testid="digest-overdue"' not in page
    for person in (cast.unit_head, cast.staff, cast.observer):
        client.force_login(person)
        assert 'data-testid="digest"' not in client.get(reverse("home")).content.decode()


def test_a_status_chip_filters_the_overview_and_the_chips_still_count_everything(client, cast, standing):
    client.force_login(cast.leader)
    response = overview(client, "?tinh-trang=cham-tien-do")
    page = response.content.decode()
    table = part(page, "overview")
    assert standing["behind"].text in table
    assert standing["on_track"].text not in table and standing["achieved"].text not in table
    chips = part(page, "status-counts").split("</div>")[0]
    assert "Đúng tiến độ: 1" in chips and "Đã đạt: 1" in chips
    assert 'aria-current="true"' in chips and "Tất cả" in chips
    assert response.context["chosen"] == "behind"


def test_a_status_nothing_stands_at_says_so(client, cast, standing):
    client.force_login(cast.leader)
    page = overview(client, "?tinh-trang=chua-den-ky").content.decode()
    assert "Không có chỉ tiêu nào ở tình trạng này." in page


@pytest.mark.parametrize("value", ["behind", "abc", "²", "cham-tien-do-", "x" * 500])
def test_an_odd_status_is_ignored_with_a_message(client, cast, standing, value):
    client.force_login(cast.leader)
    response = overview(client, f"?tinh-trang={value}")
    assert response.status_code == 200 and response.context["chosen"] is None
    table = part(response.content.decode(), "overview")
    assert all(standing[key].text in table for key in ("behind", "on_track", "achieved"))
    assert "Đã bỏ qua tham số không hợp lệ “tinh-trang”." in response.content.decode()


def test_the_overview_lists_the_targets_under_the_plan_they_belong_to(client, cast, standing):
    client.force_login(cast.office)
    page = overview(client).content.decode()
    groups = page.split('data-testid="plan-group"')[1:]
    assert len(groups) == 2
    first, second = standing["plans"]
    assert first.title in groups[0] and second.title in groups[1]
    assert standing["behind"].text in groups[0] and standing["on_track"].text in groups[0]
    assert standing["achieved"].text in groups[1] and standing["behind"].text not in groups[1]
    assert groups[0].index(standing["behind"].text) < groups[0].index(standing["on_track"].text)


def test_the_filtered_export_holds_the_chosen_status_only(client, cast, standing):
    client.force_login(cast.office)
    response = overview(client, "?tinh-trang=da-dat&xuat=xlsx")
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    cells = [str(cell) for row in sheet.values for cell in row if cell]
    assert any(standing["achieved"].text in c for c in cells)
    assert not any(standing["behind"].text in c for c in cells)


def test_the_province_draws_a_chart_per_agency_linking_to_its_filtered_overview(client, cast, standing):
    stand(factories.make_target(factories.make_plan(cast.other_org)), "at_risk")
    client.force_login(cast.observer)
    Membership.objects.create(user=cast.observer, organization=cast.other_org, role="observer")
    page = client.get(reverse("tracking:province")).content.decode()
    rows = page.split('data-testid="agency"')[1:]
    assert len(rows) == 2
    charts = [row.split("</svg>")[0] for row in rows]
    assert all('data-testid="status-bar"' in chart for chart in charts)
    mine = next(i for i, row in enumerate(rows) if cast.org.name in row)
    assert 'data-status="behind"' in charts[mine] and 'data-status="at_risk"' not in charts[mine]
    assert 'data-status="at_risk"' in charts[1 - mine]
    assert f"?co-quan={cast.org.pk}&amp;tinh-trang=cham-tien-do" in rows[mine]


def test_the_leaders_home_reads_as_many_rows_however_much_there_is(client, cast, standing):
    client.force_login(cast.leader)
    small = _count_queries(client, reverse("home"))
    _grow(cast)
    assert _count_queries(client, reverse("home")) == small
