"""The filters of the initiatives' lists (the same django-filter way as every filtered list)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.initiatives.models import Council, Initiative
from thidua.org.models import Unit


def _units(request):
    if request is None:
        return Unit.objects.none()
    return Unit.objects.visible_to(request.user).carrying_out().without_tree_fields()


SELECT = forms.Select(attrs={"class": "form-select form-select-sm"})


class InitiativeFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Trạng thái"), choices=Initiative.Status.choices, empty_label=_("Tất cả"), widget=SELECT
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị"), queryset=_units, empty_label=_("Tất cả"), widget=SELECT
    )

    class Meta:
        model = Initiative
        fields = ["status", "unit"]


class CouncilFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("Năm"))

    class Meta:
        model = Council
        fields = ["year"]
