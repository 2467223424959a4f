"""`thidua documents render KIND ID --format docx|pdf --out FILE [--as-of YYYY-MM-DD | --phase PHASE_ID]` and
`thidua documents demo --out DIR`: documents in the state format from live data."""

import datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from thidua.documents.kinds import rewards
from thidua.documents.pdf import PdfError, docx_to_pdf
from thidua.documents.registry import KINDS
from thidua.documents.services import phase_as_of, render_subject
from thidua.plans.models import Phase, Plan


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"Ngày không hợp lệ: “{text}” (viết YYYY-MM-DD).") from error


def render(kind: str, subject, as_of: datetime.date, fmt: str) -> bytes:
    try:
        data = render_subject(kind, subject, as_of)
    except ValidationError as error:
        raise CommandError(" ".join(error.messages)) from error
    if fmt == "pdf":
        try:
            return docx_to_pdf(data)
        except PdfError as error:
            raise CommandError(str(error)) from error
    return data


def default_as_of(subject) -> datetime.date:
    """Today, or the plan's end when it ended earlier."""
    today = timezone.localdate()
    ends_on = getattr(subject, "ends_on", None)
    return min(today, ends_on) if ends_on else today


class Command(BaseCommand):
    help = "Văn bản theo Nghị định 30/2020: `documents render KIND ID …`, `documents demo --out DIR`."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        one = actions.add_parser("render", help="Tạo một văn bản từ số liệu hiện có.")
        one.add_argument("kind", choices=sorted(KINDS), help="Loại văn bản")
        one.add_argument("id", type=int, help="Mã (id) của đối tượng, ví dụ kế hoạch")
        one.add_argument("--format", dest="fmt", choices=["docx", "pdf"], default="docx")
        one.add_argument("--out", required=True, help="Tệp kết quả")
        when = one.add_mutually_exclusive_group()
        when.add_argument(
            "--as-of", dest="as_of", help="Số liệu tính đến ngày (YYYY-MM-DD), mặc định hôm nay"
        )
        when.add_argument(
            "--phase",
            type=int,
            help="Số liệu tính đến hết giai đoạn (mã giai đoạn; hôm nay nếu giai đoạn chưa kết thúc)",
        )
        demo = actions.add_parser("demo", help="Mỗi loại văn bản một tệp .docx và .pdf từ dữ liệu mẫu.")
        demo.add_argument("--out", required=True, help="Thư mục kết quả")
        demo.add_argument("--no-pdf", action="store_true", help="Chỉ tạo tệp .docx")

    def handle(self, *args, action, **options):
        if action == "render":
            self._render(options)
        else:
            self._demo(Path(options["out"]), pdf=not options["no_pdf"])

    def _render(self, options) -> None:
        kind = KINDS[options["kind"]]
        subject = kind.model._default_manager.filter(pk=options["id"]).first()
        if subject is None:
            raise CommandError(f"Không có {kind.model._meta.verbose_name} mã {options['id']}.")
        if options["phase"] is not None:
            phase = Phase.objects.filter(pk=options["phase"], plan_id=subject.pk).first()
            if phase is None:
                raise CommandError(f"Kế hoạch mã {subject.pk} không có giai đoạn mã {options['phase']}.")
            as_of = phase_as_of(phase)
        else:
            as_of = _date(options["as_of"]) if options["as_of"] else default_as_of(subject)
        data = render(kind.code, subject, as_of, options["fmt"])
        Path(options["out"]).write_bytes(data)
        self.stdout.write(f"Đã ghi {options['out']} ({len(data)} byte).")

    def _demo(self, folder: Path, *, pdf: bool) -> None:
        plan = Plan.objects.exclude(status=Plan.Status.DRAFT).order_by("pk").first()
        if plan is None:
            raise CommandError("Chưa có kế hoạch đã ban hành: hãy chạy `thidua demo` trước.")
        folder.mkdir(parents=True, exist_ok=True)
        for kind in KINDS.values():
            subject = plan if kind.model is Plan else rewards.example(kind.code)
            if subject is None:
                raise CommandError(f"Dữ liệu mẫu chưa có {kind.model._meta.verbose_name} cho “{kind.label}”.")
            data = render(kind.code, subject, default_as_of(subject), "docx")
            (folder / f"{kind.code}.docx").write_bytes(data)
            self.stdout.write(f"{kind.code}.docx")
            if pdf:
                try:
                    (folder / f"{kind.code}.pdf").write_bytes(docx_to_pdf(data))
                except PdfError as error:
                    raise CommandError(str(error)) from error
                self.stdout.write(f"{kind.code}.pdf")
