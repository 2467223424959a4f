from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "thidua.core"
    verbose_name = _("Nền tảng")

    def ready(self):
        from django.db.backends.signals import connection_created

        from thidua.core.search import register_sqlite_fold

        connection_created.connect(register_sqlite_fold, dispatch_uid="thidua_fold")
