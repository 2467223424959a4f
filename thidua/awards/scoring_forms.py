"""Forms of the units' scoring (chấm điểm thi đua) and of the movement rewards."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.models import MovementRewardProposal, ScoringCriterion
from thidua.core.forms import BootstrapFormMixin
from thidua.core.scoring import PointsForm


class TableForm(BootstrapFormMixin, forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Năm"), min_value=2000, max_value=2100)
    name = forms.CharField(
        label=gettext_lazy("Tên bảng tiêu chí"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("Để trống: “Bảng tiêu chí chấm điểm thi đua các đơn vị năm …”"),
    )
    legal_basis = forms.CharField(
        label=gettext_lazy("Căn cứ"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("Ví dụ: Quyết định số …/QĐ-SXD ban hành Quy chế thi đua, khen thưởng"),
    )
    with_defaults = forms.BooleanField(
        label=gettext_lazy("Khởi tạo theo bảng tiêu chí mẫu (4 nhóm, 100 điểm, có điểm trừ)"),
        required=False,
        initial=True,
    )

    def clean(self):
        data = super().clean()
        if data.get("year") is not None and not data.get("name"):
            data["name"] = _("Bảng tiêu chí chấm điểm thi đua các đơn vị năm {year}").format(
                year=data["year"]
            )
        return data


class CriterionForm(BootstrapFormMixin, forms.ModelForm):
    """One line of the table; a computed one needs its threshold (the model says so)."""

    class Meta:
        model = ScoringCriterion
        fields = ["group", "text", "kind", "source", "threshold", "max_points", "position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].required = False
        self.fields["position"].help_text = _("Để trống: xếp cuối bảng")


def describe(criterion: ScoringCriterion) -> str:
    if criterion.kind == ScoringCriterion.Kind.DEDUCTION:
        return _("{group}; điểm trừ, tối đa {points} điểm").format(
            group=criterion.group, points=criterion.max_points
        )
    return _("{group}; tối đa {points} điểm").format(group=criterion.group, points=criterion.max_points)


class SelfScoresForm(PointsForm):
    """The criteria the unit scores itself (computed ones are measured when the sheet is sent)."""

    def __init__(self, *args, criteria, **kwargs):
        own = [c for c in criteria if not c.is_computed]
        super().__init__(*args, criteria=own, with_evidence=True, describe=describe, **kwargs)


class VerifyForm(PointsForm):
    """The office's points for every criterion, prefilled with the claim; a changed one needs a reason."""

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, criteria=criteria, with_evidence=False, describe=describe, **kwargs)
        self.claims = kwargs.get("initial_scores", {})
        for criterion in self.criteria:
            self.fields[f"r{criterion.pk}"] = forms.CharField(
                label=_("Lý do điều chỉnh: {text}").format(text=criterion.text),
                required=False,
                max_length=500,
            )
        self.order_fields([f"{prefix}{c.pk}" for c in self.criteria for prefix in ("c", "r")])

    def clean(self):
        data = super().clean()
        for criterion in self.criteria:
            points = data.get(f"c{criterion.pk}")
            changed = points is not None and points != self.claims.get(criterion.pk)
            if changed and not (data.get(f"r{criterion.pk}") or "").strip():
                self.add_error(f"r{criterion.pk}", _("Ghi lý do khi điều chỉnh điểm tự chấm."))
        return data

    def reasons(self) -> dict:
        return {c: self.cleaned_data.get(f"r{c.pk}", "") for c in self.criteria}


class ProposeForm(BootstrapFormMixin, forms.Form):
    stage = forms.ChoiceField(label=gettext_lazy("Đợt"), choices=MovementRewardProposal.Stage.choices)
    year = forms.IntegerField(label=gettext_lazy("Năm"), min_value=2000, max_value=2100)
