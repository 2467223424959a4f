"""Demo activity: the sample plans' targets given to units, and the quarters of 2026 already reported:
the Văn phòng Sở's approved, and the demo unit's in every state of the report cycle (approved, waiting
for the office, returned with its comment, a draft the unit head has not sent, a quarter not reported)."""

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


# The demo staff's unit takes part in targets of its field, each quarter of 2026 in another state:
# (target text starts with, role, figures per quarter, what became of each quarter's report).
APPROVED, SUBMITTED, RETURNED, DRAFT = "approved", "submitted", "returned", "draft"
RETURN_COMMENT = "Đề nghị bổ sung tài liệu kiểm chứng (biên bản nghiệm thu, số liệu của Thống kê tỉnh)."
UNIT_WORK: dict[str, list[tuple[str, str, list, list[str]]]] = {
    "sxd-thanh-hoa": [
        (
            "Số căn hộ nhà ở xã hội",
            "coordinate",
            [Decimal(60), Decimal(75), Decimal(80)],
            [APPROVED, APPROVED, SUBMITTED],
        ),
        (
            "phối hợp tham gia hoàn thành",
            "lead",
            [Decimal(0), Decimal(1), Decimal(1)],
            [APPROVED, RETURNED, DRAFT],
        ),
    ],
    "sxd-lang-son": [
        (
            "100% thủ tục hành chính đủ điều kiện",
            "lead",
            [(Decimal(412), Decimal(430)), (Decimal(425), Decimal(431)), (Decimal(433), Decimal(437))],
            [APPROVED, APPROVED, SUBMITTED],
        ),
        (
            "Tỷ lệ hồ sơ thủ tục hành chính",
            "coordinate",
            [(Decimal(96), Decimal(97)), (Decimal(101), Decimal(102)), (Decimal(99), Decimal(101))],
            [APPROVED, RETURNED, DRAFT],
        ),
    ],
}


def load_unit_work(organization, people: dict, today: datetime.date) -> None:
    """The demo unit's reports in every state; the fourth quarter is not due yet, a later one owed."""
    plan = organization.plans.filter(status=Plan.Status.PUBLISHED).first()
    staff, head, office = people[Role.STAFF], people[Role.UNIT_HEAD], people[Role.OFFICE]
    for starts, role, figures, states in UNIT_WORK.get(organization.slug, []) if plan else []:
        target = plan.targets.filter(text__istartswith=starts).first()
        if target is None or Assignment.objects.filter(target=target, unit=staff.unit).exists():
            continue
        (assignment,) = services.assignments_give(target=target, units=[staff.unit], user=office, role=role)
        started = datetime.datetime.combine(plan.starts_on, datetime.time(8), tzinfo=datetime.UTC)
        Assignment.objects.filter(pk=assignment.pk).update(created_at=started)
        for quarter, (figure, state) in enumerate(zip(figures, states, strict=True)):
            period = period_containing(datetime.date(2026, 1 + 3 * quarter, 1), "quarterly")
            if period.due_on >= today:
                break
            _report_in_state(assignment, period, figure, state, staff=staff, head=head, office=office)


def _report_in_state(assignment, period, figure, state, *, staff, head, office) -> None:
    report = services.report_start(assignment=assignment, period=period, user=staff)
    services.report_update(report=report, user=staff, analysis="Số liệu mẫu của đơn vị", **_values(figure))
    if state == DRAFT:
        return
    services.report_submit(report=report, user=head)
    if state == APPROVED:
        services.report_approve(report=report, user=office)
    elif state == RETURNED:
        services.report_return(report=report, user=office, comment=RETURN_COMMENT)


def _values(figure) -> dict:
    if isinstance(figure, tuple):
        return {"numerator": figure[0], "denominator": figure[1]}
    return {"value": figure}


def _approved(assignment, period, figure, reporter, office) -> None:
    report = services.report_start(assignment=assignment, period=period, user=reporter)
    services.report_update(report=report, user=reporter, analysis="Số liệu mẫu", **_values(figure))
    services.report_submit(report=report, user=reporter)
    services.report_approve(report=report, user=office)
