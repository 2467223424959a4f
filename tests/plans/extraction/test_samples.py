"""The two sample plans score F1 1.000 with all fields right against their gold files.

The samples travel with the demo; the gold files and the scorer are test fixtures (tests/paths.py).
"""

import importlib.util
import json

import pytest

from tests.paths import GOLD, SAMPLE_NAMES, SAMPLES, SCORER
from thidua.plans.extraction import read_file

PERFECT = "overall F1 1.000  fields 1.000"


def _scorer():
    spec = importlib.util.spec_from_file_location("thidua_plan_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _overall_line(scorer, predicted: dict, gold: dict) -> tuple[str, list[str]]:
    """The scorer's last line for one document, and its notes on misses."""
    notes: list[str] = []
    tallies = scorer.score_document(predicted, gold, notes)
    overall = scorer.Tally()
    for tally in tallies.values():
        overall.add(tally)
    fields = overall.field_ok / overall.field_total if overall.field_total else 1.0
    return f"overall F1 {overall.f1():.3f}  fields {fields:.3f}", notes


def test_every_gold_file_has_its_sample():
    assert SAMPLE_NAMES == ["lang-son-doanh-nghiep", "thanh-hoa-tang-truong-hai-con-so"]
    assert all((SAMPLES / f"{name}.txt").is_file() for name in SAMPLE_NAMES)


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_sample_scores_perfectly(name):
    scorer = _scorer()
    predicted = json.loads(json.dumps(read_file(SAMPLES / f"{name}.txt").to_dict()))
    gold = json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))
    line, notes = _overall_line(scorer, predicted, gold)
    assert line == PERFECT, "\n".join(notes)


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_sample_offsets_point_at_the_text(name):
    draft = read_file(SAMPLES / f"{name}.txt").to_dict()
    text = draft["text"]
    for target in draft["targets"]:
        assert text[target["span"][0] : target["span"][1]] == target["text"]
    for item in draft["deadlines"] + draft["phases"]:
        start, end = item["span"]
        assert 0 <= start < end <= len(text)
    ids = {s["id"] for s in draft["sections"]}
    for section in draft["sections"]:
        assert section["parent"] is None or section["parent"] in ids
        assert 0 <= section["start"] < section["end"] <= len(text)
    for item in draft["targets"] + draft["deadlines"] + draft["phases"] + draft["responsibilities"]:
        assert item["section"] is None or item["section"] in ids
