from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Chạy máy chủ ứng dụng (gunicorn) cho hệ thống thật: địa chỉ, số tiến trình và thời gian chờ "
        "lấy từ biến môi trường SERVE_BIND, SERVE_WORKERS, SERVE_TIMEOUT (xem .env.example)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=settings.SERVE_BIND, help="địa chỉ:cổng, hoặc unix:/đường/dẫn")
        parser.add_argument(
            "--workers", type=int, default=settings.SERVE_WORKERS, help="số tiến trình (0: số CPU + 1)"
        )
        parser.add_argument("--timeout", type=int, default=settings.SERVE_TIMEOUT, help="giây")
        parser.add_argument("--access-log", action="store_true", default=settings.SERVE_ACCESS_LOG)

    def handle(self, *args, bind, workers, timeout, access_log, **options):
        from thidua.core.server import Server, server_options

        Server(server_options(bind=bind, workers=workers, timeout=timeout, access_log=access_log)).run()
