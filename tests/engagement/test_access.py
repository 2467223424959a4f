import pytest

from tests import factories
from tests.engagement.factories import make_feedback, make_rule
from thidua.engagement import services
from thidua.engagement.models import Assessment, Criterion, CriterionSet, Feedback
from thidua.org.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_enterprises(cast):
    make_rule()
    rival = factories.make_enterprise(cast.org, name="Công ty Cổ phần Đối thủ")
    rival_user = factories.make_user(cast.org, Role.ENTERPRISE, enterprise=rival)
    mine = make_feedback(cast.org, cast.enterprise, cast.enterprise_user, subject="Của tôi")
    theirs = make_feedback(cast.org, rival, rival_user, subject="Của đối thủ")
    return mine, theirs, rival, rival_user


def test_an_enterprise_sees_only_its_own_feedback(cast, client, two_enterprises):
    mine, theirs, _rival, _user = two_enterprises
    assert list(Feedback.objects.visible_to(cast.enterprise_user)) == [mine]
    client.force_login(cast.enterprise_user)
    assert client.get(f"/doanh-nghiep/phan-anh/{mine.pk}/").status_code == 200
    assert client.get(f"/doanh-nghiep/phan-anh/{theirs.pk}/").status_code == 404
    page = client.get("/doanh-nghiep/phan-anh/").content.decode()
    assert "Của tôi" in page and "Của đối thủ" not in page


def test_another_agency_gets_404_and_the_office_sees_all(cast, client, two_enterprises):
    mine, theirs, _rival, _user = two_enterprises
    client.force_login(cast.other_office)
    assert client.get(f"/doanh-nghiep/phan-anh/{mine.pk}/").status_code == 404
    assert set(Feedback.objects.visible_to(cast.office)) == {mine, theirs}


def test_a_unit_sees_what_it_must_answer_and_only_it_may_answer(cast, client, two_enterprises):
    mine, *_others = two_enterprises
    services.feedback_assign(feedback=mine, unit=cast.unit, user=cast.office)
    assert list(Feedback.objects.visible_to(cast.staff)) == [mine]
    client.force_login(cast.enterprise_user)
    assert client.post(f"/doanh-nghiep/phan-anh/{mine.pk}/tra-loi/", {"answer": "x"}).status_code == 403
    client.force_login(cast.unit_head)
    response = client.post(f"/doanh-nghiep/phan-anh/{mine.pk}/tra-loi/", {"answer": "Đã xử lý"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.state == Feedback.State.ANSWERED


def test_an_enterprise_cannot_assign(cast, client, two_enterprises):
    mine, *_ = two_enterprises
    client.force_login(cast.enterprise_user)
    assert client.post(f"/doanh-nghiep/phan-anh/{mine.pk}/giao/", {"unit": cast.unit.pk}).status_code == 403


def test_an_enterprise_sends_feedback_through_the_web_form(cast, client):
    make_rule()
    client.force_login(cast.enterprise_user)
    response = client.post(
        "/doanh-nghiep/phan-anh/gui/",
        {"subject": "Chậm cấp phép", "content": "Nội dung", "publish_consent": "on"},
    )
    feedback = Feedback.objects.get()
    assert response.status_code == 302
    assert feedback.enterprise == cast.enterprise and feedback.channel == Feedback.Channel.WEB
    assert feedback.publish_consent and feedback.answer_due_on is not None


def test_a_staff_member_cannot_enter_feedback_for_the_office(cast, client):
    make_rule()
    client.force_login(cast.staff)
    assert client.get("/doanh-nghiep/phan-anh/gui/").status_code == 403


def test_an_enterprise_sees_only_its_own_assessment(cast, client):
    criteria = CriterionSet.objects.create(organization=cast.org, year=2026, name="Bộ tiêu chí 2026")
    Criterion.objects.create(criterion_set=criteria, group="efficiency", text="Doanh thu tăng", max_points=10)
    rival = factories.make_enterprise(cast.org)
    mine = Assessment.objects.create(
        organization=cast.org, enterprise=cast.enterprise, criterion_set=criteria
    )
    theirs = Assessment.objects.create(organization=cast.org, enterprise=rival, criterion_set=criteria)
    assert list(Assessment.objects.visible_to(cast.enterprise_user)) == [mine]
    client.force_login(cast.enterprise_user)
    assert client.get(f"/doanh-nghiep/ket-qua/{mine.pk}/").status_code == 200
    assert client.get(f"/doanh-nghiep/ket-qua/{theirs.pk}/").status_code == 404
    client.force_login(cast.other_office)
    assert client.get(f"/doanh-nghiep/ket-qua/{mine.pk}/").status_code == 404


def test_an_enterprise_sees_only_itself_in_the_registry(cast, client):
    factories.make_enterprise(cast.org, name="Công ty Không Liên Quan")
    client.force_login(cast.enterprise_user)
    page = client.get("/doanh-nghiep/danh-sach/").content.decode()
    assert cast.enterprise.name in page and "Không Liên Quan" not in page


def test_the_public_page_shows_only_consented_published_answers_and_no_private_data(cast, client):
    make_rule()
    cast.enterprise.representative = "Trần Văn Đại Diện"
    cast.enterprise.save()
    published = make_feedback(
        cast.org, cast.enterprise, cast.enterprise_user, subject="Câu hỏi công khai", publish_consent=True
    )
    answered_only = make_feedback(
        cast.org, cast.enterprise, cast.enterprise_user, subject="Chưa công khai", publish_consent=True
    )
    for feedback in (published, answered_only):
        services.feedback_assign(feedback=feedback, unit=cast.unit, user=cast.office)
        services.feedback_answer(feedback=feedback, answer="Trả lời của Sở", user=cast.unit_head)
    services.feedback_publish(feedback=published, user=cast.office)
    page = client.get("/cong-khai/phan-anh-kien-nghi/").content.decode()
    assert "Câu hỏi công khai" in page and "Trả lời của Sở" in page
    assert "Chưa công khai" not in page
    for private in (
        cast.enterprise.name,
        cast.enterprise.tax_code,
        "Trần Văn Đại Diện",
        cast.unit_head.full_name,
    ):
        assert private not in page
    assert client.get(f"/cong-khai/phan-anh-kien-nghi/{published.pk}/").status_code == 200
    assert client.get(f"/cong-khai/phan-anh-kien-nghi/{answered_only.pk}/").status_code == 404


def test_an_enterprise_cannot_reach_another_enterprises_evidence_or_scores_by_url(cast, client):
    from decimal import Decimal

    from django.core.files.uploadedfile import SimpleUploadedFile

    criteria = CriterionSet.objects.create(organization=cast.org, year=2026, name="Bộ tiêu chí 2026")
    criterion = Criterion.objects.create(
        criterion_set=criteria, group="compliance", text="Nộp thuế đầy đủ", max_points=10
    )
    mine = Assessment.objects.create(
        organization=cast.org, enterprise=cast.enterprise, criterion_set=criteria
    )
    services.assessment_submit(
        assessment=mine,
        scores={criterion: Decimal(8)},
        evidence={criterion: SimpleUploadedFile("quyet-toan-thue.pdf", b"%PDF-1.4 thue")},
        user=cast.enterprise_user,
    )
    score = mine.scores.get()
    rival = factories.make_enterprise(cast.org)
    rival_user = factories.make_user(cast.org, Role.ENTERPRISE, enterprise=rival)
    client.force_login(rival_user)
    assert client.get(f"/doanh-nghiep/diem/{score.pk}/minh-chung/").status_code == 404
    assert client.post(f"/doanh-nghiep/ket-qua/{mine.pk}/", {f"c{criterion.pk}": "0"}).status_code == 404
    mine.refresh_from_db()
    assert mine.self_total == 8
    theirs = CriterionSet.objects.create(organization=cast.other_org, year=2026, name="Của cơ quan khác")
    assert client.post(f"/doanh-nghiep/tieu-chi/{theirs.pk}/tu-cham/").status_code == 404


def test_the_office_filters_the_feedback_list_by_state(cast, client, two_enterprises):
    mine, _theirs, _rival, _user = two_enterprises
    services.feedback_assign(feedback=mine, unit=cast.unit, user=cast.office)
    client.force_login(cast.office)
    page = client.get("/doanh-nghiep/phan-anh/", {"state": "assigned"}).content.decode()
    assert "Của tôi" in page and "Của đối thủ" not in page
    page = client.get("/doanh-nghiep/phan-anh/", {"state": "nonsense"}).content.decode()
    assert "Của tôi" in page and "Của đối thủ" in page  # a state that does not exist filters nothing
