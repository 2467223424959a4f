from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from thidua.demo.agencies import DEMO_PASSWORD
from thidua.demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu: hai Sở Xây dựng, đơn vị, người dùng mọi vai trò, doanh nghiệp, hai kế hoạch mẫu "
        "với báo cáo, sáng kiến, đối thoại, phản ánh, kiến nghị và kết quả tự chấm của doanh nghiệp."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=["province"],
            help="Sinh dữ liệu lớn để đo tốc độ: 200 cơ quan × 10 đơn vị × 30 chỉ tiêu × 60 tháng",
        )

    def handle(self, *args, scale=None, **options):
        if not (settings.DEBUG or settings.THIDUA_DEMO):
            raise CommandError(
                "Dữ liệu mẫu chỉ nạp khi DEBUG=true hoặc THIDUA_DEMO=true (không dùng cho hệ thống thật)."
            )
        if scale == "province":
            from thidua.demo.scale import generate_province

            counts = generate_province(stdout=self.stdout)
            self.stdout.write(self.style.SUCCESS(f"Đã sinh dữ liệu quy mô tỉnh: {counts}"))
            return
        users = load_demo()
        self.stdout.write(
            self.style.SUCCESS(f"Đã nạp dữ liệu mẫu. Tài khoản đăng nhập (mật khẩu: {DEMO_PASSWORD}):")
        )
        for user in users:
            roles = ", ".join(m.get_role_display() for m in user.memberships.select_related("organization"))
            self.stdout.write(f"  {user.username:24} {user.full_name} — {roles}")
