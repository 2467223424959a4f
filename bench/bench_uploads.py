"""Benchmark of the upload guard: how long refusing an Office bomb takes, and how much memory.

    python bench/bench_uploads.py [--runs N]

Builds the bombs of issue 13 (a workbook whose shared strings unpack to 300 MB, a Word file of tiny
paragraphs that unpacks to 190 MB) and a workbook of 250.000 distinct shared strings (refused by
counting, which reads its shared-strings part once), then times the page validators on each
(`validate_workbook`, `validate_evidence`: what every import and evidence page calls before any
parser). Prints a table and JSON: the median milliseconds of each refusal and the peak of Python
memory during one (tracemalloc). A refusal must take well under a second and stay under 200 MB.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.bench_pages import configure  # noqa: E402

configure()  # the benchmarks' production-like settings: runs on a machine with no .env

from django.core.exceptions import ValidationError  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402

from tests import bombs  # noqa: E402
from thidua.core.uploads import validate_evidence, validate_workbook  # noqa: E402

LIMIT_MS = 1000
LIMIT_PEAK_MB = 200


def refusal_ms(validator, name: str, data: bytes) -> float:
    upload = SimpleUploadedFile(name, data)
    started = time.perf_counter()
    try:
        validator(upload)
    except ValidationError:
        return (time.perf_counter() - started) * 1000
    raise SystemExit(f"{name} was not refused")


def peak_mb(validator, name: str, data: bytes) -> float:
    tracemalloc.start()
    try:
        refusal_ms(validator, name, data)
        return tracemalloc.get_traced_memory()[1] / 1048576
    finally:
        tracemalloc.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    cases = {
        "xlsx-shared-strings-300MB": (validate_workbook, "bao-cao.xlsx", bombs.xlsx_bomb(300)),
        "docx-paragraphs-190MB": (validate_evidence, "bien-ban.docx", bombs.docx_bomb(190)),
        "xlsx-250000-distinct-strings": (
            validate_workbook,
            "danh-sach.xlsx",
            bombs.xlsx_with_distinct_strings(250_000),
        ),
    }
    results = {}
    for name, (validator, filename, data) in cases.items():
        times = [refusal_ms(validator, filename, data) for _ in range(runs)]
        results[name] = {
            "packed_kb": round(len(data) / 1024),
            "median_ms": round(statistics.median(times), 2),
            "max_ms": round(max(times), 2),
            "peak_mb": round(peak_mb(validator, filename, data), 2),
        }
    print(f"{'file':32} {'packed KB':>10} {'median ms':>10} {'max ms':>8} {'peak MB':>8}")
    for name, row in results.items():
        print(
            f"{name:32} {row['packed_kb']:>10} {row['median_ms']:>10} {row['max_ms']:>8} {row['peak_mb']:>8}"
        )
    ok = all(r["median_ms"] < LIMIT_MS and r["peak_mb"] < LIMIT_PEAK_MB for r in results.values())
    print(json.dumps({"upload_refusals": results, "within_budget": ok}, ensure_ascii=False, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
