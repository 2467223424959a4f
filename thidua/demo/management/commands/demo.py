from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from thidua.core.handoffs import in_app_only
from thidua.demo.agencies import DEMO_PASSWORD
from thidua.demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu: hai Sở Xây dựng, đơn vị, người dùng mọi vai trò, doanh nghiệp, hai kế hoạch mẫu "
        "với báo cáo, sáng kiến, đối thoại, phản ánh, kiến nghị và kết quả tự chấm của doanh nghiệp."
    )

    def handle(self, *args, **options):
        if not (settings.DEBUG or settings.THIDUA_DEMO):
            raise CommandError(
                "Dữ liệu mẫu chỉ nạp khi DEBUG=true hoặc THIDUA_DEMO=true (không dùng cho hệ thống thật)."
            )
        with in_app_only():  # the demo's hand-offs reach the bells, no mailbox
            users = load_demo()
        self.stdout.write(
            self.style.SUCCESS(f"Đã nạp dữ liệu mẫu. Tài khoản đăng nhập (mật khẩu: {DEMO_PASSWORD}):")
        )
        for user in users:
            roles = ", ".join(m.get_role_display() for m in user.memberships.select_related("organization"))
            self.stdout.write(f"  {user.username:24} {user.full_name} — {roles}")
