import datetime
from decimal import Decimal

import pytest

from tests import factories
from thidua.plans.models import Target
from thidua.tracking import indicators, services, standing
from thidua.tracking.models import Assignment, ProgressSnapshot
from thidua.tracking.periods import period_containing


def test_an_indicator_code_is_registered_once():
    assert "tracking.units_reporting_share" in dict(indicators.choices())
    with pytest.raises(ValueError, match="đã được đăng ký"):
        indicators.indicator("tracking.units_reporting_share", "trùng")(lambda *args: None)


def test_units_deploying_the_movement_is_computed_from_approved_reports(cast, housing, q1):
    plan = housing.target.plan
    deployed = factories.make_target(
        plan,
        text="100% phòng chuyên môn, đơn vị trực thuộc triển khai phong trào thi đua",
        comparator="=",
        value=100,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2030, 12, 31),
        measurement=Target.Measurement.COMPUTED,
        indicator="tracking.units_reporting_share",
    )
    other = Assignment.objects.create(organization=cast.org, target=housing.target, unit=cast.office_unit)
    for assignment, person in ((housing, cast.unit_head), (other, cast.office)):
        report = services.report_start(assignment=assignment, period=q1, user=person)
        services.report_update(report=report, user=person, value=Decimal(10))
        services.report_submit(report=report, user=person)
        if assignment is housing:
            services.report_approve(report=report, user=cast.office)
    standing.refresh_target(deployed, today=datetime.date(2026, 4, 10))
    snapshot = ProgressSnapshot.objects.get(target=deployed, unit=None)
    assert snapshot.actual == Decimal(50)  # one of the two units has an approved report
    assert snapshot.series == [["2026-03-31", 50.0], ["2026-04-10", 50.0]]  # the second quarter so far
    assert snapshot.as_of == datetime.date(2026, 4, 10)
    q2 = period_containing(datetime.date(2026, 5, 1), "quarterly")
    assert indicators.REGISTRY["tracking.units_reporting_share"].compute(deployed, None, q2) == Decimal(50)
