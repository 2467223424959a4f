"""The fixtures of the apps whose hand-offs are tested here (tests/notifications/test_handoffs.py)."""

from tests.initiatives.conftest import council  # noqa: F401
from tests.tracking.conftest import housing, q1  # noqa: F401
