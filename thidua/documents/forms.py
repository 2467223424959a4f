from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.formatting import format_date
from thidua.core.forms import BootstrapFormMixin
from thidua.documents import nd30, registry
from thidua.documents.models import Document
from thidua.documents.services import phase_as_of
from thidua.plans.models import Phase, Plan


class GenerateForm(BootstrapFormMixin, forms.Form):
    """A draft as of a date, or as of the end of one of the plan's phases (today while it runs)."""

    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=registry.choices)
    plan = forms.ModelChoiceField(label=_("Kế hoạch"), queryset=Plan.objects.none())
    as_of = forms.DateField(label=_("Số liệu tính đến ngày"), required=False)
    phase = forms.ModelChoiceField(
        label=_("hoặc hết giai đoạn"), queryset=Phase.objects.none(), required=False, empty_label="—"
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        plans = Plan.objects.filter(organization=organization).exclude(status=Plan.Status.DRAFT)
        self.fields["plan"].queryset = plans
        self.fields["phase"].queryset = Phase.objects.filter(plan__in=plans).select_related("plan")
        self.fields["phase"].label_from_instance = lambda phase: _("{phase} ({start} – {end})").format(
            phase=phase.name, start=format_date(phase.starts_on), end=format_date(phase.ends_on)
        )

    def clean(self):
        cleaned = super().clean()
        phase, plan = cleaned.get("phase"), cleaned.get("plan")
        if phase is not None:
            if plan is not None and phase.plan_id != plan.pk:
                self.add_error(
                    "phase", _("Giai đoạn “{phase}” không thuộc kế hoạch đã chọn.").format(phase=phase)
                )
            else:
                cleaned["as_of"] = phase_as_of(phase)
        elif not cleaned.get("as_of") and "as_of" not in self.errors:
            self.add_error("as_of", _("Chọn ngày tính số liệu hoặc một giai đoạn của kế hoạch."))
        return cleaned


class DocumentForm(BootstrapFormMixin, forms.ModelForm):
    """The header fields and, one text box each, the paragraphs and headings of the body."""

    recipients_text = forms.CharField(
        label=_("Nơi nhận (mỗi dòng một nơi)"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )

    class Meta:
        model = Document
        fields = [
            "summary",
            "place",
            "dated_on",
            "issuer_parent",
            "issuer",
            "symbol",
            "signer_authority",
            "signer_on_behalf_of",
            "signer_title",
            "signer_name",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipients_text"].initial = "\n".join(self.instance.recipients)
        for label, index, block in self.text_blocks():
            self.fields[f"block_{index}"] = forms.CharField(
                label=label or _("Đoạn văn"),
                initial=block.text,
                required=False,
                widget=forms.Textarea(
                    attrs={"rows": 3 if block.style == nd30.TEXT else 1, "class": "form-control"}
                ),
            )

    def text_blocks(self):
        for index, (label, block) in enumerate(nd30.numbered(self.instance.body())):
            if block.style != nd30.TABLE:
                yield label, index, block

    def texts(self) -> dict[int, str]:
        return {index: self.cleaned_data[f"block_{index}"] for _label, index, _block in self.text_blocks()}

    def header_fields(self) -> dict:
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        lines = self.cleaned_data["recipients_text"].splitlines()
        fields["recipients"] = [line.strip().lstrip("-").strip() for line in lines if line.strip()]
        return fields


class IssueForm(BootstrapFormMixin, forms.Form):
    number = forms.CharField(label=_("Số văn bản"), max_length=20)
    dated_on = forms.DateField(label=_("Ngày ban hành"))


class TemplateForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label=_("Tệp mẫu Word (.docx)"))
