from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.api.models import ApiToken
from thidua.core.forms import BootstrapFormMixin


class TokenForm(BootstrapFormMixin, forms.ModelForm):
    """A new token: which system, read or read-write, and for a read-write one the unit it reports for."""

    class Meta:
        model = ApiToken
        fields = ["name", "scope", "unit"]

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organization = organization
        self.fields["unit"].queryset = organization.units.carrying_out().order_by("position", "name")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("scope") == ApiToken.Scope.READ_WRITE and not cleaned.get("unit"):
            self.add_error("unit", _("Mã được gửi số liệu phải gắn với một phòng, đơn vị."))
        return cleaned
