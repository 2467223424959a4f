"""An agency's targets at a glance (tracking.summary): counts by status, the targets behind with who answers
for them, and the standing of the targets each unit leads."""

import datetime

import pytest
from django.core.cache import cache

from tests import factories
from thidua.plans.models import Plan
from thidua.tracking import summary
from thidua.tracking.models import STATUS_CHOICES, Assignment, ProgressSnapshot

STATUSES = [status for status, _label in STATUS_CHOICES]


def stand(target, status, unit=None):
    """The target's snapshot as the engine would have left it (the engine has tests of its own)."""
    return ProgressSnapshot.objects.create(
        organization=target.plan.organization,
        target=target,
        unit=unit,
        status=status,
        computed_on=datetime.date(2026, 9, 16),
    )


def lead(target, unit, role=Assignment.Role.LEAD):
    organization = target.plan.organization
    return Assignment.objects.create(organization=organization, target=target, unit=unit, role=role)


def count_of(found, status):
    return found.counts[STATUSES.index(status)]


def test_it_counts_the_agencys_targets_by_status_in_the_plans_under_way_only(cast):
    plan = factories.make_plan(cast.org)
    for status in ("behind", "behind", "on_track", "achieved"):
        stand(factories.make_target(plan), status)
    closed = factories.make_plan(cast.org, status=Plan.Status.CLOSED)
    stand(factories.make_target(closed), "behind")
    # A unit's own snapshot is not the agency's, and another agency's targets are not counted.
    stand(factories.make_target(plan), "no_data", unit=cast.unit)
    stand(factories.make_target(factories.make_plan(cast.other_org)), "behind")

    found = summary.agency_summary(cast.org)

    assert count_of(found, "behind") == 2 and count_of(found, "on_track") == 1
    assert count_of(found, "achieved") == 1 and count_of(found, "no_data") == 0
    assert found.total == 4
    chips = {status: (count, slug) for status, _label, count, slug in found.chips}
    assert chips["behind"] == (2, "cham-tien-do") and chips["achieved"] == (1, "da-dat")


def test_the_targets_behind_come_first_then_those_at_risk_each_with_its_lead_units(cast):
    plan = factories.make_plan(cast.org)
    at_risk = factories.make_target(plan, text="Có nguy cơ", position=1)
    behind = factories.make_target(plan, text="Chậm", position=2)
    on_track = factories.make_target(plan, text="Đúng tiến độ", position=3)
    for target, status in ((at_risk, "at_risk"), (behind, "behind"), (on_track, "on_track")):
        stand(target, status)
    other = factories.make_unit(cast.org, "Phòng Kinh tế")
    lead(behind, cast.unit)
    lead(behind, other)
    lead(at_risk, other, role=Assignment.Role.COORDINATE)  # coordinating is not answering for it

    found = summary.agency_summary(cast.org)

    assert [row.snapshot.target for row in found.lagging] == [behind, at_risk]
    assert found.lagging_total == 2
    assert {unit.name for unit in found.lagging[0].lead_units} == {cast.unit.name, "Phòng Kinh tế"}
    assert found.lagging[1].lead_units == []


def test_before_any_assignment_the_lead_unit_the_plan_names_answers(cast):
    target = factories.make_target(factories.make_plan(cast.org), lead_unit=cast.unit)
    stand(target, "behind")
    assert summary.agency_summary(cast.org).lagging[0].lead_units == [cast.unit]


def test_the_list_of_lagging_targets_is_cut_but_the_total_is_not(cast, monkeypatch):
    monkeypatch.setattr(summary, "LIST_LIMIT", 2)
    plan = factories.make_plan(cast.org)
    for _ in range(3):
        stand(factories.make_target(plan), "behind")
    found = summary.agency_summary(cast.org)
    assert len(found.lagging) == 2 and found.lagging_total == 3


def test_each_unit_sees_how_the_targets_it_leads_stand_a_joint_target_counting_for_both(cast):
    plan = factories.make_plan(cast.org)
    first, second, third = (factories.make_target(plan) for _ in range(3))
    stand(first, "behind")
    stand(second, "achieved")
    stand(third, "on_track")
    other = factories.make_unit(cast.org, "Phòng Kinh tế", position=9)
    lead(first, cast.unit)
    lead(second, cast.unit)
    lead(second, other)
    lead(third, other, role=Assignment.Role.COORDINATE)

    by_unit = {row.unit.name: row for row in summary.agency_summary(cast.org).by_unit}

    assert list(by_unit) == [cast.unit.name, "Phòng Kinh tế"]
    mine = by_unit[cast.unit.name]
    assert mine.total == 2 and mine.counts[STATUSES.index("behind")] == 1
    assert by_unit["Phòng Kinh tế"].total == 1
    assert by_unit["Phòng Kinh tế"].counts[STATUSES.index("achieved")] == 1


def test_a_changed_status_shows_at_once_though_the_summary_is_cached(cast, settings):
    settings.PAGE_CACHE_SECONDS = 3600
    cache.clear()
    snapshot = stand(factories.make_target(factories.make_plan(cast.org)), "behind")
    assert count_of(summary.agency_summary(cast.org), "behind") == 1
    snapshot.status = "achieved"
    snapshot.save()
    found = summary.agency_summary(cast.org)
    assert count_of(found, "behind") == 0 and count_of(found, "achieved") == 1
    cache.clear()


def test_an_agency_with_nothing_under_way_has_an_empty_summary(cast):
    found = summary.agency_summary(cast.org)
    assert found.total == 0 and found.lagging == [] and found.by_unit == []


@pytest.mark.parametrize(("status", "kept"), [(None, 3), ("behind", 1), ("achieved", 0)])
def test_the_overview_rows_keep_the_chosen_status_and_group_by_plan(cast, status, kept):
    first, second = factories.make_plan(cast.org), factories.make_plan(cast.org)
    targets = [factories.make_target(first), factories.make_target(first), factories.make_target(second)]
    snapshots = [stand(targets[0], "behind"), stand(targets[1], "on_track"), None]
    chosen = summary.with_status(list(zip(targets, snapshots, strict=True)), status)
    assert len(chosen) == kept
    if status is None:
        assert [(plan, len(group)) for plan, group in summary.by_plan(chosen)] == [(first, 2), (second, 1)]
