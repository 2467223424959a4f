import datetime
from decimal import Decimal

import pytest

from tests import factories
from thidua.tracking.models import Assignment
from thidua.tracking.periods import period_containing

AT_PLAN_START = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


@pytest.fixture
def housing(cast):
    """The Thanh Hóa housing target, given to the unit of the cast, with a share."""
    plan = factories.make_plan(cast.org, reporting_rhythm="quarterly")
    target = factories.make_target(
        plan,
        text="Số căn hộ nhà ở xã hội được xây dựng mới đạt 7.500 căn hộ trở lên",
        value=Decimal(7500),
        unit_of_measure="căn hộ",
        period_kind="cumulative",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2030, 12, 31),
        lead_unit=cast.unit,
    )
    assignment = Assignment.objects.create(organization=cast.org, target=target, unit=cast.unit, role="lead")
    # Given when the plan started, so every quarter of 2026 is owed.
    Assignment.objects.filter(pk=assignment.pk).update(created_at=AT_PLAN_START)
    assignment.refresh_from_db()
    return assignment


@pytest.fixture
def q1():
    return period_containing(datetime.date(2026, 2, 1), "quarterly")
