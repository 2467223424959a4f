"""Who tracking's workflows hand work to, and what they are told (`thidua.core.handoffs`).

- a report sent → the office, to review it;
- a report returned, with the comment, or approved → the people of the unit who wrote it and its head;
- a correction opened → the unit's people who enter figures;
- targets given → the head of each unit given them;
- a unit's plan sent → the office; the office confirms its links ("received") → the unit's head.

Each service calls one function here inside its transaction, after the change.
"""

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.core.handoffs import hand_off, short
from thidua.org.models import User
from thidua.org.roles import Capability
from thidua.tracking.models import Assignment, Report, UnitPlan


def _office(organization_id: int):
    return User.objects.holding(Capability.FOLLOW_UP_PLANS, organization_id)


def _writers_and_head(report: Report) -> list[User]:
    """The unit's people who entered or sent this report (its history says who), and the unit head."""
    unit = report.assignment.unit
    wrote = set(report.history.exclude(history_user=None).values_list("history_user_id", flat=True))
    wrote.add(report.submitted_by_id)
    writers = User.objects.acting_for(Capability.ENTER_REPORTS, unit).filter(pk__in=wrote)
    return [*writers, *User.objects.acting_for(Capability.SUBMIT_REPORTS, unit)]


def report_submitted(report: Report, actor) -> None:
    hand_off(
        organization=report.organization,
        recipients=_office(report.organization_id),
        title=_("{unit} gửi báo cáo {period}: {target}").format(
            unit=report.assignment.unit, period=report.period_label, target=short(report.assignment.target)
        ),
        body=_("Báo cáo đang chờ Văn phòng Sở duyệt."),
        url=report.get_absolute_url(),
        kind="tracking.report_submitted",
        actor=actor,
    )


def report_returned(report: Report, actor) -> None:
    hand_off(
        organization=report.organization,
        recipients=_writers_and_head(report),
        title=_("Báo cáo {period} bị trả lại: {target}").format(
            period=report.period_label, target=short(report.assignment.target)
        ),
        body=_("Ý kiến của người duyệt: {comment}").format(comment=report.review_comment),
        url=report.get_absolute_url(),
        kind="tracking.report_returned",
        actor=actor,
    )


def report_approved(report: Report, actor) -> None:
    body = _("Ý kiến của người duyệt: {comment}").format(comment=report.review_comment)
    hand_off(
        organization=report.organization,
        recipients=_writers_and_head(report),
        title=_("Báo cáo {period} đã được duyệt: {target}").format(
            period=report.period_label, target=short(report.assignment.target)
        ),
        body=body if report.review_comment else "",
        url=report.get_absolute_url(),
        kind="tracking.report_approved",
        actor=actor,
    )


def correction_opened(correction: Report, actor) -> None:
    hand_off(
        organization=correction.organization,
        recipients=User.objects.acting_for(Capability.ENTER_REPORTS, correction.assignment.unit),
        title=_("Mở bản đính chính báo cáo {period}: {target}").format(
            period=correction.period_label, target=short(correction.assignment.target)
        ),
        body=_("Cập nhật số liệu của bản đính chính để trưởng phòng gửi lại Văn phòng Sở."),
        url=correction.get_absolute_url(),
        kind="tracking.correction_opened",
        actor=actor,
    )


def assignments_given(assignments: Iterable[Assignment], actor) -> None:
    """One message per unit, however many targets it was given at once."""
    by_unit: dict[int, list[Assignment]] = {}
    for assignment in assignments:
        by_unit.setdefault(assignment.unit_id, []).append(assignment)
    for given in by_unit.values():
        unit = given[0].unit
        if len(given) == 1:
            title = _("{unit} được giao chỉ tiêu: {target}").format(unit=unit, target=short(given[0].target))
            url = given[0].get_absolute_url()
        else:
            title = _("{unit} được giao {n} chỉ tiêu").format(unit=unit, n=len(given))
            url = reverse("tracking:unit", args=[unit.pk])
        hand_off(
            organization=unit.organization,
            recipients=User.objects.acting_for(Capability.SUBMIT_REPORTS, unit),
            title=title,
            body="\n".join(f"- {assignment.target}" for assignment in given),
            url=url,
            kind="tracking.assignment_given",
            actor=actor,
        )


def unit_plan_sent(unit_plan: UnitPlan, actor) -> None:
    hand_off(
        organization=unit_plan.organization,
        recipients=_office(unit_plan.organization_id),
        title=_("{unit} gửi kế hoạch của đơn vị").format(unit=unit_plan.unit),
        body=_("Kế hoạch thực hiện {plan}: xem và xác nhận liên kết chỉ tiêu.").format(
            plan=short(unit_plan.plan)
        ),
        url=unit_plan.get_absolute_url(),
        kind="tracking.unit_plan_sent",
        actor=actor,
    )


def unit_plan_received(unit_plan: UnitPlan, actor) -> None:
    heads = User.objects.acting_for(Capability.SUBMIT_UNIT_PLANS, unit_plan.unit)
    sender = [unit_plan.submitted_by] if unit_plan.submitted_by_id else []
    hand_off(
        organization=unit_plan.organization,
        recipients=[*sender, *heads],
        title=_("Văn phòng Sở đã tiếp nhận kế hoạch của {unit}").format(unit=unit_plan.unit),
        body=_("Kế hoạch thực hiện {plan}: các chỉ tiêu của đơn vị đã được đối chiếu.").format(
            plan=short(unit_plan.plan)
        ),
        url=unit_plan.get_absolute_url(),
        kind="tracking.unit_plan_received",
        actor=actor,
    )
