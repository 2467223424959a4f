"""`thidua progress refresh [--today YYYY-MM-DD]`: recompute where every target stands (run nightly)."""

import datetime

from django.core.management.base import BaseCommand

from thidua.core.jobs import PROGRESS_REFRESH, record_run
from thidua.tracking.standing import refresh_all


class Command(BaseCommand):
    help = "Tính lại tình hình thực hiện mọi chỉ tiêu (chạy hằng đêm: “dự kiến đến nay” đổi theo ngày)."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        refresh = actions.add_parser("refresh", help="Tính lại tình hình thực hiện")
        refresh.add_argument("--today", type=datetime.date.fromisoformat, help="Tính như vào ngày YYYY-MM-DD")

    def handle(self, *args, action, today=None, **options):
        count = refresh_all(today)
        record_run(PROGRESS_REFRESH)
        self.stdout.write(self.style.SUCCESS(f"Đã tính lại {count} chỉ tiêu."))
