"""The reward documents from the demo: each kind passes the Nghị định 30 checker (the Giấy khen, a
certificate, is checked for its content), the figures are the awards data's, an agency's own template is
checked on upload and used, and a reward document is generated, issued and downloaded again unchanged."""

import datetime
import io
import subprocess
import sys
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from docx import Document as read_docx

from tests.documents.templates import word_bytes, word_template
from tests.paths import ND30CHECK
from thidua.awards.models import CouncilMeeting, Decision, Nomination, Proposal
from thidua.core.formatting import format_number
from thidua.demo.loader import load_demo
from thidua.documents import services
from thidua.documents.kinds import rewards
from thidua.documents.models import Document, DocumentTemplate
from thidua.documents.registry import KINDS
from thidua.org.models import Organization
from thidua.org.roles import Role

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore")]
LETTERS = [spec["code"] for spec in rewards.SPECS if spec["code"] != "giay-khen"]
TODAY = datetime.date(2026, 12, 7)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        yield list(Organization.objects.order_by("pk")[:2])
        transaction.set_rollback(True)


def user_of(organization, role):
    return organization.memberships.get(role=role).user


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def docx_of(data: bytes):
    return read_docx(io.BytesIO(data))


def table_rows(doc, index: int = 1) -> list[list[str]]:
    """A table of the body as text (table 0 is the letterhead)."""
    return [[cell.text for cell in row.cells] for row in doc.tables[index].rows]


def nd30check(path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ND30CHECK), str(path), "--require-recipients"], capture_output=True, text=True
    )


@pytest.mark.parametrize("kind", LETTERS)
def test_every_reward_letter_renders_from_the_demo_and_passes_the_checker(demo, kind, tmp_path):
    subject = rewards.example(kind)
    assert subject is not None, kind
    path = tmp_path / f"{kind}.docx"
    path.write_bytes(services.render_subject(kind, subject, TODAY))
    result = nd30check(path)
    assert result.returncode == 0, result.stdout


def test_the_decision_lists_each_line_with_its_bonus_and_the_total(demo):
    for organization in demo:
        decision = Decision.objects.get(organization=organization, status=Decision.Status.ISSUED)
        lines = list(decision.lines.select_related("person", "unit").order_by("title", "pk"))
        doc = docx_of(services.render_subject("quyet-dinh-khen-thuong", decision, TODAY))
        rows = table_rows(doc)[1:]
        assert [row[1] for row in rows[:-1]] == [str(line.subject) for line in lines]
        assert [row[4] for row in rows[:-1]] == [format_number(line.bonus, 0) for line in lines]
        assert all(line.bonus > 0 for line in lines)
        assert rows[-1][4] == format_number(sum(line.bonus for line in lines), 0)
        number, symbol = decision.number.split("/")
        header = " ".join(cell.text for row in doc.tables[0].rows for cell in row.cells)
        assert f"Số: {number}/{symbol}" in header


def test_the_proposal_lists_its_lines_with_the_councils_count(demo):
    proposal = Proposal.objects.filter(lines__isnull=False).distinct().order_by("pk").first()
    data = rewards.proposal.data(proposal, TODAY)
    assert data["tong_so"] == proposal.lines.count()
    assert data["so_ca_nhan"] == proposal.lines.filter(person__isnull=False).count()
    rows = table_rows(docx_of(services.render_subject("to-trinh-khen-thuong", proposal, TODAY)))[1:]
    assert len(rows) == proposal.lines.count()


def test_the_minutes_carry_the_counts_per_item_and_no_ones_vote(demo):
    meeting = CouncilMeeting.objects.filter(status=CouncilMeeting.Status.CLOSED).order_by("pk").first()
    items = list(meeting.items.order_by("pk"))
    doc = docx_of(services.render_subject("bien-ban-hoi-dong", meeting, TODAY))
    rows = table_rows(doc)[1:]
    assert [(int(row[3]), int(row[4])) for row in rows] == [(i.agree, i.disagree) for i in items]
    assert [row[5] for row in rows] == [f"{i.written_agree} / {i.written_disagree}" for i in items]
    # The ballot table names the nominees only: no member's name stands next to a count.
    members = {str(m.user) for m in meeting.council.members.select_related("user")}
    nominees = {str(i.nomination.subject) for i in items}
    for row in rows:
        assert not any(name in row[1] for name in members - nominees)
    present = meeting.attendance.filter(presence="present").count()
    assert f"Có mặt: {present} thành viên." in [p.text for p in doc.paragraphs]


def test_an_open_meeting_has_no_minutes_yet(demo):
    meeting = CouncilMeeting.objects.filter(status=CouncilMeeting.Status.CLOSED).order_by("pk").first()
    meeting.status = CouncilMeeting.Status.OPEN
    with pytest.raises(ValidationError, match="chưa kết thúc"):
        services.build_content("bien-ban-hoi-dong", meeting, TODAY)


def test_the_achievement_reports_say_they_are_the_agencys_template(demo):
    person = rewards.example("bao-cao-thanh-tich-ca-nhan")
    unit = rewards.example("bao-cao-thanh-tich-tap-the")
    text = " ".join(
        p.text
        for p in docx_of(services.render_subject("bao-cao-thanh-tich-ca-nhan", person, TODAY)).paragraphs
    )
    assert "Mẫu báo cáo thành tích của cơ quan" in text and person.summary in text
    unit_text = " ".join(
        p.text for p in docx_of(services.render_subject("bao-cao-thanh-tich-tap-the", unit, TODAY)).paragraphs
    )
    assert unit.unit.name in unit_text
    with pytest.raises(ValidationError):
        services.build_content("bao-cao-thanh-tich-tap-the", person, TODAY)


def test_the_certificate_has_a_page_per_line_with_recipient_reason_decision_and_signer(demo, tmp_path):
    decision = Decision.objects.filter(status=Decision.Status.ISSUED).order_by("pk").first()
    lines = list(decision.lines.select_related("person", "unit").order_by("title", "pk"))
    data = services.render_subject("giay-khen", decision, TODAY)
    doc = docx_of(data)
    assert len(doc.sections) == len(lines)
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)  # landscape A4
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        cell.text for table in doc.tables for row in table.rows for cell in row.cells
    )
    for line in lines:
        assert str(line.subject) in text
        assert f"Đạt danh hiệu {line.get_title_display()} năm {decision.year}." in text
    assert f"Quyết định số {decision.number} ngày {decision.signed_on:%d/%m/%Y}" in text
    assert decision.signer in text and "GIÁM ĐỐC" in text
    # Not a letter: the checker finds only the certificate's large type and no Nơi nhận; the font,
    # the Quốc hiệu and Tiêu ngữ in bold, and the place-and-date line pass.
    path = tmp_path / "giay-khen.docx"
    path.write_bytes(data)
    problems = [line for line in nd30check(path).stdout.splitlines() if not line.endswith("problem(s)")]
    allowed = ("above 14 pt", "11-14 pt on", "Nơi nhận")
    assert problems and all(any(word in p for word in allowed) for p in problems), problems


def test_a_decision_document_is_generated_from_its_page_edited_issued_and_downloaded_unchanged(demo):
    organization = demo[0]
    office = client_for(user_of(organization, Role.OFFICE))
    decision = Decision.objects.get(organization=organization, status=Decision.Status.ISSUED)
    page = office.get(reverse("awards:decision", args=[decision.pk]))
    assert b'data-testid="generate-quyet-dinh-khen-thuong"' in page.content
    response = office.post(reverse("documents:generate_for", args=["quyet-dinh-khen-thuong", decision.pk]))
    document = Document.objects.get(kind="quyet-dinh-khen-thuong", subject_id=decision.pk)
    assert response.url == document.get_absolute_url() and document.plan is None
    assert document.data["tong_tien_so"] == sum(line.bonus for line in decision.lines.all())
    office.post(reverse("documents:issue", args=[document.pk]), {"number": "245", "dated_on": "03/12/2026"})
    document.refresh_from_db()
    assert document.is_issued
    first = office.get(reverse("documents:download", args=[document.pk, "docx"])).content
    decision.lines.update(bonus=1)  # the awards data change afterwards: the issued file does not
    again = office.get(reverse("documents:download", args=[document.pk, "docx"])).content
    assert first == again and first == document.file.open("rb").read()


def test_reward_documents_are_read_by_those_who_see_the_rewards(demo):
    organization = demo[0]
    decision = Decision.objects.filter(organization=organization).first()
    document = services.document_generate(
        kind="quyet-dinh-khen-thuong", subject=decision, as_of=TODAY, user=user_of(organization, Role.OFFICE)
    )
    observer = client_for(user_of(organization, Role.OBSERVER))
    assert observer.get(document.get_absolute_url()).status_code == 403
    assert observer.get(reverse("documents:download", args=[document.pk, "docx"])).status_code == 403
    assert document.summary.encode() not in observer.get(reverse("documents:list")).content
    leader = client_for(user_of(organization, Role.LEADER))
    assert leader.get(document.get_absolute_url()).status_code == 200


def test_a_template_with_an_unknown_placeholder_is_refused_by_its_name(demo):
    organization = demo[0]
    office = client_for(user_of(organization, Role.OFFICE))
    upload = word_template("Số: {{ so_ky_hieu }}", "{{ ten_nguoi_nhan }} — {{ tong_tien }}")
    response = office.post(
        reverse("documents:template_upload", args=["quyet-dinh-khen-thuong"]),
        {"quyet-dinh-khen-thuong-file": upload},
        follow=True,
    )
    assert "ten_nguoi_nhan" in response.content.decode()
    assert not DocumentTemplate.objects.filter(organization=organization).exists()


def test_a_damaged_template_is_refused_in_vietnamese(demo):
    organization = demo[0]
    office = user_of(organization, Role.OFFICE)
    not_a_zip = SimpleUploadedFile("hong.docx", b"PK\x03\x04 not a zip at all")
    with pytest.raises(ValidationError, match="tệp bị hỏng"):
        services.template_replace(organization=organization, kind="giay-khen", upload=not_a_zip, user=office)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as folder:
        folder.writestr("ghi-chu.txt", "không phải Word")
    not_word = SimpleUploadedFile("khong-phai-word.docx", archive.getvalue())
    with pytest.raises(ValidationError, match="không phải tệp Word"):
        services.template_replace(organization=organization, kind="giay-khen", upload=not_word, user=office)
    with pytest.raises(ValidationError, match="thẻ mẫu viết sai"):
        services.template_replace(
            organization=organization, kind="giay-khen", upload=word_template("{{ so_ky_hieu "), user=office
        )
    assert not DocumentTemplate.objects.filter(organization=organization).exists()


def test_an_agencys_template_fills_the_figures_and_can_be_reset(demo):
    organization = demo[0]
    office_user = user_of(organization, Role.OFFICE)
    office = client_for(office_user)
    decision = Decision.objects.get(organization=organization, status=Decision.Status.ISSUED)
    upload = word_template(
        "{{ so_ky_hieu }} — {{ dia_danh_ngay }}",
        "{% for d in danh_sach %}{{ d.stt }}. {{ d.ho_ten }}: {{ d.tien_thuong }}; {% endfor %}",
        "Tổng: {{ tong_tien }} <&>",
    )
    response = office.post(
        reverse("documents:template_upload", args=["quyet-dinh-khen-thuong"]),
        {"quyet-dinh-khen-thuong-file": upload},
    )
    assert response.status_code == 302
    template = DocumentTemplate.objects.get(organization=organization, kind="quyet-dinh-khen-thuong")
    assert template.history.first().history_change_reason.startswith("Thay mẫu")
    text = "\n".join(
        p.text for p in docx_of(services.render_subject("quyet-dinh-khen-thuong", decision, TODAY)).paragraphs
    )
    total = sum(line.bonus for line in decision.lines.all())
    assert f"Tổng: {format_number(total, 0)} <&>" in text
    assert f"Số: {decision.number}" in text
    first = decision.lines.order_by("title", "pk").first()
    assert f"1. {first.subject}: {format_number(first.bonus, 0)};" in text
    page = office.get(reverse("documents:templates")).content.decode()
    assert "mau-cua-so.docx" in page and "tong_tien" in page
    office.post(reverse("documents:template_reset", args=["quyet-dinh-khen-thuong"]))
    assert not DocumentTemplate.objects.filter(organization=organization).exists()
    table = docx_of(services.render_subject("quyet-dinh-khen-thuong", decision, TODAY)).tables
    assert len(table) >= 2  # the built-in layout again


def test_every_kind_offers_the_names_its_figures_fill(demo):
    for code in [spec["code"] for spec in rewards.SPECS]:
        subject = rewards.example(code)
        offered = {name for name, _meaning in services.templating.offered(KINDS[code])}
        content = services.build_content(code, subject, TODAY)
        names = set(services.templating.common_context(content)) | set(
            services.build_data(code, subject, TODAY)
        )
        assert names == offered, code


def test_the_demo_command_writes_every_kind(demo, tmp_path):
    call_command("documents", "demo", "--out", str(tmp_path), "--no-pdf")
    assert {path.name for path in tmp_path.iterdir()} == {f"{code}.docx" for code in KINDS}


def test_the_decision_converts_to_pdf_with_its_total(demo):
    """One kind end to end through LibreOffice (slow: the others are checked as .docx)."""
    import pdfplumber

    from thidua.documents.pdf import docx_to_pdf, soffice_path

    if soffice_path() is None:
        pytest.skip("LibreOffice is not installed")
    decision = Decision.objects.filter(status=Decision.Status.ISSUED).order_by("pk").first()
    pdf = docx_to_pdf(services.render_subject("quyet-dinh-khen-thuong", decision, TODAY))
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        text = "\n".join(page.extract_text() or "" for page in opened.pages)
    assert format_number(sum(line.bonus for line in decision.lines.all()), 0) in text


def test_nominations_of_both_kinds_exist_in_the_demo(demo):
    assert Nomination.objects.filter(person__isnull=False).exists()
    assert Nomination.objects.filter(person=None, enterprise=None).exists()
    assert word_bytes("x")
