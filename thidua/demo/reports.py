"""Demo activity: the sample plans' targets given to units, and the quarters of 2026 already reported."""

import datetime
from decimal import Decimal

from thidua.org.roles import Role
from thidua.plans.models import Plan, Target
from thidua.tracking import services
from thidua.tracking.models import Assignment
from thidua.tracking.periods import period_containing

# Figures per quarter of 2026 for targets recognised by their unit of measure and value.
QUARTERLY_FIGURES = {
    ("căn hộ", Decimal(7500)): [Decimal(280), Decimal(340), Decimal(310)],
    ("%", Decimal(99)): [
        (Decimal(1184), Decimal(1195)),
        (Decimal(1302), Decimal(1310)),
        (Decimal(1251), Decimal(1262)),
    ],
    ("%", Decimal(98)): [
        (Decimal(402), Decimal(410)),
        (Decimal(455), Decimal(461)),
        (Decimal(437), Decimal(449)),
    ],
}


def load_activity(organization, people: dict, today: datetime.date) -> None:
    plan = organization.plans.filter(status=Plan.Status.PUBLISHED).first()
    if plan is None or Assignment.objects.filter(target__plan=plan).exists():
        return
    office = people[Role.OFFICE]
    units = list(organization.units.carrying_out())
    services.assignments_sync(plan=plan, wanted=services.proposed_roles(plan, units), user=office)
    # The demo acts as if the targets were given when the plan started, so 2026's quarters are owed.
    started = datetime.datetime.combine(plan.starts_on, datetime.time(8), tzinfo=datetime.UTC)
    Assignment.objects.filter(target__plan=plan).update(created_at=started)
    # Targets the system counts by itself (thidua.demo.targets) get no typed figures.
    entered = Assignment.objects.filter(
        target__plan=plan, target__measurement=Target.Measurement.ENTERED, role=Assignment.Role.LEAD
    )
    for assignment in entered.select_related("target"):
        figures = QUARTERLY_FIGURES.get(
            (assignment.target.unit_of_measure, assignment.target.value.normalize())
        )
        if figures is None:
            continue
        reporter = assignment.unit.people.first() or office
        for quarter, figure in enumerate(figures):
            period = period_containing(datetime.date(2026, 1 + 3 * quarter, 1), "quarterly")
            if period.due_on >= today:
                break
            _approved(assignment, period, figure, reporter, office)


def _approved(assignment, period, figure, reporter, office) -> None:
    values = (
        {"numerator": figure[0], "denominator": figure[1]} if isinstance(figure, tuple) else {"value": figure}
    )
    report = services.report_start(assignment=assignment, period=period, user=reporter)
    services.report_update(report=report, user=reporter, analysis="Số liệu mẫu", **values)
    services.report_submit(report=report, user=reporter)
    services.report_approve(report=report, user=office)
