import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.plans.models import Plan


class PlanFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="search")
    status = django_filters.ChoiceFilter(
        label=_("Trạng thái"), choices=Plan.Status.choices, empty_label=_("Tất cả")
    )
    organization = django_filters.ModelChoiceFilter(
        label=_("Cơ quan"), queryset=lambda request: _organizations(request), empty_label=_("Tất cả")
    )

    class Meta:
        model = Plan
        fields = ["q", "status", "organization"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value) | Q(number__icontains=value) | Q(movement__name__icontains=value)
        )


def _organizations(request):
    from thidua.org.models import Organization

    return Organization.objects.visible_to(request.user) if request else Organization.objects.none()
