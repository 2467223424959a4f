from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "thidua.initiatives"
    verbose_name = _("Sáng kiến")

    def ready(self):
        from thidua.initiatives import indicators  # noqa: F401  (registers the computed indicators)
