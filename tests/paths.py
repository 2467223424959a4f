"""Where the tests find the files they read: all inside the repository, never in ../shared."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
# The sample plans travel with the demo; their gold extractions and the scorer are test fixtures.
SAMPLES = ROOT / "thidua" / "demo" / "data"
GOLD = FIXTURES / "extraction" / "gold"
SCORER = FIXTURES / "extraction" / "score.py"
ND30CHECK = FIXTURES / "documents" / "nd30check.py"
SAMPLE_NAMES = sorted(path.stem for path in GOLD.glob("*.json"))
