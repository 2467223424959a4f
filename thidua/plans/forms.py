from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.forms import BootstrapFormMixin
from thidua.core.uploads import check_office_upload
from thidua.plans.extraction import MAX_BYTES
from thidua.plans.models import Deadline, Phase, Plan, Reference, Target

DOCUMENT_TYPES = (".docx", ".pdf", ".txt", ".md")


class PlanUploadForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp văn bản kế hoạch"),
        required=False,
        allow_empty_file=True,  # the reader explains an empty file in its own words
        help_text=gettext_lazy("Word (.docx), PDF có lớp chữ, hoặc văn bản (.txt, .md)"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(DOCUMENT_TYPES)}),
    )
    text = forms.CharField(
        label=gettext_lazy("hoặc dán nội dung kế hoạch"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return upload
        if not upload.name.lower().endswith(DOCUMENT_TYPES):
            raise forms.ValidationError(
                _("Tệp “%(name)s” không đúng loại: chỉ nhận %(types)s."),
                params={"name": upload.name, "types": ", ".join(DOCUMENT_TYPES)},
            )
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("Tệp “%(name)s” nặng %(size)s, vượt giới hạn %(limit)s."),
                params={
                    "name": upload.name,
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(MAX_BYTES),
                },
            )
        if upload.name.lower().endswith(".docx"):
            check_office_upload(upload)  # before the reader opens it
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("file") and not (cleaned.get("text") or "").strip() and not self.errors:
            raise forms.ValidationError(_("Hãy chọn tệp văn bản kế hoạch hoặc dán nội dung kế hoạch."))
        return cleaned


class DocumentForm(BootstrapFormMixin, forms.ModelForm):
    """The document facts of a draft; the Plan model's own rules validate them."""

    movement = forms.CharField(
        label=gettext_lazy("Tên phong trào"), required=False, widget=forms.Textarea({"rows": 2})
    )

    class Meta:
        model = Plan
        fields = [
            "title",
            "number",
            "issued_on",
            "issuer",
            "province",
            "signer_on_behalf_of",
            "signer_position",
            "signer_name",
        ]
        widgets = {"title": forms.Textarea({"rows": 3})}

    @staticmethod
    def initial_from(document: dict) -> dict:
        signer = document.get("signer") or {}
        return {
            "title": document.get("title"),
            "movement": document.get("movement"),
            "number": document.get("number"),
            "issued_on": document.get("date"),
            "issuer": document.get("issuer"),
            "province": document.get("province"),
            "signer_on_behalf_of": signer.get("on_behalf_of"),
            "signer_position": signer.get("position"),
            "signer_name": signer.get("name"),
        }

    def to_document(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "movement": data["movement"] or None,
            "number": data["number"] or None,
            "date": data["issued_on"].isoformat() if data["issued_on"] else None,
            "issuer": data["issuer"] or None,
            "province": data["province"] or None,
            "signer": {
                "on_behalf_of": data["signer_on_behalf_of"] or None,
                "position": data["signer_position"] or None,
                "name": data["signer_name"] or None,
            },
        }


class DraftRowForm(BootstrapFormMixin, forms.ModelForm):
    """One reviewed item of a draft; `index` says which item the reader found (empty for one added)."""

    index = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if "lead_unit" in self.fields:
            self.fields["lead_unit"].queryset = units


class TargetRowForm(DraftRowForm):
    class Meta:
        model = Target
        fields = [
            "text",
            "comparator",
            "value",
            "value_max",
            "unit_of_measure",
            "period_kind",
            "per_unit",
            "lead_unit",
        ]
        widgets = {"text": forms.Textarea({"rows": 2})}


class DeadlineRowForm(DraftRowForm):
    class Meta:
        model = Deadline
        fields = ["due_on", "bound", "recurrence", "text"]
        widgets = {"text": forms.Textarea({"rows": 2})}


class PhaseRowForm(DraftRowForm):
    class Meta:
        model = Phase
        fields = ["name", "starts_on", "ends_on"]


class ReferenceRowForm(DraftRowForm):
    class Meta:
        model = Reference
        fields = ["kind", "number", "issued_on", "issuer"]


PART_FORMS = {
    "targets": TargetRowForm,
    "deadlines": DeadlineRowForm,
    "phases": PhaseRowForm,
    "references": ReferenceRowForm,
}
PART_FORMSETS = {
    part: forms.formset_factory(form, extra=1, can_delete=True) for part, form in PART_FORMS.items()
}


def kept_rows(formset) -> list[dict]:
    """Rows the office kept: filled in and not marked for deletion (an untouched blank row is skipped)."""
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]
