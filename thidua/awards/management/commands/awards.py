"""`thidua awards eligibility --org SLUG --year YYYY [--json]`: who may receive which title, and why."""

import json as json_module

from django.core.management.base import BaseCommand, CommandError

from thidua.awards import reasons, services
from thidua.org.models import Organization

MARKS = {True: "✓", False: "✗", None: "?"}


class Command(BaseCommand):
    help = (
        "Thi đua, khen thưởng. `awards eligibility --org SLUG --year YYYY [--json]`: xét điều kiện danh hiệu."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        eligibility = actions.add_parser(
            "eligibility", help="Xét từng cá nhân, tập thể với từng danh hiệu, nêu lý do và căn cứ."
        )
        eligibility.add_argument("--org", required=True, help="Mã cơ quan (slug)")
        eligibility.add_argument("--year", required=True, type=int, help="Năm thành tích")
        eligibility.add_argument("--json", action="store_true", help="In theo định dạng JSON")

    def handle(self, *args, action, org, year, json=False, **options):
        organization = Organization.objects.filter(slug=org).first()
        if organization is None:
            raise CommandError(f"Không có cơ quan mã “{org}”.")
        if not 2000 <= year <= 2100:
            raise CommandError(f"Năm không hợp lệ: {year}.")
        judgements = services.eligibility(organization, year)
        if json:
            rows = [reasons.as_dict(j) for j in judgements]
            self.stdout.write(json_module.dumps(rows, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{organization.name} — xét danh hiệu năm {year}")
        current = None
        for judgement in judgements:
            if (judgement.kind, judgement.key) != current:
                current = (judgement.kind, judgement.key)
                label = "Cá nhân" if judgement.kind == "person" else "Tập thể"
                self.stdout.write(f"\n{label}: {judgement.name}")
            self.stdout.write(
                f"  {reasons.title_label(judgement.title)}: {reasons.verdict_label(judgement.verdict)}"
                f" ({reasons.decider_label(judgement.decided_by)})"
            )
            for reason in judgement.reasons:
                self.stdout.write(f"    {MARKS[reason.met]} {reasons.describe(reason)} — {reason.basis}")
