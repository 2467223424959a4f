from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "thidua.search"
    verbose_name = _("Tìm kiếm")
