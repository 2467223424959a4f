"""The demo acts out 2026 in one go: the workflows' own timestamps are put on the days of the story.

Services stamp "sent at", "endorsed at" … with the moment of loading; the demo moves those fields to
the day each step happened, so nothing looks decided before it was sent. The history rows keep the
real moment the demo wrote them.
"""

import datetime

from django.utils import timezone


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    """That day at `hour` o'clock, local time (Asia/Ho_Chi_Minh)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def backdate(obj, **days: datetime.date) -> None:
    """Set the named timestamp fields of the row to those days (a bookkeeping fix, not a change)."""
    type(obj).objects.filter(pk=obj.pk).update(**{name: at(day) for name, day in days.items()})
