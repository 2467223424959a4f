"""`thidua remind [--today YYYY-MM-DD] [--digest]`: send today's reminders (daily, by cron or a timer).

Idempotent: a second run on the same day sends nothing twice, and a run after a crash sends what the
crashed one left pending. The leaders' weekly digest goes out on Mondays, or on any day with --digest
(still once per ISO week).
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from thidua.core.formatting import format_date
from thidua.core.jobs import REMIND, record_run
from thidua.notifications.reminders import record_digests, record_reminders, send_pending


def _day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Ngày không hợp lệ: “{value}”; hãy viết theo dạng YYYY-MM-DD.") from error


class Command(BaseCommand):
    help = (
        "Gửi nhắc việc đến hạn hôm nay (thông báo trong ứng dụng và thư điện tử), không gửi trùng; "
        "thứ Hai gửi thêm bản tin tuần cho lãnh đạo."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", type=_day, help="Chạy như vào ngày YYYY-MM-DD")
        parser.add_argument(
            "--digest",
            action="store_true",
            help="Gửi bản tin tuần cho lãnh đạo dù hôm nay không phải thứ Hai",
        )

    def handle(self, *args, today=None, digest=False, **options):
        if isinstance(today, str):  # call_command(today="2026-08-22")
            today = _day(today)
        today = today or timezone.localdate()
        # Record everything due first, then send once: a message that fails is retried by the next run.
        summary = record_reminders(today) + record_digests(today, force=digest) + send_pending()
        message = (
            f"Ngày {format_date(today)}: đã tạo {summary.notifications} thông báo trong ứng dụng "
            f"(trong đó {summary.digests} bản tin tuần cho lãnh đạo), đã gửi {summary.emails} thư điện tử."
        )
        self.stdout.write(self.style.SUCCESS(message))
        if summary.no_address:
            self.stdout.write(
                f"{summary.no_address} người nhận chưa có địa chỉ thư điện tử: "
                "chỉ nhận thông báo trong ứng dụng."
            )
        if not summary.failed:
            record_run(REMIND)
        if summary.failed:
            raise CommandError(
                f"{summary.failed} thư chưa gửi được (xem nhật ký); lần chạy sau sẽ gửi lại, không gửi trùng."
            )
