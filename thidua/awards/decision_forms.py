"""Forms of the decisions, proposals and reward book pages."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.awards.models import Award, Person, ProposalFile, RewardKind, Title
from thidua.awards.models.decisions import RULE_TITLES
from thidua.core.forms import BootstrapFormMixin
from thidua.core.uploads import validate_evidence, validate_workbook
from thidua.org.models import Unit


class PaperForm(BootstrapFormMixin, forms.Form):
    """A new draft decision or proposal: the achievements' year and kind, and its summary."""

    year = forms.IntegerField(label=_("Năm thành tích"), min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=_("Loại khen thưởng"), choices=RewardKind.choices)
    content = forms.CharField(label=_("Trích yếu"), max_length=300)


class LineForm(BootstrapFormMixin, forms.Form):
    """One person, or one unit, and the form they are given or proposed for."""

    person = forms.ModelChoiceField(
        label=_("Cá nhân"), queryset=Person.objects.none(), required=False, empty_label=_("— Tập thể —")
    )
    unit: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Tập thể"), queryset=Unit.objects.none(), required=False, empty_label=_("— Cá nhân —")
    )
    title = forms.ChoiceField(label=_("Danh hiệu, hình thức"), choices=RULE_TITLES)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(
            organization=organization, is_active=True
        ).order_by("full_name", "pk")
        self.fields["unit"].queryset = Unit.objects.filter(organization=organization).order_by(
            "position", "name"
        )

    def clean(self):
        data = super().clean()
        if bool(data.get("person")) == bool(data.get("unit")):
            raise forms.ValidationError(_("Chọn một cá nhân hoặc một tập thể."))
        return data


class SignForm(BootstrapFormMixin, forms.Form):
    """The signed paper: its number, date and signer."""

    number = forms.CharField(label=_("Số"), max_length=50)
    signed_on = forms.DateField(label=_("Ngày ký"))
    signer = forms.CharField(label=_("Người ký"), max_length=150)


class OutcomeForm(BootstrapFormMixin, forms.Form):
    """The province's answer to a proposal: who was accepted, under which decision."""

    accepted = forms.ModelMultipleChoiceField(
        label=_("Được khen thưởng"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    number = forms.CharField(label=_("Số quyết định của tỉnh"), max_length=50, required=False)
    decided_on = forms.DateField(label=_("Ngày quyết định"), required=False)
    signer = forms.CharField(label=_("Người ký"), max_length=150, required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea({"rows": 2}))

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accepted"].queryset = lines


class BookUploadForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel khen thưởng các năm trước"),
        help_text=_(
            "Các cột: Họ và tên, Đơn vị, Năm thành tích, Danh hiệu/hình thức, Loại khen thưởng, "
            "Số quyết định, "
            "Ngày quyết định, Người ký, Tiền thưởng. Để trống “Họ và tên” khi khen thưởng tập thể đơn vị."
        ),
        validators=[validate_workbook],
    )


class AwardFilter(django_filters.FilterSet):
    """The reward book's filters: year, form, unit (its own rewards and its people's) and kind."""

    year = django_filters.NumberFilter(label=_("Năm thành tích"))
    title = django_filters.ChoiceFilter(
        label=_("Danh hiệu, hình thức"), choices=Title.choices, empty_label=_("Tất cả")
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị"), queryset=Unit.objects.none(), method="of_unit", empty_label=_("Tất cả")
    )
    kind = django_filters.ChoiceFilter(label=_("Loại"), choices=RewardKind.choices, empty_label=_("Tất cả"))

    class Meta:
        model = Award
        fields = ["year", "title", "unit", "kind"]

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["unit"].queryset = Unit.objects.filter(organization=organization).order_by(
            "position", "name"
        )
        for field in self.form.fields.values():
            css = (
                "form-select form-select-sm"
                if isinstance(field.widget, forms.Select)
                else "form-control form-control-sm"
            )
            field.widget.attrs["class"] = css

    def of_unit(self, queryset, name, value):
        return queryset.filter(Q(unit=value) | Q(person__unit=value))


class ProposalFileForm(BootstrapFormMixin, forms.Form):
    """A file of the proposal's dossier: what it is, and the file (checked as every uploaded document)."""

    kind = forms.ChoiceField(label=_("Loại tài liệu"), choices=ProposalFile.Kind.choices)
    file = forms.FileField(label=_("Tệp hồ sơ"), validators=[validate_evidence])
