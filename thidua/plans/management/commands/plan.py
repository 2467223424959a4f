"""`thidua plan parse FILE [--json]`: read a plan document and show what it commits to."""

import datetime
import json as json_module

from django.core.management.base import BaseCommand, CommandError

from thidua.core.formatting import format_date
from thidua.plans.extraction import ExtractionError, read_file


class Command(BaseCommand):
    help = "Làm việc với văn bản kế hoạch. `plan parse FILE [--json]`: đọc kế hoạch (.txt, .md, .docx, .pdf)."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        parse = actions.add_parser(
            "parse", help="Đọc văn bản kế hoạch và in các chỉ tiêu, thời hạn, giai đoạn."
        )
        parse.add_argument("file")
        parse.add_argument("--json", action="store_true", help="In theo định dạng thidua.plan/v1")

    def handle(self, *args, action, file, json=False, **options):
        try:
            draft = read_file(file).to_dict()
        except ExtractionError as error:
            raise CommandError(f"{file}: {error}") from error
        except OSError as error:
            raise CommandError(f"Không mở được tệp {file}: {error.strerror}") from error
        if json:
            self.stdout.write(json_module.dumps(draft, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(summarize(draft))


def summarize(draft: dict) -> str:
    document = draft["document"]
    lines = [f"{document.get('kind') or 'Văn bản'}: {document.get('title')}"]
    if document.get("movement"):
        lines.append(f"Phong trào: “{document['movement']}”")
    lines.append(f"Cơ quan ban hành: {document.get('issuer') or '—'} ({document.get('province') or '—'})")
    lines.append(f"\nChỉ tiêu ({len(draft['targets'])}):")
    for target in draft["targets"]:
        bound = (
            f"{target['value']}–{target['value_max']}" if target["value_max"] is not None else target["value"]
        )
        lines.append(
            f"  {target['comparator']:>5} {bound} {target['unit']} [{target['period']}] {target['text']}"
        )
    lines.append(f"\nThời hạn ({len(draft['deadlines'])}):")
    for deadline in draft["deadlines"]:
        due = format_date(_iso(deadline["date"]))
        lines.append(f"  {deadline['bound']:>6} {due} {deadline['text']}")
    lines.append(f"\nGiai đoạn ({len(draft['phases'])}):")
    for phase in draft["phases"]:
        lines.append(
            f"  {phase['name']}: {format_date(_iso(phase['start']))} – {format_date(_iso(phase['end']))}"
        )
    lines.append(f"\nVăn bản được trích dẫn ({len(draft['references'])}):")
    lines.extend(f"  {ref['kind']} {ref['number']}" for ref in draft["references"])
    return "\n".join(lines)


def _iso(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)
