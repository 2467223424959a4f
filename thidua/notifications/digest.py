"""The leader's home page: the agency's standing at a glance (tracking.summary), the obligations that are
overdue and those that fall due this week. The weekly e-mail (reminders.py) tells the same story on
Mondays; this is the page a leader opens on any day.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from thidua.notifications.calendar import Obligation, obligations
from thidua.notifications.overdue import overdue
from thidua.org.models import Organization
from thidua.org.roles import Capability
from thidua.tracking.summary import Summary, agency_summary

LIST_LIMIT = 10
# Those who get the digest on their home page: the leaders, and the office that follows the plans up.
READERS = (Capability.RECEIVE_DIGEST, Capability.FOLLOW_UP_PLANS)


@dataclass(frozen=True)
class Digest:
    organization: Organization
    summary: Summary
    overdue: list[tuple[Obligation, int]]  # (obligation, days late), the latest first; LIST_LIMIT at most
    overdue_total: int
    week_start: datetime.date  # Monday
    week_end: datetime.date  # Sunday
    this_week: list[tuple[Obligation, str]]  # (obligation, its state today) not yet met; LIST_LIMIT at most
    this_week_total: int
    this_week_met: int


def week_of(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Monday and Sunday of the week `today` falls in."""
    monday = today - datetime.timedelta(days=today.weekday())
    return monday, monday + datetime.timedelta(days=6)


def leader_digest(organization: Organization, today: datetime.date) -> Digest:
    late = overdue([organization], today)
    monday, sunday = week_of(today)
    week = obligations([organization], monday, sunday)
    open_ = [o for o in week if o.done_on is None]
    return Digest(
        organization=organization,
        summary=agency_summary(organization),
        overdue=[(o, o.days_late(today)) for o in late[:LIST_LIMIT]],
        overdue_total=len(late),
        week_start=monday,
        week_end=sunday,
        this_week=[(o, o.state(today)) for o in open_[:LIST_LIMIT]],
        this_week_total=len(week),
        this_week_met=len(week) - len(open_),
    )


def digest_for(user, today: datetime.date) -> Digest | None:
    """The digest of the person's own agency where they lead it or follow its plans up, else None."""
    readers = {pk for capability in READERS for pk in user.organizations_where(capability)}
    organization = user.organization
    if organization is None or organization.pk not in readers:
        return None
    return leader_digest(organization, today)
