from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.awards.models import Person, Registration, RegistrationEntry, Title
from thidua.core.forms import BootstrapFormMixin
from thidua.org.models import Unit
from thidua.plans.models import Movement


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


NO_COLLECTIVE_TITLE = _("— Không đăng ký danh hiệu tập thể —")


def _collective_choices():
    return [("", NO_COLLECTIVE_TITLE)] + [(t.value, t.label) for t in Registration.COLLECTIVE_TITLES]


class RegistrationStartForm(BootstrapFormMixin, forms.Form):
    """The unit, year (and movement, if the registration is for one) and the collective title."""

    unit: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Đơn vị đăng ký"), queryset=Unit.objects.none()
    )
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    movement: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Phong trào thi đua"),
        queryset=Movement.objects.none(),
        required=False,
        empty_label=_("— Thi đua thường xuyên cả năm —"),
    )
    collective_title = forms.ChoiceField(label=_("Danh hiệu tập thể đăng ký"), required=False)

    def __init__(self, *args, units, movements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if len(units) == 1:
            self.fields["unit"].initial = units[0].pk
        self.fields["movement"].queryset = movements
        self.fields["collective_title"].choices = _collective_choices()


class RegistrationTitleForm(BootstrapFormMixin, forms.Form):
    collective_title = forms.ChoiceField(label=_("Danh hiệu tập thể đăng ký"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collective_title"].choices = _collective_choices()


class RegistrationEntryForm(BootstrapFormMixin, forms.Form):
    """One more person of the unit, and the individual title they register for."""

    person: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Người đăng ký"),
        queryset=Person.objects.none(),
        empty_label=_("— Chọn người của đơn vị —"),
        error_messages={
            "invalid_choice": _("Người đăng ký phải là người của đơn vị, chưa có trong bản đăng ký.")
        },
    )
    title = forms.ChoiceField(
        label=_("Danh hiệu cá nhân đăng ký"),
        choices=[(t.value, t.label) for t in RegistrationEntry.INDIVIDUAL_TITLES],
    )

    def __init__(self, *args, registration, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = (
            Person.objects.filter(unit_id=registration.unit_id, is_active=True)
            .exclude(pk__in=registration.entries.values("person_id"))
            .order_by("full_name", "pk")
        )
