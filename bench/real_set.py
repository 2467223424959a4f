"""The plan reader over the development set of real plans, scored against their gold.

    score_real_set() -> {"overall_f1", "fields", "parts": {...}, "files": {NAME: F1}, "samples": {...}}

tests/fixtures/real/NAME.txt are 26 real 2025 plans, tests/fixtures/real/gold/NAME.json their gold
(thidua.plan/v1), tests/fixtures/extraction/score.py the scorer (imported as a module). Used by
tests/plans/extraction/test_real_set.py and bench/bench_extraction.py (bench/results.json).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from thidua.plans.extraction import ExtractionError, read_text  # noqa: E402

REAL = ROOT / "tests" / "fixtures" / "real"
REAL_GOLD = REAL / "gold"
SAMPLES = ROOT / "thidua" / "demo" / "data"
SAMPLE_GOLD = ROOT / "tests" / "fixtures" / "extraction" / "gold"
SCORER = ROOT / "tests" / "fixtures" / "extraction" / "score.py"


def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("thidua_plan_score", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _read(path: Path) -> dict:
    """The reader's output as JSON would carry it; a refusal counts as an empty reading."""
    try:
        return json.loads(json.dumps(read_text(path.read_text(encoding="utf-8")).to_dict()))
    except ExtractionError:
        return {}


def _score(texts: Path, gold: Path, score: ModuleType) -> dict:
    """Micro-averaged F1 and field accuracy over every gold file of `gold`, as score.py prints them."""
    total = {part: score.Tally() for part in (*score.PARTS, "document")}
    files = {}
    for gold_file in sorted(gold.glob("*.json")):
        tallies = score.score_document(
            _read(texts / f"{gold_file.stem}.txt"), json.loads(gold_file.read_text("utf-8")), []
        )
        one = score.Tally()
        for part, tally in tallies.items():
            total[part].add(tally)
            one.add(tally)
        files[gold_file.stem] = round(one.f1(), 3)
    overall = score.Tally()
    for tally in total.values():
        overall.add(tally)
    fields = overall.field_ok / overall.field_total if overall.field_total else 1.0
    return {
        "overall_f1": round(overall.f1(), 3),
        "fields": round(fields, 3),
        "parts": {part: round(tally.f1(), 3) for part, tally in total.items()},
        "files": files,
    }


def score_real_set() -> dict:
    """The real set's figures, with the two samples' beside them."""
    score = scorer()
    result = _score(REAL, REAL_GOLD, score)
    samples = _score(SAMPLES, SAMPLE_GOLD, score)
    result["samples"] = {"overall_f1": samples["overall_f1"], "fields": samples["fields"]}
    return result


if __name__ == "__main__":
    print(json.dumps(score_real_set(), ensure_ascii=False, indent=2))
