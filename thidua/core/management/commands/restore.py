"""`thidua restore DIR`: a backup made by `thidua backup`, checked, into an empty database."""

from django.core.management.base import BaseCommand, CommandError

from thidua.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu của `thidua backup` vào cơ sở dữ liệu TRỐNG và MEDIA_ROOT, sau khi "
        "kiểm tra manifest và mã kiểm tra của từng tệp; từ chối bản sao lưu hỏng hoặc không khớp."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="thư mục bản sao lưu (có manifest.json)")

    def handle(self, *args, folder, **options):
        try:
            restored = restore(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(f"Đã khôi phục {restored.tables} bảng và {restored.files} tệp tải lên.")
        )
        if restored.pending_migrations:
            self.stdout.write(
                f"Mã nguồn có {restored.pending_migrations} migration mới hơn bản sao lưu: "
                "hãy chạy `thidua migrate`."
            )
