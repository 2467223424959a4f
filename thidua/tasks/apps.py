from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "thidua.tasks"
    verbose_name = _("Nhiệm vụ")

    def ready(self):
        from thidua.tasks import indicators, panels  # noqa: F401  (registers indicators and the unit panel)
