"""Benchmark of the documents: a province-scale báo cáo tổng kết to .docx and to .pdf.

    python bench/bench_documents.py [--runs N] [--pdf-runs N]

One agency of the synthetic province (bench/scale.py: 10 units × 30 targets × 60 months of reports),
on PostgreSQL when DATABASE_URL is set, otherwise on its own SQLite file (var/bench.sqlite3). Times
N builds of the tổng kết to .docx (figures from the progress engine, then python-docx) and a few
conversions to .pdf (LibreOffice headless), after one warm-up each; the PDF is also compared with
converting a one-page document, which is LibreOffice's own start-up cost on this machine.

Budget (issue 11): median .docx ≤ 5 s, median .pdf ≤ 15 s. Medians and ratios go to the "documents"
section of bench/results.json; one slow run never fails the benchmark, and neither does the budget
(it is reported, so that a loaded machine does not fail a build).
"""

from __future__ import annotations

import argparse
import datetime
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results.json"
BUDGET_S = {"docx": 5.0, "pdf": 15.0}
SIZE = {"organizations": 1, "units": 10, "targets": 30, "months": 60}
PREFIX = "vanban"


def seconds(function, runs: int) -> list[float]:
    function()  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed .docx builds")
    parser.add_argument("--pdf-runs", type=int, default=3, help="timed .pdf conversions")
    args = parser.parse_args()

    from bench.bench_pages import configure

    configure()
    from django.core.management import call_command
    from django.db import connection

    from bench.scale import generate_province
    from thidua.documents import nd30
    from thidua.documents.pdf import docx_to_pdf, soffice_path
    from thidua.documents.services import build_content
    from thidua.plans.models import Plan

    call_command("migrate", verbosity=0)
    counts = generate_province(**SIZE, prefix=PREFIX, province="Tỉnh Văn Bản", stdout=sys.stdout)
    plan = Plan.objects.filter(organization__slug__startswith=PREFIX).order_by("pk").first()
    as_of = min(datetime.date.today(), plan.ends_on or datetime.date.today())

    def docx() -> bytes:
        return nd30.render_docx(build_content("bao-cao-tong-ket", plan, as_of))

    data = docx()
    docx_times = seconds(docx, args.runs)
    section = {
        "scale": {**SIZE, "reports": counts["reports"], "database": connection.vendor},
        "docx": {"median_s": round(statistics.median(docx_times), 3), "runs": args.runs, "bytes": len(data)},
        "budget_s": BUDGET_S,
    }
    if soffice_path():
        one_page = nd30.render_docx(
            nd30.Content(
                issuer_parent="UBND tỉnh",
                issuer="Sở",
                symbol="BC",
                place="Hà Nội",
                dated=as_of,
                kind_title="Báo cáo",
                summary="Một trang",
                blocks=[nd30.Block(nd30.TEXT, "Một đoạn.")],
                signature=nd30.Signature("Giám đốc", "A"),
                recipients=["Lưu: VT."],
            )
        )
        pdf_times = seconds(lambda: docx_to_pdf(data), args.pdf_runs)
        start_times = seconds(lambda: docx_to_pdf(one_page), args.pdf_runs)
        section["pdf"] = {
            "median_s": round(statistics.median(pdf_times), 3),
            "one_page_median_s": round(statistics.median(start_times), 3),
            "over_one_page": round(statistics.median(pdf_times) / statistics.median(start_times), 2),
            "runs": args.pdf_runs,
        }
    else:
        section["pdf"] = {"skipped": "LibreOffice (soffice) is not installed"}
    section["over_budget"] = {
        kind: round(section[kind]["median_s"] / limit, 3)
        for kind, limit in BUDGET_S.items()
        if "median_s" in section[kind]
    }
    section["within_budget"] = all(ratio <= 1 for ratio in section["over_budget"].values())
    section["measured_at"] = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")

    results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    results["documents"] = section
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(section, ensure_ascii=False, indent=2))
    if not section["within_budget"]:
        print("Budget NOT met on this run (medians above): reported, not failed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
