"""Whatever comes in, the reader returns a draft or raises ExtractionError, and does not hang.

More examples than the suite's Hypothesis profile (tests/conftest.py) runs by default; a runaway
regular expression shows as a test that does not finish, not as a missed deadline.
"""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.paths import SAMPLE_NAMES, SAMPLES
from thidua.plans.extraction import ExtractionError, PlanDraft, read_bytes, read_text

HERE = Path(__file__).resolve().parent


def _plans() -> list[str]:
    files = sorted((HERE / "fixtures").glob("*.*")) + [SAMPLES / f"{name}.txt" for name in SAMPLE_NAMES]
    return [f.read_text(encoding="utf-8") for f in files]


PLANS = _plans()
GUARD = settings(max_examples=150)
# Runs that have tripped naive patterns: dotted numbers, percent signs, spaces, dashes, digits.
NASTY = st.sampled_from(
    ["1.", "1.1.", "%", " ", "  ", "\t", "-", "- ", "9", "0,", "/", "“", "”", "I. ", "a) ", "trên ", "đến "]
)
nasty_runs = st.builds(lambda piece, n: piece * n, NASTY, st.integers(min_value=50, max_value=20_000))


def _check(read) -> None:
    try:
        draft = read()
    except ExtractionError as error:
        assert error.code != "internal", error.__cause__
        assert error.message
        return
    assert isinstance(draft, PlanDraft)
    data = draft.to_dict()
    text = data["text"]
    for target in data["targets"]:
        assert text[target["span"][0] : target["span"][1]] == target["text"]


@GUARD
@given(st.text(max_size=3000))
def test_random_text(text):
    _check(lambda: read_text(text))


@GUARD
@given(st.binary(max_size=4000), st.sampled_from(["a.txt", "a.md", "a.docx", "a.pdf", "a", "a.doc"]))
def test_random_bytes(data, filename):
    _check(lambda: read_bytes(data, filename))


@st.composite
def mutated_plan(draw) -> str:
    """A plan with lines deleted, duplicated, shuffled, and random or pathological text inserted."""
    lines = draw(st.sampled_from(PLANS)).split("\n")
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        operation = draw(st.sampled_from(["delete", "duplicate", "shuffle", "insert", "nasty", "splice"]))
        index = draw(st.integers(min_value=0, max_value=max(0, len(lines) - 1)))
        if operation == "delete" and lines:
            del lines[index : index + draw(st.integers(min_value=1, max_value=20))]
        elif operation == "duplicate" and lines:
            lines[index:index] = lines[index : index + draw(st.integers(min_value=1, max_value=20))]
        elif operation == "shuffle":
            lines = draw(st.permutations(lines))
        elif operation == "insert":
            lines.insert(index, draw(st.text(max_size=200)))
        elif operation == "nasty":
            lines.insert(index, draw(nasty_runs))
        elif lines:
            line = lines[index]
            cut = draw(st.integers(min_value=0, max_value=len(line)))
            lines[index] = line[:cut] + draw(st.one_of(st.text(max_size=50), nasty_runs)) + line[cut:]
    return "\n".join(lines)


@GUARD
@given(mutated_plan())
def test_mutated_plans(text):
    _check(lambda: read_text(text))


@GUARD
@given(mutated_plan(), st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]), st.sampled_from(["a.txt", "a.md"]))
def test_mutated_plans_as_files(text, encoding, filename):
    _check(lambda: read_bytes(text.encode(encoding, errors="surrogatepass"), filename))
