from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "thidua.notifications"
    verbose_name = _("Lịch và nhắc việc")

    def ready(self):
        from thidua.notifications import handoffs  # noqa: F401  (hand-offs reach the inbox and e-mail)
