"""`thidua backup --out DIR`: the database and the private uploads, with a manifest of checksums."""

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from thidua.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu (PostgreSQL: pg_dump; SQLite: sao lưu trực tuyến) và các tệp tải lên "
        "(MEDIA_ROOT) vào một thư mục mới, kèm manifest.json ghi mã kiểm tra SHA-256 của từng tệp. "
        "Chạy được trong khi mọi người đang làm việc."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="thư mục mới (hoặc trống) để ghi bản sao lưu")

    def handle(self, *args, out, **options):
        try:
            manifest = backup(out)
        except BackupError as error:
            raise CommandError(str(error)) from error
        size = sum(entry["size"] for entry in manifest["files"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã sao lưu vào {out}: cơ sở dữ liệu {manifest['database']['engine']} và "
                f"{len(manifest['files']) - 1} tệp tải lên, tổng {filesizeformat(size)}."
            )
        )
