from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    name = "thidua.engagement"
    verbose_name = _("Doanh nghiệp")

    def ready(self):
        from thidua.engagement import indicators  # noqa: F401  (registers the computed indicators)
