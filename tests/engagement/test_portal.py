"""An enterprise's own page: its home, its rows only, its menu; the agency's people have none."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from tests import factories
from tests.engagement.factories import make_feedback, make_rule
from thidua.engagement import services
from thidua.engagement.models import Assessment, Criterion, CriterionSet, Feedback
from thidua.org.roles import Role

pytestmark = pytest.mark.django_db

PORTAL = "/doanh-nghiep/cua-toi/"


@pytest.fixture
def rival(cast):
    enterprise = factories.make_enterprise(cast.org, name="Công ty Cổ phần Đối thủ")
    return enterprise, factories.make_user(cast.org, Role.ENTERPRISE, enterprise=enterprise)


@pytest.fixture
def criteria(cast):
    criterion_set = CriterionSet.objects.create(organization=cast.org, year=2026, name="Tiêu chí năm 2026")
    Criterion.objects.create(criterion_set=criterion_set, group="efficiency", text="Doanh thu", max_points=10)
    return criterion_set


def _page(client, user) -> str:
    client.force_login(user)
    response = client.get(PORTAL)
    assert response.status_code == 200
    return response.content.decode()


def test_an_enterprise_lands_on_its_portal(cast, client):
    client.force_login(cast.enterprise_user)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == PORTAL


def test_the_agency_people_keep_their_overview_and_have_no_portal(cast, client):
    for person in (cast.office, cast.leader, cast.staff, cast.observer):
        client.force_login(person)
        assert client.get("/").status_code == 200
        assert client.get(PORTAL).status_code == 404


def test_the_portal_shows_its_own_feedback_with_state_and_answer_never_another_enterprises(
    cast, client, rival
):
    make_rule()
    mine = make_feedback(cast.org, cast.enterprise, cast.enterprise_user, subject="Giấy phép của tôi")
    services.feedback_assign(feedback=mine, unit=cast.unit, user=cast.office)
    services.feedback_answer(feedback=mine, answer="Đã cấp phép ngày 02/05.", user=cast.unit_head)
    make_feedback(cast.org, rival[0], rival[1], subject="Kiến nghị của đối thủ", content="Bí mật đối thủ")
    page = _page(client, cast.enterprise_user)
    assert "Giấy phép của tôi" in page and "Đã cấp phép ngày 02/05." in page
    assert str(Feedback.State.ANSWERED.label) in page
    assert "Kiến nghị của đối thủ" not in page and "Bí mật đối thủ" not in page and "Đối thủ" not in page


def test_the_portal_lists_the_dialogues_it_attends_and_of_the_others_only_those_to_come(cast, client, rival):
    attends = _dialogue(cast, "Đối thoại quý IV", 10, [cast.enterprise])
    held_without_it = _dialogue(cast, "Đối thoại riêng đã họp", -20, [rival[0]])
    services.dialogue_hold(
        dialogue=held_without_it, held_on=held_without_it.scheduled_on, minutes="Biên bản", user=cast.office
    )
    page = _page(client, cast.enterprise_user)
    assert "Đối thoại quý IV" in page and "Sắp tổ chức" in page
    assert f"/doanh-nghiep/doi-thoai/{attends.pk}/dang-ky/" not in page  # it attends already
    assert "Đối thoại riêng đã họp" not in page and "Biên bản" not in page


def _dialogue(cast, title, days, enterprises=()):
    return services.dialogue_schedule(
        organization=cast.org,
        title=title,
        scheduled_on=timezone.localdate() + datetime.timedelta(days=days),
        enterprises=enterprises,
        user=cast.office,
    )


def test_an_enterprise_signs_up_for_a_dialogue_to_come_and_then_attends_it(cast, client):
    dialogue = _dialogue(cast, "Đối thoại mở", 5)
    page = _page(client, cast.enterprise_user)
    assert "Đối thoại mở" in page and f"/doanh-nghiep/doi-thoai/{dialogue.pk}/dang-ky/" in page
    response = client.post(f"/doanh-nghiep/doi-thoai/{dialogue.pk}/dang-ky/")
    assert response.status_code == 302 and response["Location"] == f"/doanh-nghiep/doi-thoai/{dialogue.pk}/"
    assert list(dialogue.enterprises.all()) == [cast.enterprise]
    assert dialogue.history.first().history_change_reason == "Doanh nghiệp đăng ký tham dự đối thoại"
    assert client.get(f"/doanh-nghiep/doi-thoai/{dialogue.pk}/").status_code == 200


def test_a_past_or_held_dialogue_takes_no_registration_and_changes_nothing(cast, client):
    past = _dialogue(cast, "Đối thoại đã qua", -1)
    client.force_login(cast.enterprise_user)
    assert "Đối thoại đã qua" not in client.get(PORTAL).content.decode()
    response = client.post(f"/doanh-nghiep/doi-thoai/{past.pk}/dang-ky/")
    assert response.status_code == 302 and response["Location"] == PORTAL
    assert not past.enterprises.exists()


def test_only_an_enterprise_signs_up_and_only_in_its_own_agency(cast, client):
    dialogue = _dialogue(cast, "Đối thoại mở", 5)
    client.force_login(cast.office)
    assert client.post(f"/doanh-nghiep/doi-thoai/{dialogue.pk}/dang-ky/").status_code == 403
    stranger = factories.make_user(
        cast.other_org,
        Role.ENTERPRISE,
        enterprise=factories.make_enterprise(cast.other_org),
    )
    client.force_login(stranger)
    assert client.post(f"/doanh-nghiep/doi-thoai/{dialogue.pk}/dang-ky/").status_code == 404
    assert not dialogue.enterprises.exists()


def test_a_year_without_self_assessment_is_a_thing_to_do_with_the_button_to_start(cast, client, criteria):
    page = _page(client, cast.enterprise_user)
    assert "chưa tự chấm điểm thi đua năm 2026" in page
    assert f'action="/doanh-nghiep/tieu-chi/{criteria.pk}/tu-cham/"' in page


def test_its_assessment_shows_its_state_and_points_never_another_enterprises(cast, client, criteria, rival):
    own = services.assessment_start(
        criterion_set=criteria, enterprise=cast.enterprise, user=cast.enterprise_user
    )
    services.assessment_submit(
        assessment=own, scores={criteria.criteria.get(): Decimal("7.5")}, user=cast.enterprise_user
    )
    theirs = services.assessment_start(criterion_set=criteria, enterprise=rival[0], user=rival[1])
    page = _page(client, cast.enterprise_user)
    assert str(Assessment.State.SUBMITTED.label) in page and "7,5" in page
    assert f"/doanh-nghiep/ket-qua/{own.pk}/" in page and f"/doanh-nghiep/ket-qua/{theirs.pk}/" not in page
    assert "Việc cần làm" not in page  # sent: nothing left to do


def test_the_published_answers_of_its_agency_show_in_their_public_version(cast, client, rival):
    make_rule()
    theirs = make_feedback(cast.org, rival[0], rival[1], subject="Tên thật", publish_consent=True)
    services.feedback_assign(feedback=theirs, unit=cast.unit, user=cast.office)
    services.feedback_answer(feedback=theirs, answer="Trả lời", user=cast.unit_head)
    services.feedback_publish(
        feedback=theirs, user=cast.office, subject="Câu hỏi về cấp phép", content="Câu hỏi", answer="Trả lời"
    )
    page = _page(client, cast.enterprise_user)
    assert "Câu hỏi về cấp phép" in page and "Tên thật" not in page


NAV = re.compile(r'<ul class="navbar-nav me-auto">(.*?)</ul>\s*<div', re.S)


def _menu(client, user, url="/doanh-nghiep/phan-anh/") -> str:
    client.force_login(user)
    return NAV.search(client.get(url).content.decode()).group(1)


def test_an_enterprise_menu_holds_its_own_pages_and_nothing_internal(cast, client):
    menu = _menu(client, cast.enterprise_user)
    for link in (PORTAL, "/doanh-nghiep/phan-anh/", "/doanh-nghiep/doi-thoai/", "/doanh-nghiep/ket-qua/"):
        assert f'href="{link}"' in menu
    assert 'href="/cong-khai/phan-anh-kien-nghi/"' in menu
    for internal in (
        "/ke-hoach/",
        "/theo-doi/",
        "/nhiem-vu/",
        "/lich/",
        "/sang-kien/",
        "/van-ban/",
        "/thi-dua/",
    ):
        assert internal not in menu
    assert "/doanh-nghiep/danh-sach/" not in menu


@pytest.mark.parametrize(
    ("person", "has", "lacks"),
    [
        (
            "office",
            ("/ke-hoach/", "/theo-doi/", "/lich/", "/theo-doi/cho-duyet/"),
            (PORTAL, "/theo-doi/tinh/"),
        ),
        ("leader", ("/ke-hoach/", "/theo-doi/", "/van-ban/"), (PORTAL, "/theo-doi/tinh/")),
        ("staff", ("/ke-hoach/", "/theo-doi/", "/sang-kien/"), (PORTAL, "/theo-doi/cho-duyet/", "/van-ban/")),
        (
            "observer",
            ("/ke-hoach/", "/theo-doi/tinh/", "/van-ban/"),
            (PORTAL, "/theo-doi/cho-duyet/", "/thi-dua/"),
        ),
    ],
)
def test_each_agency_role_has_its_menu(cast, client, person, has, lacks):
    menu = _menu(client, getattr(cast, person))
    for link in has:
        assert f'href="{link}' in menu, link
    for link in lacks:
        assert f'href="{link}' not in menu, link
