"""An agency's targets at a glance: how many stand at each status, which are behind and who answers for
them, and how the targets each unit leads stand. Read from the agency-wide snapshots of the plans under
way (what the overview lists), cached until the agency's data changes (core.pagecache).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import groupby

from thidua.core import pagecache
from thidua.org.models import Unit
from thidua.plans.models import Plan
from thidua.tracking.models import STATUS_CHOICES, Assignment, ProgressSnapshot
from thidua.tracking.progress import Status

# The status in a page's address (?tinh-trang=cham-tien-do): Vietnamese words, as the other parameters.
STATUS_SLUGS = {
    Status.ACHIEVED.value: "da-dat",
    Status.ON_TRACK.value: "dung-tien-do",
    Status.AT_RISK.value: "co-nguy-co",
    Status.BEHIND.value: "cham-tien-do",
    Status.NO_DATA.value: "chua-co-so-lieu",
    Status.NOT_STARTED.value: "chua-den-ky",
}
STATUS_BY_SLUG = {slug: status for status, slug in STATUS_SLUGS.items()}
STATUS_PARAM = "tinh-trang"
# The statuses a leader must act on, the worst first.
NEEDS_ATTENTION = (Status.BEHIND.value, Status.AT_RISK.value)
LIST_LIMIT = 10


@dataclass(frozen=True)
class Lagging:
    """A target behind or at risk, with the units that answer for it (its lead units)."""

    snapshot: ProgressSnapshot
    lead_units: list[Unit]


@dataclass(frozen=True)
class UnitStanding:
    unit: Unit
    counts: list[int]  # in STATUS_CHOICES order

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class Summary:
    counts: list[int]  # in STATUS_CHOICES order
    lagging: list[Lagging] = field(default_factory=list)  # behind first, then at risk; LIST_LIMIT at most
    lagging_total: int = 0
    by_unit: list[UnitStanding] = field(default_factory=list)  # the units that lead targets, by position

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def chips(self) -> list[tuple]:
        return status_chips(self.counts)


def status_chips(counts: list[int]) -> list[tuple]:
    """(status, label, count, slug) for each status: what the chips that filter the overview show."""
    return [
        (status, label, count, STATUS_SLUGS[status])
        for (status, label), count in zip(STATUS_CHOICES, counts, strict=True)
    ]


def in_order(counts: Counter) -> list[int]:
    """Counts by status as a list in STATUS_CHOICES order (what the charts and the chips read)."""
    return [counts.get(status, 0) for status, _label in STATUS_CHOICES]


def with_status(rows: list[tuple], status: str | None) -> list[tuple]:
    """The overview's (target, snapshot) rows at `status`; all of them when None."""
    return [(t, s) for t, s in rows if status is None or (s is not None and s.status == status)]


def by_plan(rows: list[tuple]) -> list[tuple]:
    """(plan, its (target, snapshot) rows) for rows in plan order: the overview's headings."""
    return [(plan, list(group)) for plan, group in groupby(rows, key=lambda row: row[0].plan)]


def agency_summary(organization) -> Summary:
    return pagecache.cached("summary", [organization.pk], lambda: _summary(organization))


def _summary(organization) -> Summary:
    snapshots = list(
        ProgressSnapshot.objects.filter(
            organization=organization, unit=None, target__plan__status=Plan.Status.PUBLISHED
        )
        .select_related("target", "target__plan", "target__lead_unit")
        .order_by("target__plan_id", "target__position", "target_id")
    )
    leads: dict[int, list[Unit]] = {}
    for assignment in (
        Assignment.objects.filter(
            organization=organization,
            role=Assignment.Role.LEAD,
            target__plan__status=Plan.Status.PUBLISHED,
        )
        .select_related("unit")
        .order_by("unit__position", "unit_id")
    ):
        leads.setdefault(assignment.target_id, []).append(assignment.unit)
    lagging = sorted(
        (s for s in snapshots if s.status in NEEDS_ATTENTION),
        key=lambda s: NEEDS_ATTENTION.index(s.status),
    )
    return Summary(
        counts=in_order(Counter(s.status for s in snapshots)),
        lagging=[Lagging(s, _answering(s, leads)) for s in lagging[:LIST_LIMIT]],
        lagging_total=len(lagging),
        by_unit=_by_unit(snapshots, leads),
    )


def _answering(snapshot: ProgressSnapshot, leads: dict[int, list[Unit]]) -> list[Unit]:
    """The units assigned to lead the target; before any assignment, the lead unit the plan names."""
    target = snapshot.target
    return leads.get(target.pk) or ([target.lead_unit] if target.lead_unit else [])


def _by_unit(snapshots: list[ProgressSnapshot], leads: dict[int, list[Unit]]) -> list[UnitStanding]:
    """For each unit that leads targets, how those targets stand (a target led jointly counts for each)."""
    units: dict[int, Unit] = {}
    counts: dict[int, Counter] = {}
    for snapshot in snapshots:
        for unit in leads.get(snapshot.target_id, []):
            units.setdefault(unit.pk, unit)
            counts.setdefault(unit.pk, Counter())[snapshot.status] += 1
    ordered = sorted(units.values(), key=lambda unit: (unit.position, unit.pk))
    return [UnitStanding(unit, in_order(counts[unit.pk])) for unit in ordered]
