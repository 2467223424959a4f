from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackingConfig(AppConfig):
    name = "thidua.tracking"
    verbose_name = _("Theo dõi thực hiện")

    def ready(self):
        from thidua.core.history import name_codes
        from thidua.tracking import indicators, signals  # noqa: F401  (per-unit targets reach new units)

        name_codes("plans.Target.indicator", indicators.label)
