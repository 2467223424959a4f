import datetime
import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.formatting import format_date, format_number, parse_number
from thidua.core.forms import BootstrapFormMixin
from thidua.core.uploads import validate_evidence, validate_workbook
from thidua.org.models import Unit
from thidua.plans.forms import PlanUploadForm
from thidua.plans.models import Plan, Target
from thidua.tracking import indicators
from thidua.tracking.models import Assignment, Report, UnitReport, pair_contradiction
from thidua.tracking.specs import target_spec


class ReportForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Report
        fields = ["value", "numerator", "denominator", "analysis", "confidence"]
        widgets = {"analysis": forms.Textarea({"rows": 3})}
        help_texts = {
            "numerator": _("Với chỉ tiêu tỷ lệ: ví dụ số hồ sơ giải quyết đúng hạn"),
            "denominator": _("Ví dụ: tổng số hồ sơ đã giải quyết; kết quả được tính tự động"),
        }

    def __init__(self, *args, rate=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not rate:
            del self.fields["numerator"], self.fields["denominator"]

    def clean(self):
        cleaned = super().clean()
        # A result left as it was is recomputed from a changed pair; one typed against it is refused.
        if "value" in self.changed_data:
            message = pair_contradiction(
                cleaned.get("value"), cleaned.get("numerator"), cleaned.get("denominator")
            )
            if message:
                self.add_error("value", message)
        return cleaned


class EvidenceForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label=_("Tệp minh chứng"), validators=[validate_evidence])


class MeasurementForm(BootstrapFormMixin, forms.Form):
    """Units report the figures, or the target counts by itself from one of the registries."""

    measurement = forms.ChoiceField(label=_("Cách đo"), choices=Target.Measurement.choices)
    indicator = forms.ChoiceField(label=_("Chỉ số tự động"), required=False)
    topic = forms.CharField(
        label=_("Chỉ tính theo chủ đề"),
        required=False,
        max_length=200,
        help_text=_(
            "Từ khóa cách nhau bởi dấu phẩy, ví dụ: kỹ năng số, chuyển đổi số; để trống: tính tất cả"
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [("", "—"), *indicators.choices()]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("measurement") == Target.Measurement.COMPUTED and not cleaned.get("indicator"):
            self.add_error("indicator", _("Chỉ tiêu tính tự động cần chọn chỉ số để tính."))
        return cleaned


class ReviewForm(BootstrapFormMixin, forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Duyệt")), ("return", _("Trả lại"))], widget=forms.HiddenInput
    )
    comment = forms.CharField(label=_("Ý kiến"), required=False, widget=forms.Textarea({"rows": 2}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "return" and not (cleaned.get("comment") or "").strip():
            self.add_error("comment", _("Hãy ghi rõ lý do trả lại để đơn vị sửa."))
        return cleaned


class AssignmentForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Assignment
        fields = ["role", "share", "due_on", "note"]
        widgets = {"note": forms.Textarea({"rows": 2})}


class AssignMatrixForm(forms.Form):
    """One choice per target and unit: not given, lead, or coordinate."""

    NONE = ""
    CHOICES = [(NONE, "—"), *Assignment.Role.choices]

    def __init__(self, *args, targets, units, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.targets, self.units = targets, units
        for target in targets:
            for unit in units:
                name = self.cell(target, unit)
                self.fields[name] = forms.ChoiceField(
                    choices=self.CHOICES,
                    required=False,
                    label=f"{target} — {unit}",
                    widget=forms.Select(
                        attrs={"class": "form-select form-select-sm", "aria-label": f"{unit}: {target}"}
                    ),
                )
                self.initial[name] = current.get((target.pk, unit.pk), self.NONE)

    @staticmethod
    def cell(target, unit) -> str:
        return f"t{target.pk}_u{unit.pk}"

    def rows(self):
        for target in self.targets:
            yield target, [(unit, self[self.cell(target, unit)]) for unit in self.units]

    def wanted(self) -> dict:
        return {
            (target.pk, unit.pk): self.cleaned_data[self.cell(target, unit)]
            for target in self.targets
            for unit in self.units
        }


class WorkbookUploadForm(BootstrapFormMixin, forms.Form):
    """A unit's filled-in workbook, sent back (views/excel.py)."""

    file = forms.FileField(
        label=_("Tệp Excel đã điền số liệu"),
        help_text=_("Tệp .xlsx tải từ trang này, tối đa 5 MB."),
        validators=[validate_workbook],
        widget=forms.ClearableFileInput({"accept": ".xlsx"}),
    )


class UnitPlanForm(BootstrapFormMixin, forms.Form):
    """A unit's own implementation plan, as a file (views/unit_plans.py)."""

    file = forms.FileField(label=_("Tệp kế hoạch của đơn vị"), allow_empty_file=False)

    clean_file = PlanUploadForm.clean_file


_MILESTONE_LINE = re.compile(r"^\s*(\d{4}|\d{1,2}/\d{1,2}/\d{4})\s*[:=–-]\s*(\S.*?)\s*$")


class MilestonesForm(BootstrapFormMixin, forms.Form):
    """The yearly path of a target, a point a line: "2027: 2.500" (by the end of 2027), "30/6/2028: 3.000"."""

    lines = forms.CharField(
        label=_("Lộ trình từng năm"),
        required=False,
        widget=forms.Textarea({"rows": 4, "placeholder": "2026: 1.000\n2027: 2.500"}),
        help_text=_(
            "Mỗi dòng một mốc: năm (hoặc ngày) và mức cần đạt đến khi đó (với chỉ tiêu cộng dồn: tổng "
            "cộng dồn). Để trống: mức cần đạt đến nay tính theo đường thẳng."
        ),
    )

    def __init__(self, *args, target, **kwargs):
        super().__init__(*args, **kwargs)
        self.target = target

    @staticmethod
    def initial_for(target) -> dict:
        lines = []
        for day, level in target.milestones or []:
            date = datetime.date.fromisoformat(day)
            label = str(date.year) if (date.month, date.day) == (12, 31) else date.strftime("%d/%m/%Y")
            lines.append(f"{label}: {format_number(Decimal(str(level)), places=4)}")
        return {"lines": "\n".join(lines)}

    def clean_lines(self) -> list[list[str]]:
        spec = target_spec(self.target)
        points: dict[datetime.date, Decimal] = {}
        for number, line in enumerate(self.cleaned_data["lines"].splitlines(), start=1):
            if not line.strip():
                continue
            day, level = self._point(number, line)
            if not spec.starts_on <= day <= spec.ends_on:
                raise forms.ValidationError(
                    _("Dòng %(number)s: %(day)s ngoài thời gian của chỉ tiêu (%(start)s – %(end)s).")
                    % {
                        "number": number,
                        "day": format_date(day),
                        "start": format_date(spec.starts_on),
                        "end": format_date(spec.ends_on),
                    }
                )
            if day in points:
                raise forms.ValidationError(
                    _("Dòng %(number)s: mốc %(day)s đã có ở dòng trên.")
                    % {"number": number, "day": format_date(day)}
                )
            points[day] = level
        return [[day.isoformat(), str(level)] for day, level in sorted(points.items())]

    @staticmethod
    def _point(number: int, line: str) -> tuple[datetime.date, Decimal]:
        found = _MILESTONE_LINE.match(line)
        wrong = forms.ValidationError(
            _(
                "Dòng %(number)s “%(line)s”: viết năm (hoặc ngày), dấu hai chấm rồi mức cần đạt, "
                "ví dụ 2027: 2.500."
            )
            % {"number": number, "line": line.strip()}
        )
        if not found:
            raise wrong
        try:
            if "/" in found[1]:
                day = datetime.datetime.strptime(found[1], "%d/%m/%Y").date()
            else:
                day = datetime.date(int(found[1]), 12, 31)
            level = parse_number(found[2])
        except ValueError:
            raise wrong from None
        if level is None:
            raise wrong
        return day, level


# ——— Units' reports in words and difficulties (views/unit_reports.py) ———


class ReportRequestForm(BootstrapFormMixin, forms.Form):
    """An ad-hoc report the office asks for: no unit chosen means every unit."""

    subject = forms.CharField(label=_("Nội dung báo cáo"), max_length=300)
    details = forms.CharField(label=_("Yêu cầu cụ thể"), required=False, widget=forms.Textarea({"rows": 3}))
    due_on = forms.DateField(label=_("Thời hạn gửi (chậm nhất hết ngày)"))
    plan = forms.ModelChoiceField(label=_("Kế hoạch liên quan"), queryset=Plan.objects.none(), required=False)
    units: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Các phòng, đơn vị (để trống: mọi phòng, đơn vị)"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.SelectMultiple({"size": 6}),
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Plan.objects.filter(
            organization=organization, status=Plan.Status.PUBLISHED
        )
        self.fields["units"].queryset = Unit.objects.filter(organization=organization).carrying_out()


class UnitReportForm(BootstrapFormMixin, forms.ModelForm):
    """The unit's report, section by section, and files to attach."""

    file = forms.FileField(label=_("Đính kèm tệp"), required=False, validators=[validate_evidence])

    class Meta:
        model = UnitReport
        fields = list(UnitReport.SECTIONS)
        widgets = {name: forms.Textarea({"rows": 5}) for name in UnitReport.SECTIONS}


class UnitReportReviewForm(BootstrapFormMixin, forms.Form):
    decision = forms.ChoiceField(
        choices=[("receive", _("Tiếp nhận")), ("return", _("Trả lại"))], widget=forms.HiddenInput
    )
    comment = forms.CharField(label=_("Ý kiến"), required=False, widget=forms.Textarea({"rows": 2}))


class DifficultyForm(BootstrapFormMixin, forms.Form):
    subject = forms.CharField(label=_("Vướng mắc"), max_length=300)
    details = forms.CharField(
        label=_("Nội dung chi tiết"), required=False, widget=forms.Textarea({"rows": 4})
    )
    plan = forms.ModelChoiceField(label=_("Kế hoạch liên quan"), queryset=Plan.objects.none(), required=False)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Plan.objects.filter(
            organization=organization, status=Plan.Status.PUBLISHED
        )


class DifficultyAnswerForm(BootstrapFormMixin, forms.Form):
    answer = forms.CharField(label=_("Trả lời"), widget=forms.Textarea({"rows": 4}))


class DifficultyRuleForm(BootstrapFormMixin, forms.Form):
    answer_days = forms.IntegerField(label=_("Thời hạn trả lời vướng mắc (ngày)"), min_value=1, max_value=90)
