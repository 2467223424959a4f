from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.awards.models import Person, Title
from thidua.core.forms import BootstrapFormMixin
from thidua.org.models import Unit


class NominationForm(BootstrapFormMixin, forms.Form):
    """Who the unit puts forward: one of its people, or (no person) the unit itself."""

    unit: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Đơn vị đề nghị"), queryset=Unit.objects.none()
    )
    person = forms.ModelChoiceField(
        label=_("Cá nhân được đề nghị"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("— Tập thể đơn vị —"),
    )
    title = forms.ChoiceField(
        label=_("Danh hiệu, hình thức"), choices=[c for c in Title.choices if c[0] != Title.OTHER]
    )
    summary = forms.CharField(label=_("Tóm tắt thành tích"), widget=forms.Textarea({"rows": 5}))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if units.count() == 1:
            self.fields["unit"].initial = units.first()
        self.fields["person"].queryset = Person.objects.filter(unit__in=units, is_active=True).order_by(
            "full_name", "pk"
        )
