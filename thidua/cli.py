"""The `thidua` command: the project's manage.py, installed as a console script."""

import os
import sys

DEMO_UNAVAILABLE = (
    "Lệnh demo không có trên hệ thống này: dữ liệu mẫu chỉ được nạp khi DEBUG=true "
    "(máy phát triển) hoặc THIDUA_DEMO=true (máy đào tạo), không bao giờ trên hệ thống thật."
)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        # Settings refuse to load when production lacks what it needs (SECRET_KEY): say why, no traceback.
        settings.INSTALLED_APPS  # noqa: B018
    except ImproperlyConfigured as error:
        sys.exit(f"thidua: {error}")
    if sys.argv[1:2] == ["demo"] and "thidua.demo" not in settings.INSTALLED_APPS:
        sys.exit(f"thidua: {DEMO_UNAVAILABLE}")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
