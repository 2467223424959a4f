from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BootstrapFormMixin
from thidua.core.uploads import validate_evidence, validate_workbook
from thidua.plans.forms import PlanUploadForm
from thidua.plans.models import Target
from thidua.tracking import indicators
from thidua.tracking.models import Assignment, Report, pair_contradiction


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
