from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BootstrapFormMixin
from thidua.engagement.models import Dialogue, Feedback
from thidua.org.models import Unit
from thidua.tracking.evidence import validate_evidence
from thidua.tracking.excel_views import validate_workbook


class FeedbackForm(BootstrapFormMixin, forms.ModelForm):
    """What an enterprise sends from the web form, or the office enters."""

    class Meta:
        model = Feedback
        fields = ["subject", "content", "publish_consent"]
        widgets = {"content": forms.Textarea({"rows": 5})}


class OfficeFeedbackForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Feedback
        fields = ["enterprise", "subject", "content", "received_on", "publish_consent"]
        widgets = {"content": forms.Textarea({"rows": 5})}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = organization.enterprises.filter(is_active=True)
        self.fields["received_on"].required = True


class AssignForm(BootstrapFormMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị xử lý"), queryset=Unit.objects.none())

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organization=organization).carrying_out()


class AnswerForm(BootstrapFormMixin, forms.Form):
    answer = forms.CharField(label=_("Nội dung trả lời"), widget=forms.Textarea({"rows": 5}))


class ForwardForm(BootstrapFormMixin, forms.Form):
    authority = forms.CharField(label=_("Chuyển đến cơ quan"), max_length=300)


class DialogueForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Dialogue
        fields = ["title", "scheduled_on", "place", "enterprises", "units"]

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprises"].queryset = organization.enterprises.filter(is_active=True)
        self.fields["units"].queryset = Unit.objects.filter(organization=organization, is_active=True)


class HoldForm(BootstrapFormMixin, forms.Form):
    held_on = forms.DateField(label=_("Ngày tổ chức"))
    minutes = forms.CharField(
        label=_("Biên bản, kết luận"), widget=forms.Textarea({"rows": 4}), required=False
    )


class IssueForm(BootstrapFormMixin, forms.Form):
    enterprise = forms.ModelChoiceField(label=_("Doanh nghiệp nêu"), queryset=None, required=False)
    subject = forms.CharField(label=_("Vấn đề"), max_length=300)
    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea({"rows": 3}))

    def __init__(self, *args, dialogue, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = dialogue.enterprises.all()


class AttachmentForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label=_("Tệp đính kèm"), validators=[validate_evidence])


class EnterpriseUploadForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel danh sách doanh nghiệp"),
        help_text=_("Các cột: Tên doanh nghiệp, Mã số thuế, Lĩnh vực, Loại hình sở hữu, Quy mô, Địa chỉ…"),
        validators=[validate_workbook],
    )


class ScoresForm(BootstrapFormMixin, forms.Form):
    """One points field per criterion (and an evidence file when the enterprise scores itself)."""

    def __init__(self, *args, criteria, with_evidence: bool, initial_scores: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"c{criterion.pk}"] = forms.DecimalField(
                label=criterion.text,
                min_value=0,
                max_value=criterion.max_points,
                decimal_places=2,
                initial=initial_scores.get(criterion.pk),
                help_text=_("{group}; tối đa {points} điểm").format(
                    group=criterion.get_group_display(), points=criterion.max_points
                ),
            )
            if with_evidence:
                self.fields[f"e{criterion.pk}"] = forms.FileField(
                    label=_("Minh chứng: {text}").format(text=criterion.text),
                    required=False,
                    validators=[validate_evidence],
                )

    def scores(self) -> dict:
        return {c: self.cleaned_data[f"c{c.pk}"] for c in self.criteria}

    def evidence(self) -> dict:
        return {c: self.cleaned_data[f"e{c.pk}"] for c in self.criteria if self.cleaned_data.get(f"e{c.pk}")}
