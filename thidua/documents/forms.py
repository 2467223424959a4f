from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BootstrapFormMixin
from thidua.documents import nd30, registry
from thidua.documents.models import Document
from thidua.plans.models import Plan


class GenerateForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=registry.choices)
    plan = forms.ModelChoiceField(label=_("Kế hoạch"), queryset=Plan.objects.none())
    as_of = forms.DateField(label=_("Số liệu tính đến ngày"))

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Plan.objects.filter(organization=organization).exclude(
            status=Plan.Status.DRAFT
        )


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
