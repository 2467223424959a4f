import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests import factories
from thidua.plans.models import Deadline, Plan, Target


def test_range_targets_need_an_upper_bound_above_the_lower(cast):
    plan = factories.make_plan(cast.org)
    target = Target(
        plan=plan,
        text="3 - 4 đường hầm",
        comparator="range",
        value=4,
        value_max=3,
        unit_of_measure="đường hầm",
        period_kind="plan",
    )
    with pytest.raises(ValidationError) as error:
        target.full_clean()
    assert "value_max" in error.value.message_dict


def test_the_database_refuses_an_upper_bound_on_a_plain_target(cast):
    plan = factories.make_plan(cast.org)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.make_target(plan, value_max=Decimal(100))


def test_a_lead_unit_from_another_agency_is_refused(cast):
    plan = factories.make_plan(cast.org)
    target = factories.make_target(plan)
    target.lead_unit = factories.make_unit(cast.other_org)
    with pytest.raises(ValidationError) as error:
        target.full_clean()
    assert "lead_unit" in error.value.message_dict


@pytest.mark.parametrize(
    ("comparator", "value", "value_max", "unit", "shown"),
    [
        (">=", 99, None, "%", "≥ 99%"),
        (">=", Decimal("99.5"), None, "%", "≥ 99,5%"),
        (">=", 7500, None, "căn hộ", "≥ 7.500 căn hộ"),
        ("range", 3, 4, "đường hầm", "3 – 4 đường hầm"),
        ("=", 100, None, "%", "= 100%"),
    ],
)
def test_requirements_read_the_vietnamese_way(cast, comparator, value, value_max, unit, shown):
    target = factories.make_target(
        factories.make_plan(cast.org),
        comparator=comparator,
        value=value,
        value_max=value_max,
        unit_of_measure=unit,
    )
    assert target.requirement == shown


def test_before_a_date_means_the_day_before_at_the_latest(cast):
    deadline = factories.make_deadline(factories.make_plan(cast.org), due_on=datetime.date(2026, 8, 30))
    assert deadline.comply_by == datetime.date(2026, 8, 29)
    assert deadline.meaning == "Hoàn thành chậm nhất ngày 29/08/2026"
    deadline.bound = Deadline.Bound.BY_END
    assert deadline.comply_by == datetime.date(2026, 8, 30)


def test_deadline_timing(cast):
    deadline = factories.make_deadline(factories.make_plan(cast.org), due_on=datetime.date(2026, 8, 30))
    assert deadline.timing(datetime.date(2026, 6, 1)) == "open"
    assert deadline.timing(datetime.date(2026, 8, 15)) == "soon"
    assert deadline.timing(datetime.date(2026, 8, 29)) == "soon"
    assert deadline.timing(datetime.date(2026, 8, 30)) == "overdue"


def test_plan_numbers_are_unique_per_agency_but_may_be_blank(cast):
    factories.make_plan(cast.org, number="")
    factories.make_plan(cast.org, number="")
    factories.make_plan(cast.other_org, number="123/KH-SXD")
    factories.make_plan(cast.org, number="123/KH-SXD")
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.make_plan(cast.org, number="123/KH-SXD")


def test_plan_span_must_be_ordered(cast):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.make_plan(cast.org, starts_on=datetime.date(2030, 1, 1), ends_on=datetime.date(2026, 1, 1))


def test_drafts_are_visible_only_to_those_who_work_on_them(cast):
    draft = factories.make_plan(cast.org, status=Plan.Status.DRAFT)
    issued = factories.make_plan(cast.org)
    for person in (cast.office, cast.leader):
        assert set(Plan.objects.visible_to(person)) == {draft, issued}
    for person in (cast.unit_head, cast.staff, cast.observer):
        assert list(Plan.objects.visible_to(person)) == [issued]
    assert list(Plan.objects.visible_to(cast.other_office)) == []


def test_an_enterprise_reads_no_plan_of_the_agency(cast):
    """Plans and their dashboards are the agency's internal pages (see the table in org.roles)."""
    factories.make_plan(cast.org)
    assert list(Plan.objects.visible_to(cast.enterprise_user)) == []


def test_plan_parts_are_visible_with_their_plan(cast):
    target = factories.make_target(factories.make_plan(cast.org))
    assert list(Target.objects.visible_to(cast.staff)) == [target]
    assert list(Target.objects.visible_to(cast.other_office)) == []
