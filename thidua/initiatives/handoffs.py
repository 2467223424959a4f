"""Who the initiative workflow hands work to, and what they are told (`thidua.core.handoffs`).

Each step tells the next actor, and always the initiative's authors (those with an account):

- sent → the head of the initiative's unit, to endorse it;
- endorsed → the office, to receive it;
- received → the members of its council who are not its authors, to score and vote;
- decided (recognised or refused) → the authors and the unit's head.
"""

from django.utils.translation import gettext as _

from thidua.core.formatting import format_date
from thidua.core.handoffs import hand_off
from thidua.initiatives.models import CouncilMember, Initiative
from thidua.org.models import User
from thidua.org.roles import Capability


def _authors(initiative: Initiative):
    return User.objects.filter(pk__in=initiative.author_user_ids())


def _unit_heads(initiative: Initiative):
    return User.objects.acting_for(Capability.ENDORSE_INITIATIVES, initiative.unit)


def _tell(initiative: Initiative, actor, recipients, title: str, body: str, kind: str) -> None:
    hand_off(
        organization=initiative.organization,
        recipients=[*recipients, *_authors(initiative)],
        title=title,
        body=body,
        url=initiative.get_absolute_url(),
        kind=kind,
        actor=actor,
    )


def initiative_submitted(initiative: Initiative, actor) -> None:
    _tell(
        initiative,
        actor,
        _unit_heads(initiative),
        _("Sáng kiến chờ {unit} xác nhận: {title}").format(unit=initiative.unit, title=initiative.title),
        _("Trưởng đơn vị xem và xác nhận sáng kiến để gửi Văn phòng Sở."),
        "initiatives.submitted",
    )


def initiative_endorsed(initiative: Initiative, actor) -> None:
    _tell(
        initiative,
        actor,
        User.objects.holding(Capability.RECEIVE_INITIATIVES, initiative.organization_id),
        _("{unit} đã xác nhận sáng kiến: {title}").format(unit=initiative.unit, title=initiative.title),
        _("Sáng kiến chờ Văn phòng Sở tiếp nhận."),
        "initiatives.endorsed",
    )


def initiative_received(initiative: Initiative, actor) -> None:
    authors = initiative.author_user_ids()
    members = User.objects.filter(
        pk__in=CouncilMember.objects.filter(council=initiative.council).values("user")
    ).exclude(pk__in=authors)
    _tell(
        initiative,
        actor,
        members,
        _("Sáng kiến đã được tiếp nhận, chờ hội đồng xét: {title}").format(title=initiative.title),
        _("Ngày tiếp nhận: {received}; hạn ra quyết định: {due}.").format(
            received=format_date(initiative.received_on), due=format_date(initiative.decision_due_on)
        ),
        "initiatives.received",
    )


def initiative_decided(initiative: Initiative, actor) -> None:
    if initiative.status == Initiative.Status.RECOGNISED:
        title = _("Sáng kiến được công nhận: {title}").format(title=initiative.title)
        body = _("Quyết định số {number} ngày {date}.").format(
            number=initiative.decision_number, date=format_date(initiative.decision_date)
        )
    else:
        title = _("Sáng kiến không được công nhận: {title}").format(title=initiative.title)
        body = _("Lý do: {reason}").format(reason=initiative.refusal_reason)
    _tell(initiative, actor, _unit_heads(initiative), title, body, "initiatives.decided")
