import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import factories
from tests.initiatives.conftest import RECEIVED_ON, received, register, vote
from thidua.initiatives import services
from thidua.initiatives.models import Initiative
from thidua.org.roles import Role


@pytest.fixture
def colleague(cast):
    return factories.make_user(cast.org, Role.STAFF, unit=cast.unit, full_name="Đồng nghiệp")


def _url(name, initiative):
    return reverse(f"initiatives:{name}", args=[initiative.pk])


def test_a_staff_member_sees_only_their_own_drafts(client, cast, colleague):
    mine = register(cast, title="Sáng kiến của tôi")
    theirs = register(cast, user=colleague, title="Sáng kiến của đồng nghiệp")
    client.force_login(cast.staff)
    page = client.get(reverse("initiatives:list")).content.decode()
    assert "Sáng kiến của tôi" in page and "Sáng kiến của đồng nghiệp" not in page
    assert client.get(_url("detail", mine)).status_code == 200
    assert client.get(_url("detail", theirs)).status_code == 404
    services.initiative_submit(initiative=theirs, user=colleague)
    assert client.get(_url("detail", theirs)).status_code == 200  # submitted: the unit sees it


def test_the_unit_head_sees_the_units_submitted_initiatives_not_drafts(client, cast):
    draft = register(cast, title="Bản nháp")
    client.force_login(cast.unit_head)
    assert client.get(_url("detail", draft)).status_code == 404
    services.initiative_submit(initiative=draft, user=cast.staff)
    response = client.get(_url("detail", draft))
    assert "Xác nhận của đơn vị" in response.content.decode()


def test_another_units_head_cannot_endorse(client, cast):
    initiative = register(cast)
    services.initiative_submit(initiative=initiative, user=cast.staff)
    other_unit = factories.make_unit(cast.org, "Phòng Quy hoạch - Kiến trúc")
    other_head = factories.make_user(cast.org, Role.UNIT_HEAD, unit=other_unit)
    client.force_login(other_head)
    assert client.post(_url("endorse", initiative)).status_code == 404  # not even visible
    client.force_login(cast.office)  # visible to the office, but it is not the unit head
    assert client.post(_url("endorse", initiative)).status_code == 403
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.SUBMITTED


def test_another_agency_gets_404(client, cast, council):
    initiative = received(cast, council)
    client.force_login(cast.other_office)
    assert client.get(_url("detail", initiative)).status_code == 404
    assert client.post(_url("decide", initiative), {"decision_number": "1"}).status_code == 404
    assert "Số hóa quy trình" not in client.get(reverse("initiatives:list")).content.decode()


def test_only_council_members_open_the_scoring_page(client, cast, council):
    initiative = received(cast, council)
    client.force_login(cast.unit_head)
    assert client.get(_url("council_review", initiative)).status_code == 403
    client.force_login(cast.specialist)
    response = client.post(
        _url("council_review", initiative),
        {f"criterion_{c.pk}": "30" for c in council.criteria.all()} | {"in_favour": "yes"},
    )
    assert response.status_code == 302
    assert initiative.votes.get().in_favour is True


def test_registering_through_the_form_with_authors_and_an_attachment(client, cast):
    client.force_login(cast.staff)
    upload = SimpleUploadedFile("mo-ta.pdf", b"%PDF-1.4 mo ta sang kien", content_type="application/pdf")
    data = {
        "title": "Bản đồ số quy hoạch",
        "field": "Quy hoạch",
        "changes": "Tra cứu quy hoạch trên bản đồ số",
        "first_applied_on": "01/09/2025",
        "effect": "Giảm 30% thời gian trả lời thông tin quy hoạch",
        "tac-gia-TOTAL_FORMS": "2",
        "tac-gia-INITIAL_FORMS": "0",
        "tac-gia-MIN_NUM_FORMS": "1",
        "tac-gia-MAX_NUM_FORMS": "1000",
        "tac-gia-0-name": "Nguyễn Thị An",
        "tac-gia-0-share": "60",
        "tac-gia-1-name": "Trần Văn Bình",
        "tac-gia-1-share": "30",
        "file": upload,
    }
    response = client.post(reverse("initiatives:create"), data)
    assert "phải bằng 100%" in response.content.decode()
    data["tac-gia-1-share"] = "40"
    upload.seek(0)
    response = client.post(reverse("initiatives:create"), data)
    initiative = Initiative.objects.get()
    assert response.status_code == 302 and response.url == initiative.get_absolute_url()
    assert [a.share for a in initiative.authors.all()] == [Decimal(60), Decimal(40)]
    attachment = initiative.attachments.get()
    assert client.get(reverse("initiatives:attachment", args=[attachment.pk])).status_code == 200
    client.force_login(cast.other_office)
    assert client.get(reverse("initiatives:attachment", args=[attachment.pk])).status_code == 404


def test_a_renamed_file_is_refused(client, cast):
    initiative = register(cast)
    fake = SimpleUploadedFile("mo-ta.pdf", b"MZ not a pdf")
    with pytest.raises(Exception, match="không đúng với đuôi"):
        services.attachment_add(initiative=initiative, upload=fake, user=cast.staff)


def test_the_list_filters_by_state_and_unit_and_says_when_empty(client, cast, council):
    received(cast, council, title="Đã tiếp nhận")
    submitted = register(cast, title="Mới gửi")
    services.initiative_submit(initiative=submitted, user=cast.staff)
    client.force_login(cast.office)
    page = client.get(reverse("initiatives:list"), {"status": "received"}).content.decode()
    assert "Đã tiếp nhận" in page and "Mới gửi" not in page
    page = client.get(reverse("initiatives:list"), {"unit": cast.office_unit.pk}).content.decode()
    assert "Chưa có sáng kiến nào." in page


def test_the_office_receives_and_the_leader_decides_through_the_pages(client, cast, council):
    initiative = register(cast)
    services.initiative_submit(initiative=initiative, user=cast.staff)
    services.initiative_endorse(initiative=initiative, user=cast.unit_head)
    client.force_login(cast.staff)
    assert client.post(_url("receive", initiative), {}).status_code == 403
    client.force_login(cast.office)
    client.post(_url("receive", initiative), {"received_on": "15/01/2026", "council": council.pk})
    initiative.refresh_from_db()
    assert initiative.received_on == RECEIVED_ON
    assert "15/04/2026" in client.get(_url("detail", initiative)).content.decode()
    vote(cast, initiative, 2)
    client.force_login(cast.leader)
    client.post(_url("decide", initiative), {"decision_number": "125/QĐ-SXD", "decision_date": "20/03/2026"})
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.RECOGNISED
    assert initiative.decision_date == datetime.date(2026, 3, 20)


def test_the_author_edits_a_draft_and_nobody_edits_it_once_sent(client, cast):
    initiative = register(cast)
    client.force_login(cast.staff)
    data = {
        "title": "Số hóa quy trình (bản sửa)",
        "field": "Cải cách hành chính",
        "changes": "Hồ sơ điện tử",
        "first_applied_on": "01/10/2025",
        "effect": "Rút ngắn thời gian",
        "tac-gia-TOTAL_FORMS": "1",
        "tac-gia-INITIAL_FORMS": "0",
        "tac-gia-MIN_NUM_FORMS": "1",
        "tac-gia-MAX_NUM_FORMS": "1000",
        "tac-gia-0-name": "Nguyễn Thị An",
        "tac-gia-0-share": "100",
    }
    assert client.post(_url("edit", initiative), data).status_code == 302
    initiative.refresh_from_db()
    assert initiative.title == "Số hóa quy trình (bản sửa)"
    assert [a.name for a in initiative.authors.all()] == ["Nguyễn Thị An"]
    services.initiative_submit(initiative=initiative, user=cast.staff)
    assert client.get(_url("edit", initiative)).status_code == 403


def test_observers_and_the_office_see_the_agencys_sent_initiatives_but_no_drafts(client, cast):
    draft = register(cast, title="Bản nháp")
    sent = register(cast, title="Đã gửi")
    services.initiative_submit(initiative=sent, user=cast.staff)
    for person in (cast.observer, cast.office, cast.leader):
        client.force_login(person)
        assert client.get(_url("detail", sent)).status_code == 200
        assert client.get(_url("detail", draft)).status_code == 404


def test_the_history_of_an_initiative_and_a_council_needs_the_audit_capability(client, cast, council):
    initiative = received(cast, council)
    client.force_login(cast.staff)  # the author: reads the initiative, not its audit trail
    assert "Lịch sử" not in client.get(_url("detail", initiative)).content.decode()
    client.force_login(cast.office)
    assert 'data-testid="history"' in client.get(council.get_absolute_url()).content.decode()
    client.force_login(cast.observer)
    assert "Lịch sử" in client.get(_url("detail", initiative)).content.decode()
