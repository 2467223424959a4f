"""Forms that help (issue #12 point 5): errors name their field, numbers are Vietnamese both ways,
a chosen file survives a refusal, irreversible buttons ask first, outline labels as the plan writes
them, and a label said once."""

import datetime
import re
from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.urls import reverse

from tests import factories
from tests.initiatives.conftest import council, received, vote  # noqa: F401  (fixture)
from tests.tasks.test_tasks import handed_down
from thidua.awards import decisions
from thidua.core.actions import error_text
from thidua.core.audit import save_audited
from thidua.core.forms import BootstrapFormMixin, error_summary, form_error_text, normalize_decimal_text
from thidua.core.scoring import PointsForm
from thidua.core.uploads import UploadKeeper
from thidua.initiatives.forms import AuthorForm
from thidua.initiatives.models import Initiative
from thidua.plans.models import Section, outline_label
from thidua.tracking import services as tracking
from thidua.tracking.forms import ReportForm
from thidua.tracking.models import Assignment
from thidua.tracking.periods import period_containing

PDF = b"%PDF-1.4 mo ta sang kien"


class TitleForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label="tiêu đề")
    secret = forms.CharField(widget=forms.HiddenInput, label="mã phiên")
    points = forms.DecimalField(label="điểm", max_value=Decimal("8.00"), decimal_places=2)


# ——— Errors name their field ———


def test_every_error_of_a_form_names_its_field():
    form = TitleForm({"points": "9"})
    assert error_summary(form) == [
        "Tiêu đề: Trường này là bắt buộc.",
        "Mã phiên: Trường này là bắt buộc.",
        "Điểm: Giá trị tối đa là 8.",
    ]
    assert form_error_text(form).startswith("Tiêu đề: Trường này là bắt buộc. Mã phiên:")


def test_the_shared_form_template_names_fields_at_the_top_and_beside_each_field():
    form = TitleForm({"points": "1"})
    html = Template('{% include "core/_form_fields.html" %}').render(Context({"form": form}))
    summary = re.search(r'data-testid="form-errors">(.*?)</div>', html, re.S).group(1)
    assert "Tiêu đề: Trường này là bắt buộc." in summary
    assert "Mã phiên: Trường này là bắt buộc." in summary  # a hidden field's error is not lost
    assert '<div class="invalid-feedback d-block">Tiêu đề: Trường này là bắt buộc.</div>' in html


def test_a_refused_row_names_the_row_and_the_field(cast):
    plan = factories.make_plan(cast.org)
    target = factories.make_target(plan, text="Hoàn thành 100 căn nhà")
    target.starts_on, target.ends_on = datetime.date(2026, 5, 1), datetime.date(2026, 1, 1)
    with pytest.raises(ValidationError) as refused:
        save_audited(target, user=cast.office, reason="")
    assert error_text(refused.value) == (
        "Chỉ tiêu “Hoàn thành 100 căn nhà”: Đến ngày: Ngày kết thúc phải sau ngày bắt đầu."
    )


def test_a_flash_message_for_a_refused_form_names_the_field(client, cast):
    task = handed_down(cast, datetime.date(2026, 9, 7))
    client.force_login(cast.unit_head)
    response = client.post(reverse("tasks:report", args=[task.pk]), {"status": "done"}, follow=True)
    texts = [str(m) for m in response.context["messages"]]
    assert any("Kết quả thực hiện: Trường này là bắt buộc." in t for t in texts), texts


def test_the_initiative_form_names_the_missing_field_at_the_top(client, cast):
    client.force_login(cast.staff)
    page = client.post(reverse("initiatives:create"), _initiative_post(title="")).content.decode()
    summary = re.search(r'data-testid="form-errors">(.*?)</div>', page, re.S).group(1)
    assert "Tên sáng kiến: Trường này là bắt buộc." in summary


# ——— Numbers in Vietnamese form, both ways ———


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("30,5", "30.5"),
        ("30.5", "30.5"),
        ("7.500", "7500"),
        ("7.500,25", "7500.25"),
        ("1 234,5", "1234.5"),
        ("12", "12"),
    ],
)
def test_typed_numbers_are_read_with_either_separator(typed, read):
    assert normalize_decimal_text(typed) == read
    form = TitleForm({"title": "x", "secret": "y", "points": typed if Decimal(read) <= 8 else "8"})
    if Decimal(read) <= 8:
        assert form.is_valid(), form.errors
        assert form.cleaned_data["points"] == Decimal(read)


def test_a_stored_decimal_is_shown_with_a_comma_and_read_back(cast):
    plan = factories.make_plan(cast.org)
    target = factories.make_target(plan)
    assignment = Assignment.objects.create(organization=cast.org, target=target, unit=cast.unit, role="lead")
    period = period_containing(datetime.date(2026, 2, 1), "quarterly")
    report = tracking.report_start(assignment=assignment, period=period, user=cast.unit_head)
    report = tracking.report_update(report=report, user=cast.unit_head, value=Decimal("30.00"))
    html = str(ReportForm(instance=report)["value"])
    assert 'value="30,00"' in html and 'inputmode="decimal"' in html and 'type="text"' in html
    for typed in ("30,5", "30.5"):
        form = ReportForm({"value": typed, "confidence": report.confidence or "medium"}, instance=report)
        form.is_valid()
        assert form.cleaned_data.get("value") == Decimal("30.5"), (typed, form.errors)
    refused = ReportForm({"value": "30,5", "analysis": "", "confidence": "bogus"}, instance=report)
    assert not refused.is_valid()
    assert 'value="30,5"' in str(refused["value"])  # shown back as typed, with its comma


def test_points_messages_say_the_maximum_the_vietnamese_way():
    class Criterion:
        pk, text, max_points = 1, "Tinh thần", Decimal("8.00")

    form = PointsForm({"c1": "8,5"}, criteria=[Criterion()], with_evidence=False, initial_scores={})
    assert not form.is_valid()
    assert form.errors["c1"] == ["Điểm không được lớn hơn mức tối đa 8 điểm."]
    assert form_error_text(form) == "Tinh thần: Điểm không được lớn hơn mức tối đa 8 điểm."
    ok = PointsForm({"c1": "7,5"}, criteria=[Criterion()], with_evidence=False, initial_scores={})
    assert ok.is_valid() and ok.scores()[next(iter(ok.scores()))] == Decimal("7.5")
    assert "form-control" in str(ok["c1"])  # fields added after __init__ are styled too


def test_an_author_share_takes_a_comma_and_names_its_bounds():
    assert AuthorForm({"name": "An", "share": "60,5"}).is_valid()
    refused = AuthorForm({"name": "An", "share": "100,5"})
    assert not refused.is_valid()
    assert refused.errors["share"] == ["Giá trị tối đa là 100."]


# ——— A chosen file survives a refusal ———


def _initiative_post(**changes):
    data = {
        "title": "Bản đồ số quy hoạch",
        "field": "Quy hoạch",
        "changes": "Tra cứu quy hoạch trên bản đồ số",
        "first_applied_on": "01/09/2025",
        "effect": "Giảm 30% thời gian",
        "tac-gia-TOTAL_FORMS": "1",
        "tac-gia-INITIAL_FORMS": "0",
        "tac-gia-MIN_NUM_FORMS": "1",
        "tac-gia-MAX_NUM_FORMS": "1000",
        "tac-gia-0-name": "Nguyễn Thị An",
        "tac-gia-0-share": "100",
    }
    return data | changes


def test_the_initiative_file_is_kept_while_another_field_is_corrected(client, cast, settings):
    client.force_login(cast.staff)
    upload = SimpleUploadedFile("mo-ta.pdf", PDF, content_type="application/pdf")
    page = client.post(reverse("initiatives:create"), _initiative_post(title="", file=upload))
    html = page.content.decode()
    assert page.status_code == 200 and "Đã chọn: mo-ta.pdf (giữ lại)" in html
    assert not re.search(r'<input[^>]*type="file"[^>]*required', html)  # the browser lets it through
    response = client.post(reverse("initiatives:create"), _initiative_post())  # no file chosen again
    initiative = Initiative.objects.get()
    assert response.status_code == 302
    attachment = initiative.attachments.get()
    assert attachment.original_name == "mo-ta.pdf" and attachment.file.read() == PDF
    assert not list(UploadKeeper.folder().glob("*"))  # the kept copy is gone
    assert client.session.get("kept_uploads", {}) == {}


def test_a_kept_file_is_replaced_by_a_new_choice_and_forgotten_on_a_fresh_page(client, cast):
    client.force_login(cast.staff)
    first = SimpleUploadedFile("cu.pdf", PDF, content_type="application/pdf")
    client.post(reverse("initiatives:create"), _initiative_post(title="", file=first))
    second = SimpleUploadedFile("moi.pdf", PDF + b" 2", content_type="application/pdf")
    html = client.post(
        reverse("initiatives:create"), _initiative_post(title="", file=second)
    ).content.decode()
    assert "Đã chọn: moi.pdf" in html and "cu.pdf" not in html
    assert len(list(UploadKeeper.folder().glob("*"))) == 1
    assert "Đã chọn" not in client.get(reverse("initiatives:create")).content.decode()
    assert not list(UploadKeeper.folder().glob("*"))


def test_a_refused_file_is_not_kept(client, cast):
    client.force_login(cast.staff)
    bad = SimpleUploadedFile("mo-ta.pdf", b"MZ not a pdf", content_type="application/pdf")
    html = client.post(reverse("initiatives:create"), _initiative_post(title="", file=bad)).content.decode()
    assert "Đã chọn" not in html and "không đúng với đuôi" in html


# ——— Irreversible actions ask first ———


def _confirm_on(html: str, action: str) -> str:
    """The data-confirm question of the submit button of the form posting to `action` (or '')."""
    form = re.search(rf'<form[^>]*action="{re.escape(action)}"[^>]*>(.*?)</form>', html, re.S)
    assert form, action
    button = re.search(r'<button[^>]*type="submit"[^>]*data-confirm="([^"]+)"', form.group(1))
    return button.group(1) if button else ""


def test_report_send_and_approve_ask_for_confirmation(client, cast):
    plan = factories.make_plan(cast.org)
    target = factories.make_target(plan)
    assignment = Assignment.objects.create(organization=cast.org, target=target, unit=cast.unit, role="lead")
    period = period_containing(datetime.date(2026, 2, 1), "quarterly")
    report = tracking.report_start(assignment=assignment, period=period, user=cast.unit_head)
    report = tracking.report_update(report=report, user=cast.unit_head, value=Decimal(99))
    client.force_login(cast.unit_head)
    html = client.get(report.get_absolute_url()).content.decode()
    assert "Gửi báo cáo về Văn phòng Sở?" in _confirm_on(
        html, reverse("tracking:report_submit", args=[report.pk])
    )
    tracking.report_submit(report=report, user=cast.unit_head)
    client.force_login(cast.office)
    html = client.get(report.get_absolute_url()).content.decode()
    assert re.search(r'value="approve" data-confirm="Duyệt báo cáo này\?', html)


def test_plan_publish_asks_for_confirmation(client, cast):
    from thidua.plans.services import plan_draft_create

    draft = plan_draft_create(
        organization=cast.org, user=cast.office, text="KẾ HOẠCH\nI. MỤC TIÊU\n1. Đạt 100% hồ sơ đúng hạn"
    )
    client.force_login(cast.office)
    html = client.get(draft.get_absolute_url()).content.decode()
    assert re.search(r'name="publish" data-confirm="Ban hành kế hoạch\?', html)


def test_initiative_decide_asks_for_confirmation(client, cast, council):  # noqa: F811
    initiative = received(cast, council)
    vote(cast, initiative, 3)
    client.force_login(cast.leader)
    html = client.get(initiative.get_absolute_url()).content.decode()
    question = _confirm_on(html, reverse("initiatives:decide", args=[initiative.pk]))
    assert question.startswith("Ghi quyết định của Giám đốc Sở")


def test_award_decision_issue_asks_for_confirmation(client, cast):
    decision = decisions.decision_create(organization=cast.org, user=cast.office, year=2026, content="Khen")
    client.force_login(cast.office)
    html = client.get(reverse("awards:decision", args=[decision.pk])).content.decode()
    question = _confirm_on(html, reverse("awards:decision_issue", args=[decision.pk]))
    assert question.startswith("Ban hành quyết định và ghi vào sổ khen thưởng?")


# ——— Outline labels as the plan writes them; a label said once ———


@pytest.mark.parametrize(
    ("label", "shown"),
    [
        ("I", "I."),
        ("IV", "IV."),
        ("1", "1."),
        ("2.1", "2.1."),
        ("a", "a)"),
        ("đ", "đ)"),
        ("-", "-"),
        ("+", "+"),
        ("", ""),
    ],
)
def test_outline_labels(label, shown):
    assert outline_label(label) == shown


def test_plan_and_tasks_pages_show_labels_as_the_plan_writes_them(client, cast):
    plan = factories.make_plan(cast.org)
    part = Section.objects.create(plan=plan, label="II", heading="NHIỆM VỤ")
    letter = Section.objects.create(plan=plan, parent=part, label="a", heading="Phát động thi đua")
    dash = Section.objects.create(plan=plan, parent=letter, label="-", heading="Tổ chức ký kết giao ước")
    factories.make_target(plan, text="Ký giao ước với 100% đơn vị", section=dash)
    client.force_login(cast.office)
    html = client.get(plan.get_absolute_url()).content.decode()
    assert "<strong>a)</strong> Phát động thi đua" in html and "<strong>II.</strong> NHIỆM VỤ" in html
    assert "Mục -" not in html and "Mục" + " a" not in html and "a. Phát động" not in html
    assert "- Tổ chức ký kết giao ước" in html
    assert str(dash) == "- Tổ chức ký kết giao ước" and str(letter) == "a) Phát động thi đua"


def test_a_unit_named_like_the_role_is_said_once(client, cast):
    leadership = factories.make_unit(cast.org, "Lãnh đạo Sở")
    cast.leader.unit = leadership
    cast.leader.save()
    client.force_login(cast.leader)
    html = client.get(reverse("home")).content.decode()
    line = re.search(r'data-testid="user-roles">(.*?)</span>', html, re.S).group(1)
    assert line == "Lãnh đạo Sở"
    rendered = Template("{% joined a b c %}").render(
        Context({"a": "Lãnh đạo Sở", "b": ["Lãnh đạo Sở", "Văn phòng"], "c": ""})
    )
    assert rendered == "Lãnh đạo Sở · Văn phòng"


def test_an_activitys_evidence_is_kept_while_the_title_is_corrected(client, cast):
    from thidua.tasks.models import Activity

    client.force_login(cast.office)
    url = reverse("tasks:activity_new")
    data = {"kind": "meeting", "held_on": "05/09/2026", "participants": "120", "description": ""}
    upload = SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")
    html = client.post(url, data | {"title": "", "file": upload}).content.decode()
    assert "Đã chọn: bien-ban.pdf (giữ lại)" in html
    assert "Tên hoạt động: Trường này là bắt buộc." in html
    assert client.post(url, data | {"title": "Hội nghị phát động"}).status_code == 302
    activity = Activity.objects.get()
    assert activity.file.read() == PDF
