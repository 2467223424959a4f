from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from thidua.core.formatting import format_number
from thidua.core.forms import BootstrapFormMixin
from thidua.core.uploads import validate_evidence
from thidua.initiatives.models import Council, CouncilMember, Criterion, Initiative, clean_author_shares
from thidua.org.models import User


class InitiativeForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Initiative
        fields = ["title", "field", "changes", "first_applied_on", "effect"]
        widgets = {"changes": forms.Textarea({"rows": 4}), "effect": forms.Textarea({"rows": 4})}
        help_texts = {
            "changes": _("Giải pháp làm thay đổi điều gì so với trước: quy trình, kỹ thuật, cách quản lý"),
            "effect": _("Lợi ích kinh tế, xã hội; số liệu tiết kiệm thời gian, chi phí nếu có"),
        }


class AuthorForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Họ và tên tác giả"), max_length=200)
    share = forms.DecimalField(
        label=_("Tỷ lệ đóng góp (%)"),
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=100,
    )
    user = forms.ModelChoiceField(label=_("Tài khoản"), queryset=User.objects.none(), required=False)

    def __init__(self, *args, organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organization is not None:
            self.fields["user"].queryset = User.objects.filter(
                memberships__organization=organization
            ).distinct()


class BaseAuthorFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        shares = [
            form.cleaned_data.get("share")
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        try:
            clean_author_shares(shares)
        except ValidationError as error:
            raise ValidationError(error.messages) from error

    def authors(self) -> list[dict]:
        return [
            {key: form.cleaned_data[key] for key in ("name", "share", "user")}
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


AuthorFormSet = forms.formset_factory(
    AuthorForm, formset=BaseAuthorFormSet, extra=2, min_num=1, validate_min=True, can_delete=True
)


class AttachmentForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label=_("Tệp đính kèm"), validators=[validate_evidence], required=False)


class ReceiveForm(BootstrapFormMixin, forms.Form):
    received_on = forms.DateField(label=_("Ngày tiếp nhận đơn"))
    council = forms.ModelChoiceField(label=_("Hội đồng sáng kiến"), queryset=None)

    def __init__(self, *args, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils


class DecisionForm(BootstrapFormMixin, forms.Form):
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=50)
    decision_date = forms.DateField(label=_("Ngày quyết định"))
    refusal_reason = forms.CharField(
        label=_("Lý do không công nhận"),
        required=False,
        widget=forms.Textarea({"rows": 2}),
        help_text=_("Bắt buộc khi hội đồng không đủ tỷ lệ đồng ý"),
    )


class ProvincialForm(BootstrapFormMixin, forms.Form):
    decision_number = forms.CharField(label=_("Số quyết định cấp tỉnh"), max_length=50)
    decision_date = forms.DateField(label=_("Ngày quyết định cấp tỉnh"))


class CouncilReviewForm(BootstrapFormMixin, forms.Form):
    """One member's scores on each criterion of the council and their vote."""

    in_favour = forms.TypedChoiceField(
        label=_("Biểu quyết"),
        choices=[("yes", _("Đồng ý công nhận")), ("no", _("Không đồng ý"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.DecimalField(
                label=_("%(name)s (tối đa %(max)s điểm)")
                % {"name": criterion.name, "max": format_number(criterion.max_points)},
                min_value=0,
                max_value=criterion.max_points,
                max_digits=6,
                decimal_places=2,
            )
            self.fields[f"criterion_{criterion.pk}"].widget.attrs["class"] = "form-control form-control-sm"
        self.fields["in_favour"].widget.attrs["class"] = "form-check-input"

    def points(self) -> dict:
        return {criterion: self.cleaned_data[f"criterion_{criterion.pk}"] for criterion in self.criteria}


class CouncilForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Council
        fields = ["year", "name"]
        help_texts = {"name": _("Ví dụ: Hội đồng sáng kiến Sở Xây dựng năm 2026")}


class CouncilMemberForm(BootstrapFormMixin, forms.ModelForm):
    """A person of the agency who is not on the council yet, and their role."""

    class Meta:
        model = CouncilMember
        fields = ["user", "role"]

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, instance=CouncilMember(council=council), **kwargs)
        self.fields["user"].queryset = (
            CouncilMember.eligible_users(council.organization)
            .filter(is_active=True)
            .exclude(pk__in=council.members.values("user"))
            .select_related("unit")
        )
        self.fields["user"].label_from_instance = lambda user: (
            f"{user} — {user.unit}" if user.unit_id else str(user)
        )


class CouncilMemberRoleForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = CouncilMember
        fields = ["role"]


class CriterionForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["name", "max_points", "position"]
