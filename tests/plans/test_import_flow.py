"""Upload → draft beside its source text → corrections → publish, and every way it can go wrong."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import factories
from tests.paths import SAMPLES
from tests.plans.review_forms import review_post
from thidua.plans.models import Plan, PlanDraft

SAMPLE = "thanh-hoa-tang-truong-hai-con-so.txt"


@pytest.fixture
def sample_bytes(settings):
    return (SAMPLES / SAMPLE).read_bytes()


@pytest.fixture
def office(client, cast):
    factories.make_unit(cast.org, "Phòng Kế hoạch - Tài chính")
    client.force_login(cast.office)
    return client


def upload(client, content: bytes, name: str = SAMPLE):
    return client.post(reverse("plans:import"), {"file": SimpleUploadedFile(name, content)})


def test_an_uploaded_plan_becomes_a_draft_shown_beside_its_text(office, sample_bytes):
    response = upload(office, sample_bytes)
    draft = PlanDraft.objects.get()
    assert response.url == draft.get_absolute_url()
    page = office.get(response.url)
    html = page.content.decode()
    assert 'id="src-t0"' in html and 'href="#item-t0"' in html
    assert 'id="src-r0"' in html and 'id="src-d0"' in html
    assert "7.500 căn hộ" in html
    assert len(page.context["review"].formsets["targets"].initial) >= 15
    assert draft.source_file.name.endswith(".txt")


def test_pasted_text_works_too(office, sample_bytes):
    office.post(reverse("plans:import"), {"text": sample_bytes.decode()})
    assert PlanDraft.objects.get().source_name == ""


def test_lead_units_are_proposed_from_who_leads_in_the_plan(office, cast, sample_bytes):
    upload(office, sample_bytes)
    data = PlanDraft.objects.get().data
    assert {target.get("lead_unit") for target in data["targets"]} == {cast.office_unit.pk}


def test_publishing_creates_the_plan_with_the_corrections(office, cast, sample_bytes):
    draft_url = upload(office, sample_bytes).url
    review = office.get(draft_url).context["review"]
    post = review_post(review)
    rows = review.formsets["targets"].initial
    housing = next(i for i, row in enumerate(rows) if row["unit_of_measure"] == "căn hộ")
    post[f"targets-{housing}-value"] = "8000"
    post["targets-0-DELETE"] = "on"
    extra = len(rows)
    post |= {
        f"targets-{extra}-text": "Chỉ tiêu bổ sung: 100% công trình được kiểm tra chất lượng",
        f"targets-{extra}-comparator": "=",
        f"targets-{extra}-value": "100",
        f"targets-{extra}-unit_of_measure": "%",
        f"targets-{extra}-period_kind": "annual",
    }
    response = office.post(draft_url, post | {"publish": ""})
    plan = Plan.objects.get()
    assert response.url == plan.get_absolute_url()
    assert plan.status == Plan.Status.PUBLISHED
    assert plan.targets.count() == len(rows)  # one removed, one added
    assert plan.targets.filter(unit_of_measure="căn hộ", value=8000).exists()
    assert plan.targets.filter(text__startswith="Chỉ tiêu bổ sung", period_kind="annual").exists()
    assert plan.targets.exclude(section=None).count() >= len(rows) - 1
    found_by_reader = plan.targets.exclude(text__startswith="Chỉ tiêu bổ sung")
    assert set(found_by_reader.values_list("lead_unit", flat=True)) == {cast.office_unit.pk}
    assert plan.deadlines.filter(due_on="2026-08-30", bound="before").exists()
    assert plan.references.filter(number="184/KH-UBND").exists()
    assert plan.sections.filter(parent=None, label="II").exists()
    assert PlanDraft.objects.get().status == PlanDraft.Status.PUBLISHED
    page = office.get(plan.get_absolute_url()).content.decode()
    assert "≥ 8.000 căn hộ" in page


def test_an_invalid_correction_saves_nothing_and_says_where(office, sample_bytes):
    draft_url = upload(office, sample_bytes).url
    review = office.get(draft_url).context["review"]
    post = review_post(review) | {
        "targets-1-comparator": "range",
        "targets-1-value": "10",
        "targets-1-value_max": "5",
    }
    page = office.post(draft_url, post | {"publish": ""})
    assert page.status_code == 200
    assert "lớn hơn giá trị tối thiểu" in page.content.decode()
    assert Plan.objects.count() == 0
    assert PlanDraft.objects.get().data == PlanDraft.objects.get().data  # unchanged, still open
    assert PlanDraft.objects.get().status == PlanDraft.Status.OPEN


def test_a_published_draft_cannot_be_published_twice(office, sample_bytes):
    draft_url = upload(office, sample_bytes).url
    post = review_post(office.get(draft_url).context["review"])
    office.post(draft_url, post | {"publish": ""})
    office.post(draft_url, post | {"publish": ""})
    assert Plan.objects.count() == 1


def _docx_without_document_xml() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("ke-hoach.txt", b"", "trống"),
        ("ke-hoach.txt", bytes(range(256)) * 40, "nhị phân"),
        ("ke-hoach.docx", b"PK\x03\x04 this is not a docx", ".docx"),
        ("ke-hoach.docx", _docx_without_document_xml(), ".docx"),
        ("ke-hoach.pdf", b"%PDF-1.4 broken", "PDF"),
        (
            "ke-hoach.txt",
            "Bài thơ mùa thu\n\nLá vàng rơi trên sân trường.".encode(),
            "không giống một kế hoạch",
        ),
        ("ke-hoach.xls", b"anything", "không đúng loại"),
    ],
)
def test_bad_documents_get_a_clear_message_and_save_nothing(office, name, content, message):
    page = upload(office, content, name)
    assert page.status_code == 200
    assert message.casefold() in page.content.decode().casefold()
    assert PlanDraft.objects.count() == 0 and Plan.objects.count() == 0


def test_a_30_mb_file_is_refused_before_reading(office):
    page = upload(office, b"a" * (30 * 1024 * 1024), "ke-hoach.txt")
    assert "vượt giới hạn" in page.content.decode()
    assert PlanDraft.objects.count() == 0


def test_an_empty_form_says_what_to_do(office):
    page = office.post(reverse("plans:import"), {})
    assert "Hãy chọn tệp văn bản kế hoạch" in page.content.decode()


@pytest.mark.parametrize("person", ["unit_head", "staff", "enterprise_user", "observer"])
def test_only_the_office_and_leaders_import_and_review(client, cast, person, sample_bytes):
    client.force_login(cast.office)
    draft_url = upload(client, sample_bytes).url
    client.force_login(getattr(cast, person))
    assert upload(client, sample_bytes).status_code == 403
    assert client.get(draft_url).status_code in (403, 404)
    assert PlanDraft.objects.count() == 1


def test_another_agencys_draft_does_not_exist_for_me(client, cast, sample_bytes):
    client.force_login(cast.office)
    draft_url = upload(client, sample_bytes).url
    client.force_login(cast.other_office)
    assert client.get(draft_url).status_code == 404
    assert client.post(draft_url, {"publish": ""}).status_code == 404


def test_discarding_a_draft(office, sample_bytes):
    draft = PlanDraft.objects.get(pk=upload(office, sample_bytes).url.rstrip("/").split("/")[-1])
    office.post(reverse("plans:draft_discard", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == PlanDraft.Status.DISCARDED
    assert "disabled" in office.get(draft.get_absolute_url()).content.decode()


def test_the_review_flags_what_looks_wrong_and_publishing_repeats_recurring_deadlines(office):
    text = (Path(__file__).parent / "extraction" / "fixtures" / "recurring_deadlines.txt").read_text()
    draft_url = office.post(reverse("plans:import"), {"text": text}).url
    page = office.get(draft_url)
    html = page.content.decode()
    assert 'data-testid="draft-warnings"' in html
    assert "Thời hạn lặp lại hằng năm: khi ban hành sẽ tạo 3 lần, từ 10/06/2027 đến 10/06/2029." in html
    post = review_post(page.context["review"])
    rows = page.context["review"].formsets["deadlines"].initial
    misread = len(rows)  # the office adds a date before the plan's own: flagged, still publishable
    post |= {
        f"deadlines-{misread}-due_on": "2019-11-20",
        f"deadlines-{misread}-bound": "on",
        f"deadlines-{misread}-text": "Luật Thi đua, khen thưởng",
    }
    office.post(draft_url, post)
    assert "trước ngày ban hành kế hoạch (15/01/2027)" in office.get(draft_url).content.decode()
    response = office.post(draft_url, review_post(office.get(draft_url).context["review"]) | {"publish": ""})
    plan = Plan.objects.get()
    assert response.url == plan.get_absolute_url()
    assert (plan.starts_on.isoformat(), plan.ends_on.isoformat()) == ("2027-01-01", "2029-12-31")
    monthly = plan.deadlines.filter(recurrence="monthly")
    assert monthly.count() == 36 and monthly.first().due_on.isoformat() == "2027-01-25"
    assert plan.deadlines.filter(recurrence="yearly").count() == 6  # 10/6 and 10/12 of 2027–2029
    assert plan.deadlines.filter(recurrence="quarterly").count() == 12
    assert plan.deadlines.filter(recurrence="semiannual").count() == 6
    assert plan.deadlines.filter(due_on="2019-11-20").exists()
