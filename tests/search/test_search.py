"""The search box: Vietnamese without regard to case or diacritics, grouped by kind, and only what the
person may open."""

import datetime
import unicodedata

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests import factories
from thidua.core.search import fold, matching
from thidua.engagement.models import Feedback
from thidua.org.models import Unit
from thidua.plans.models import Plan

pytestmark = pytest.mark.django_db

URL = reverse("search:results")


@pytest.fixture
def world(cast):
    """In the agency: a plan, a target, a unit, a feedback of its enterprise; the same words in the
    other agency's plan."""
    plan = factories.make_plan(cast.org, title="Kế hoạch tổ chức ĐẠI HỘI thi đua yêu nước")
    factories.make_target(plan, text="Tổ chức thành công Đại hội điển hình tiên tiến")
    factories.make_unit(cast.org, "Phòng Đại hội và Sự kiện")
    Feedback.objects.create(
        organization=cast.org,
        enterprise=cast.enterprise,
        subject="Kiến nghị về thủ tục trước đại hội",
        content="Nội dung",
        received_on=datetime.date(2026, 3, 2),
    )
    factories.make_plan(cast.other_org, title="Kế hoạch Đại hội của tỉnh khác")
    return cast


def _found(client, user, query: str, kind: str | None = None) -> dict[str, list[str]]:
    client.force_login(user)
    response = client.get(URL, {"q": query} | ({"loai": kind} if kind else {}))
    assert response.status_code == 200
    if kind:
        return {kind: [title for title, _url, _detail in response.context["rows"]]}
    return {k.key: [title for title, _url, _detail in rows] for k, rows, _count in response.context["groups"]}


@pytest.mark.parametrize("query", ["đại hội", "ĐẠI HỘI", "dai hoi", "DAI HOI", "Đại Hội"])
def test_any_case_and_any_diacritics_find_the_same_rows(client, world, query):
    found = _found(client, world.office, query)
    assert found["ke-hoach"] == ["Kế hoạch tổ chức ĐẠI HỘI thi đua yêu nước"]
    assert len(found["chi-tieu"]) == 1 and found["don-vi"] == ["Phòng Đại hội và Sự kiện"]
    assert len(found["phan-anh"]) == 1


def test_every_word_must_appear_in_any_order(client, world):
    assert _found(client, world.office, "thi dua dai hoi")["ke-hoach"] == [
        "Kế hoạch tổ chức ĐẠI HỘI thi đua yêu nước"
    ]
    assert "ke-hoach" not in _found(client, world.office, "dai hoi xyz")


def test_d_with_stroke_folds_to_d(world):
    assert fold("Đường ĐÔ THỊ đẹp") == "duong do thi dep"
    rows = matching(Unit.objects.filter(organization=world.org), ["name"], "dai hoi")
    assert [u.name for u in rows] == ["Phòng Đại hội và Sự kiện"]


def test_text_stored_decomposed_is_found_too(world):
    factories.make_plan(world.org, title=unicodedata.normalize("NFD", "Hội nghị sơ kết"))
    assert matching(Plan.objects.filter(organization=world.org), ["title"], "hoi nghi so ket").count() == 1


@given(st.text(alphabet="aăâeêioôơuưyđAĂÂEÊIOÔƠUƯYĐbcdghklmnpqrstvx àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọ"))
def test_folding_is_idempotent_and_ascii_for_vietnamese(text):
    assert fold(fold(text)) == fold(text)
    assert fold(text).isascii()
    assert fold(text) == fold(text.upper())


def test_the_database_folds_exactly_as_python(world):
    """The same table on both databases: every accented letter, upper and lower case."""
    from thidua.core.search import ACCENTED

    unit = factories.make_unit(world.org, ACCENTED)
    assert matching(Unit.objects.filter(pk=unit.pk), ["name"], fold(ACCENTED)).count() == 1


def test_an_enterprise_finds_only_its_own_things(client, world):
    factories.make_enterprise(world.org, name="Công ty Đại Hội Xanh")
    found = _found(client, world.enterprise_user, "dai hoi")
    assert set(found) == {"phan-anh"}  # its own feedback; no plan, target, unit or other enterprise
    own = _found(client, world.enterprise_user, world.enterprise.name)
    assert own == {"doanh-nghiep": [world.enterprise.name]}


def test_another_agencys_things_never_show(client, world):
    found = _found(client, world.office, "tinh khac")
    assert found == {}
    assert _found(client, world.other_office, "dai hoi")["ke-hoach"] == ["Kế hoạch Đại hội của tỉnh khác"]


def test_people_are_found_by_the_office_only(client, world):
    factories.make_user(world.org, "staff", unit=world.unit, full_name="Nguyễn Thị Hằng")
    assert _found(client, world.office, "nguyen thi hang")["nguoi-dung"] == ["Nguyễn Thị Hằng"]
    assert "nguoi-dung" not in _found(client, world.staff, "nguyen thi hang")


def test_a_draft_plan_is_found_only_by_those_who_see_drafts(client, world):
    factories.make_plan(world.org, status=Plan.Status.DRAFT, title="Dự thảo kế hoạch hội thao")
    assert _found(client, world.office, "hoi thao")["ke-hoach"] == ["Dự thảo kế hoạch hội thao"]
    assert _found(client, world.staff, "hoi thao") == {}


def test_every_result_opens_for_the_person_who_found_it(client, world):
    for user in (world.office, world.staff, world.enterprise_user):
        client.force_login(user)
        response = client.get(URL, {"q": "dai hoi"})
        for _kind, rows, _count in response.context["groups"]:
            for _title, url, _detail in rows:
                assert client.get(url).status_code == 200, (user, url)


def test_one_kind_pages_through_all_its_results(client, world):
    for n in range(25):
        factories.make_unit(world.org, f"Tổ công tác đại hội số {n}")
    client.force_login(world.office)
    grouped = client.get(URL, {"q": "to cong tac"})
    (kind, rows, count), *_ = grouped.context["groups"]
    assert (kind.key, len(rows), count) == ("don-vi", 5, 25)
    assert "Xem tất cả 25 kết quả" in grouped.content.decode()
    first = client.get(URL, {"q": "to cong tac", "loai": "don-vi"})
    second = client.get(URL, {"q": "to cong tac", "loai": "don-vi", "page": "2"})
    assert (len(first.context["rows"]), len(second.context["rows"])) == (20, 5)


def test_nothing_found_and_nothing_asked_say_so_in_vietnamese(client, world):
    client.force_login(world.office)
    assert (
        "Không tìm thấy kết quả nào cho “khong co gi”"
        in client.get(URL, {"q": "khong co gi"}).content.decode()
    )
    assert "Nhập từ khóa để tìm." in client.get(URL).content.decode()


def test_the_header_has_the_search_box(client, world):
    client.force_login(world.staff)
    page = client.get(reverse("home")).content.decode()
    assert f'action="{URL}"' in page and 'name="q"' in page
