"""The leader's home digest (notifications.digest): what is overdue, what falls due this week, who gets it."""

import datetime

import pytest

from tests import factories
from thidua.notifications import digest

WEDNESDAY = datetime.date(2026, 9, 16)


@pytest.fixture
def plan(cast):
    return factories.make_plan(cast.org)


def deadline(plan, day, text, **fields):
    """A deadline of the agency met by the end of `day` ("chậm nhất hết ngày")."""
    return factories.make_deadline(plan, due_on=day, text=text, bound="by_end", **fields)


@pytest.mark.parametrize(
    "day", [datetime.date(2026, 9, 14), WEDNESDAY, datetime.date(2026, 9, 20)], ids=["mon", "wed", "sun"]
)
def test_the_week_runs_from_monday_to_sunday(day):
    assert digest.week_of(day) == (datetime.date(2026, 9, 14), datetime.date(2026, 9, 20))


def test_this_weeks_deadlines_are_those_due_monday_to_sunday_not_yet_met(cast, plan):
    monday = datetime.date(2026, 9, 14)
    deadline(plan, monday, "Hạn thứ Hai, đã xong", completed_on=monday)
    deadline(plan, datetime.date(2026, 9, 15), "Hạn thứ Ba, chưa xong")
    deadline(plan, datetime.date(2026, 9, 18), "Hạn thứ Sáu")
    deadline(plan, datetime.date(2026, 9, 20), "Hạn Chủ nhật")
    deadline(plan, datetime.date(2026, 9, 21), "Hạn tuần sau")
    deadline(plan, datetime.date(2026, 9, 13), "Hạn tuần trước")

    found = digest.leader_digest(cast.org, WEDNESDAY)

    listed = [(obligation.title, state) for obligation, state in found.this_week]
    assert listed == [("Hạn thứ Ba, chưa xong", "overdue"), ("Hạn thứ Sáu", "soon"), ("Hạn Chủ nhật", "soon")]
    assert (found.this_week_total, found.this_week_met) == (4, 1)
    assert (found.week_start, found.week_end) == (datetime.date(2026, 9, 14), datetime.date(2026, 9, 20))


def test_the_overdue_obligations_come_the_latest_first_with_the_days_late(cast, plan, monkeypatch):
    monkeypatch.setattr(digest, "LIST_LIMIT", 2)
    deadline(plan, datetime.date(2026, 9, 1), "Quá 15 ngày")
    deadline(plan, datetime.date(2026, 8, 17), "Quá 30 ngày")
    deadline(plan, datetime.date(2026, 9, 10), "Quá 6 ngày")
    deadline(plan, datetime.date(2026, 9, 2), "Đã xong", completed_on=datetime.date(2026, 9, 3))

    found = digest.leader_digest(cast.org, WEDNESDAY)

    assert [(o.title, days) for o, days in found.overdue] == [("Quá 30 ngày", 30), ("Quá 15 ngày", 15)]
    assert found.overdue_total == 3


def test_the_digest_carries_the_agencys_standing(cast, plan):
    from thidua.tracking.models import ProgressSnapshot

    target = factories.make_target(plan)
    ProgressSnapshot.objects.create(
        organization=cast.org, target=target, status="behind", computed_on=WEDNESDAY
    )
    found = digest.leader_digest(cast.org, WEDNESDAY)
    assert found.summary.total == 1 and found.summary.lagging[0].snapshot.target == target


@pytest.mark.parametrize(
    ("person", "gets_it"),
    [("leader", True), ("office", True), ("unit_head", False), ("staff", False), ("observer", False)],
)
def test_the_leaders_and_the_office_get_the_digest_of_their_own_agency(cast, person, gets_it):
    found = digest.digest_for(getattr(cast, person), WEDNESDAY)
    assert (found is not None) == gets_it
    if gets_it:
        assert found.organization == cast.org
