from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "thidua.demo"
    verbose_name = "Dữ liệu mẫu"
