"""The filters of the engagement lists (the same django-filter way as every filtered list)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from thidua.engagement.models import Feedback


class FeedbackFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=Feedback.State.choices)

    class Meta:
        model = Feedback
        fields = ["state"]
