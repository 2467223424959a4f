"""The office keeps the enterprises' emulation criteria of each year (plan part II.2 a–d)."""

from decimal import Decimal

import pytest

from thidua.engagement import services
from thidua.engagement.models import Assessment, CriterionSet

pytestmark = pytest.mark.django_db

NEW = "/doanh-nghiep/tieu-chi/moi/"
LIST = "/doanh-nghiep/tieu-chi/"


def _from_plan(cast, year=2026, **fields) -> CriterionSet:
    return services.criterion_set_create(
        organization=cast.org, year=year, name=f"Tiêu chí {year}", from_plan=True, user=cast.office, **fields
    )


def _submit(cast, criterion_set) -> Assessment:
    assessment = services.assessment_start(
        criterion_set=criterion_set, enterprise=cast.enterprise, user=cast.enterprise_user
    )
    scores = {c: Decimal(0) for c in criterion_set.criteria.all()}
    return services.assessment_submit(assessment=assessment, scores=scores, user=cast.enterprise_user)


def _criterion_data(criterion, **changes) -> dict:
    data = {
        "group": criterion.group,
        "text": criterion.text,
        "max_points": str(criterion.max_points),
        "position": criterion.position,
    }
    return data | changes


def test_the_office_starts_a_year_from_the_plans_four_groups_adding_up_to_100(cast, client):
    client.force_login(cast.office)
    response = client.post(
        NEW, {"year": 2026, "name": "", "legal_basis": "Kế hoạch số 95/KH-SXD", "start": "plan"}
    )
    criterion_set = CriterionSet.objects.get(organization=cast.org)
    assert response.status_code == 302 and response.url == criterion_set.get_absolute_url()
    assert criterion_set.year == 2026 and criterion_set.legal_basis == "Kế hoạch số 95/KH-SXD"
    assert criterion_set.name == "Bộ tiêu chí thi đua doanh nghiệp năm 2026"
    subtotals = {group["group"]: group["subtotal"] for group in criterion_set.by_group()}
    assert subtotals == {"efficiency": 30, "compliance": 30, "innovation": 20, "workers": 20}
    assert criterion_set.total_points == 100
    texts = " ".join(criterion_set.criteria.values_list("text", flat=True))
    for topic in ("năng suất", "doanh thu", "lợi nhuận", "thuế", "phòng cháy chữa cháy", "chuyển đổi số"):
        assert topic in texts
    assert criterion_set.history.get().history_user == cast.office
    page = client.get(criterion_set.get_absolute_url()).content.decode()
    assert 'data-testid="set-total">100<' in page
    assert 'data-testid="subtotal-compliance">30<' in page


def test_the_list_shows_each_year_and_an_empty_state(cast, client):
    client.force_login(cast.office)
    assert "Chưa có bộ tiêu chí nào." in client.get(LIST).content.decode()
    _from_plan(cast, 2025)
    services.criterion_set_create(organization=cast.org, year=2026, name="Bộ trống", user=cast.office)
    page = client.get(LIST).content.decode()
    assert page.index("Bộ trống") < page.index("Tiêu chí 2025")
    assert "Chưa có bộ tiêu chí nào." not in page


def test_the_office_adds_edits_and_removes_criteria_while_nobody_has_submitted(cast, client):
    criterion_set = _from_plan(cast)
    tax = criterion_set.criteria.get(text="Thực hiện đầy đủ nghĩa vụ thuế")
    client.force_login(cast.office)
    response = client.post(
        f"/doanh-nghiep/tieu-chi/muc/{tax.pk}/sua/",
        _criterion_data(tax, text="Nộp thuế đầy đủ, đúng hạn", max_points="10"),
    )
    assert response.status_code == 302
    tax.refresh_from_db()
    assert tax.text == "Nộp thuế đầy đủ, đúng hạn" and tax.max_points == 10
    assert tax.history.first().history_change_reason == "Sửa tiêu chí"

    added = {"group": "innovation", "text": "Có sáng kiến được công nhận", "max_points": "5", "position": ""}
    assert client.post(f"/doanh-nghiep/tieu-chi/{criterion_set.pk}/them/", added).status_code == 302
    new = criterion_set.criteria.get(text="Có sáng kiến được công nhận")
    assert new.position == 16  # at the end of the 15 starting criteria

    assert client.post(f"/doanh-nghiep/tieu-chi/muc/{new.pk}/xoa/").status_code == 302
    assert not criterion_set.criteria.filter(pk=new.pk).exists()
    assert criterion_set.total_points == 104


def test_negative_points_are_refused(cast, client):
    criterion_set = _from_plan(cast)
    client.force_login(cast.office)
    bad = {"group": "workers", "text": "Tiêu chí âm", "max_points": "-1", "position": ""}
    response = client.post(f"/doanh-nghiep/tieu-chi/{criterion_set.pk}/them/", bad)
    assert response.status_code == 200 and "invalid-feedback" in response.content.decode()
    assert not criterion_set.criteria.filter(text="Tiêu chí âm").exists()


def test_criteria_are_fixed_once_an_enterprise_has_submitted(cast, client):
    criterion_set = _from_plan(cast)
    tax = criterion_set.criteria.get(text="Thực hiện đầy đủ nghĩa vụ thuế")
    client.force_login(cast.office)
    # A draft does not fix the criteria: the enterprise has only opened its form.
    services.assessment_start(
        criterion_set=criterion_set, enterprise=cast.enterprise, user=cast.enterprise_user
    )
    assert client.post(f"/doanh-nghiep/tieu-chi/muc/{tax.pk}/sua/", _criterion_data(tax)).status_code == 302
    _submit(cast, criterion_set)

    response = client.post(
        f"/doanh-nghiep/tieu-chi/muc/{tax.pk}/sua/", _criterion_data(tax, max_points="50"), follow=True
    )
    assert "không thêm, sửa hay xóa tiêu chí được nữa" in response.content.decode()
    tax.refresh_from_db()
    assert tax.max_points == 6
    added = {"group": "workers", "text": "Thêm sau", "max_points": "1", "position": ""}
    client.post(f"/doanh-nghiep/tieu-chi/{criterion_set.pk}/them/", added)
    client.post(f"/doanh-nghiep/tieu-chi/muc/{tax.pk}/xoa/")
    assert criterion_set.criteria.count() == 15 and criterion_set.criteria.filter(pk=tax.pk).exists()
    assert "1 doanh nghiệp đã gửi bản tự chấm" in client.get(LIST).content.decode()
    detail = client.get(criterion_set.get_absolute_url()).content.decode()
    assert 'data-testid="criteria-fixed"' in detail and "Thêm tiêu chí" not in detail
    edit_page = client.get(f"/doanh-nghiep/tieu-chi/muc/{tax.pk}/sua/").content.decode()
    assert 'data-testid="criteria-fixed"' in edit_page and 'name="max_points"' not in edit_page
    with pytest.raises(services.EngagementError, match="không thêm, sửa hay xóa"):
        services.criterion_remove(criterion=tax, user=cast.office)


def test_a_year_is_copied_with_its_criteria(cast, client):
    source = _from_plan(cast, 2025, legal_basis="Kế hoạch số 95/KH-SXD")
    source.name = "Bộ tiêu chí thi đua doanh nghiệp năm 2025"
    source.save()
    tax = source.criteria.get(text="Thực hiện đầy đủ nghĩa vụ thuế")
    services.criterion_update(
        criterion=tax, group=tax.group, text="Nộp thuế đúng hạn", max_points=Decimal(9), user=cast.office
    )
    client.force_login(cast.office)
    response = client.post(f"/doanh-nghiep/tieu-chi/{source.pk}/sao-chep/", {"year": 2026, "name": ""})
    copy = CriterionSet.objects.get(organization=cast.org, year=2026)
    assert response.status_code == 302 and response.url == copy.get_absolute_url()
    assert copy.name == "Bộ tiêu chí thi đua doanh nghiệp năm 2026"
    assert copy.legal_basis == "Kế hoạch số 95/KH-SXD"

    def rows(criterion_set):
        return list(criterion_set.criteria.values_list("group", "text", "max_points", "position"))

    assert rows(copy) == rows(source) and copy.total_points == 103
    assert not set(copy.criteria.values_list("pk", flat=True)) & set(
        source.criteria.values_list("pk", flat=True)
    )

    # A new year started "from the previous year" copies the latest earlier one.
    client.post(NEW, {"year": 2028, "name": "", "legal_basis": "", "start": "copy"})
    assert rows(CriterionSet.objects.get(organization=cast.org, year=2028)) == rows(copy)


def test_a_copy_needs_an_earlier_year_and_a_free_year(cast, client):
    client.force_login(cast.office)
    response = client.post(NEW, {"year": 2026, "name": "", "legal_basis": "", "start": "copy"})
    assert "Chưa có bộ tiêu chí của năm nào trước năm 2026" in response.content.decode()
    source = _from_plan(cast, 2026)
    response = client.post(NEW, {"year": 2026, "name": "", "legal_basis": "", "start": "plan"})
    assert "Cơ quan đã có bộ tiêu chí của năm 2026." in response.content.decode()
    response = client.post(f"/doanh-nghiep/tieu-chi/{source.pk}/sao-chep/", {"year": 2026}, follow=True)
    assert "Cơ quan đã có bộ tiêu chí của năm 2026." in response.content.decode()
    assert CriterionSet.objects.filter(organization=cast.org).count() == 1


def test_another_agency_gets_404(cast, client):
    criterion_set = _from_plan(cast)
    criterion = criterion_set.criteria.first()
    client.force_login(cast.other_office)
    assert client.get(f"/doanh-nghiep/tieu-chi/{criterion_set.pk}/").status_code == 404
    assert client.get(f"/doanh-nghiep/tieu-chi/muc/{criterion.pk}/sua/").status_code == 404
    for url in (
        f"/doanh-nghiep/tieu-chi/{criterion_set.pk}/them/",
        f"/doanh-nghiep/tieu-chi/{criterion_set.pk}/sao-chep/",
        f"/doanh-nghiep/tieu-chi/muc/{criterion.pk}/sua/",
        f"/doanh-nghiep/tieu-chi/muc/{criterion.pk}/xoa/",
    ):
        assert client.post(url, {"year": 2030}).status_code == 404
    assert criterion_set.name not in client.get(LIST).content.decode()
    assert criterion_set.criteria.count() == 15


def test_enterprises_never_see_the_management_pages_and_only_the_office_writes(cast, client):
    criterion_set = _from_plan(cast)
    criterion = criterion_set.criteria.first()
    client.force_login(cast.enterprise_user)
    for url in (LIST, NEW, f"/doanh-nghiep/tieu-chi/{criterion_set.pk}/"):
        assert client.get(url).status_code == 403
    assert 'href="/doanh-nghiep/tieu-chi/"' not in client.get("/doanh-nghiep/ket-qua/").content.decode()
    for user in (cast.enterprise_user, cast.unit_head, cast.staff, cast.observer):
        client.force_login(user)
        assert client.post(f"/doanh-nghiep/tieu-chi/muc/{criterion.pk}/xoa/").status_code == 403
        assert (
            client.post(f"/doanh-nghiep/tieu-chi/{criterion_set.pk}/sao-chep/", {"year": 2030}).status_code
            == 403
        )
        assert client.post(NEW, {"year": 2030, "start": "plan"}).status_code == 403
    # The observer and the leader read the criteria; only those who manage get the controls.
    client.force_login(cast.observer)
    page = client.get(f"/doanh-nghiep/tieu-chi/{criterion_set.pk}/").content.decode()
    assert "Thực hiện đầy đủ nghĩa vụ thuế" in page and "Thêm tiêu chí" not in page
    assert criterion_set.criteria.count() == 15 and CriterionSet.objects.count() == 1


def test_the_assessments_list_links_to_the_criteria_for_those_who_manage(cast, client):
    client.force_login(cast.office)
    assert 'href="/doanh-nghiep/tieu-chi/"' in client.get("/doanh-nghiep/ket-qua/").content.decode()
    client.force_login(cast.observer)
    assert 'href="/doanh-nghiep/tieu-chi/"' not in client.get("/doanh-nghiep/ket-qua/").content.decode()


def test_an_enterprise_is_offered_only_a_year_that_has_criteria(cast, client):
    empty = services.criterion_set_create(
        organization=cast.org, year=2027, name="Đang soạn", user=cast.office
    )
    client.force_login(cast.enterprise_user)
    assert f"/tieu-chi/{empty.pk}/tu-cham/" not in client.get("/doanh-nghiep/ket-qua/").content.decode()
    filled = _from_plan(cast)
    assert f"/tieu-chi/{filled.pk}/tu-cham/" in client.get("/doanh-nghiep/ket-qua/").content.decode()
    assessment = services.assessment_start(
        criterion_set=empty, enterprise=cast.enterprise, user=cast.enterprise_user
    )
    with pytest.raises(services.EngagementError, match="chưa có tiêu chí nào"):
        services.assessment_submit(assessment=assessment, scores={}, user=cast.enterprise_user)


def test_criteria_of_another_agency_cannot_be_copied(cast):
    theirs = services.criterion_set_create(
        organization=cast.other_org, year=2025, name="Của Lạng Sơn", from_plan=True, user=cast.other_office
    )
    with pytest.raises(services.EngagementError):
        services.criterion_set_create(
            organization=cast.org, year=2026, name="Sao chép", copy_of=theirs, user=cast.office
        )
    assert not CriterionSet.objects.filter(organization=cast.org).exists()
