"""What is late, computed when a page asks: the office's home page shows it without waiting for
`thidua remind` (which only sends reminders about the same obligations)."""

import datetime

from thidua.notifications.calendar import Obligation, obligations

# As far back as reminders and the leaders' digest look.
LOOKBACK_DAYS = 366


def overdue(organizations, today: datetime.date) -> list[Obligation]:
    """The organizations' obligations not met by their last day, the latest first in lateness order."""
    start = today - datetime.timedelta(days=LOOKBACK_DAYS)
    late = [o for o in obligations(organizations, start, today) if o.done_on is None and o.comply_by < today]
    late.sort(key=lambda o: (-o.days_late(today), o.title))
    return late
