"""The task board's filters: plan, content area, lead unit, source, status, due."""

import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.query import parse_int
from thidua.org.models import Unit
from thidua.plans.models import Plan, Section
from thidua.tasks.models import Task

SELECT = forms.Select(attrs={"class": "form-select form-select-sm"})
DUE_CHOICES = (
    ("overdue", _("Quá hạn")),
    ("week", _("Đến hạn trong 7 ngày")),
    ("month", _("Đến hạn trong 30 ngày")),
    ("done", _("Đã hoàn thành")),
)


def _plans(request):
    return Plan.objects.visible_to(request.user).published() if request else Plan.objects.none()


def _sections(request):
    if request is None:
        return Section.objects.none()
    rows = Section.objects.visible_to(request.user).filter(tasks__isnull=False).distinct()
    plan = request.GET.get("plan")
    plan_id = parse_int(plan)
    return rows if plan_id is None else rows.filter(plan=plan_id)


def _units(request):
    if request is None:
        return Unit.objects.none()
    return Unit.objects.visible_to(request.user).carrying_out().without_tree_fields()


class TaskFilter(django_filters.FilterSet):
    plan = django_filters.ModelChoiceFilter(
        label=_("Kế hoạch"), queryset=_plans, empty_label=_("Mọi kế hoạch"), widget=SELECT
    )
    section = django_filters.ModelChoiceFilter(
        label=_("Nội dung"), queryset=_sections, empty_label=_("Mọi nội dung"), widget=SELECT
    )
    lead_unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị chủ trì"), queryset=_units, empty_label=_("Mọi đơn vị"), widget=SELECT
    )
    source = django_filters.ChoiceFilter(
        label=_("Nguồn"), choices=Task.Source.choices, empty_label=_("Mọi nguồn"), widget=SELECT
    )
    status = django_filters.ChoiceFilter(
        label=_("Tình trạng"), choices=Task.Status.choices, empty_label=_("Mọi tình trạng"), widget=SELECT
    )
    han = django_filters.ChoiceFilter(
        label=_("Hạn"), choices=DUE_CHOICES, empty_label=_("Mọi hạn"), method="by_due", widget=SELECT
    )

    class Meta:
        model = Task
        fields = ["plan", "section", "lead_unit", "source", "status"]

    def by_due(self, queryset, name, value):
        today = timezone.localdate()
        if value == "overdue":
            return queryset.overdue(today)
        if value == "done":
            return queryset.filter(status=Task.Status.DONE)
        days = 7 if value == "week" else 30
        return queryset.open().filter(Q(due_on__gte=today), due_on__lte=today + datetime.timedelta(days=days))
