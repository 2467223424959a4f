"""Initiative workflows: draft → submitted → endorsed → received → recognised | refused, and the
upkeep of the councils that review them.

Each function is one transaction that records who did it and why in the history.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.audit import delete_audited, save_audited
from thidua.core.uploads import save_private_file, validate_evidence
from thidua.initiatives import handoffs
from thidua.initiatives.indicators import RECOGNISED, RECOGNISED_PROVINCIAL
from thidua.initiatives.models import (
    Council,
    CouncilMember,
    Criterion,
    Initiative,
    InitiativeAttachment,
    InitiativeAuthor,
    InitiativeRule,
    Recusal,
    Score,
    Vote,
    add_months,
    clean_author_shares,
)
from thidua.org.models import Unit
from thidua.org.roles import Capability
from thidua.tracking import standing

INITIATIVE_FIELDS = ("title", "field", "changes", "first_applied_on", "effect")
MEMBER_HAS_REVIEWED = gettext_lazy(
    "Không thể bỏ thành viên đã chấm điểm hoặc biểu quyết: kết quả xét sáng kiến vẫn tính thành viên này."
)
CRITERION_IN_USE = gettext_lazy("Tiêu chí đã được dùng để chấm điểm: không thể sửa hoặc bỏ.")


class InitiativeError(Exception):
    """A workflow rule refused the change; the message is for the user."""


def _locked(initiative: Initiative) -> Initiative:
    return Initiative.objects.select_for_update().get(pk=initiative.pk)


def _save_authors(initiative: Initiative, authors: list[dict], user) -> None:
    clean_author_shares([author.get("share") for author in authors])
    for author in initiative.authors.all():
        delete_audited(author, user=user, reason=_("Sửa danh sách tác giả"))
    for position, author in enumerate(authors):
        row = InitiativeAuthor(
            initiative=initiative,
            user=author.get("user"),
            name=author["name"],
            share=author["share"],
            position=position,
        )
        save_audited(row, user=user, reason=_("Sửa danh sách tác giả"))


@transaction.atomic
def initiative_register(*, unit: Unit, user, authors: list[dict], **fields) -> Initiative:
    """A draft initiative of `unit`, with its authors (name, share %, optional account)."""
    if not (user.is_superuser or user.acts_for_unit(Capability.REGISTER_INITIATIVES, unit)):
        raise PermissionDenied(_("Chỉ đăng ký sáng kiến cho đơn vị của mình."))
    initiative = Initiative(organization_id=unit.organization_id, unit=unit, created_by=user)
    for name in INITIATIVE_FIELDS:
        setattr(initiative, name, fields[name])
    save_audited(initiative, user=user, reason=_("Đăng ký sáng kiến"))
    _save_authors(initiative, authors, user)
    return initiative


@transaction.atomic
def initiative_update(*, initiative: Initiative, user, authors: list[dict], **fields) -> Initiative:
    initiative = _locked(initiative)
    if not initiative.editable_by(user):
        raise InitiativeError(_("Chỉ người đăng ký sửa được sáng kiến khi còn đang soạn."))
    for name in INITIATIVE_FIELDS:
        setattr(initiative, name, fields[name])
    save_audited(initiative, user=user, reason=_("Sửa sáng kiến"))
    _save_authors(initiative, authors, user)
    return initiative


@transaction.atomic
def attachment_add(*, initiative: Initiative, upload, user) -> InitiativeAttachment:
    if initiative.status != Initiative.Status.DRAFT or not initiative.is_author(user):
        raise InitiativeError(_("Chỉ tác giả thêm được tệp khi sáng kiến còn đang soạn."))
    validate_evidence(upload)
    attachment = InitiativeAttachment(initiative=initiative, uploaded_by=user)
    save_private_file(attachment, upload)
    return save_audited(attachment, user=user, reason=_("Thêm tệp đính kèm"))


@transaction.atomic
def initiative_submit(*, initiative: Initiative, user) -> Initiative:
    initiative = _locked(initiative)
    if not initiative.submittable_by(user):
        raise InitiativeError(_("Chỉ tác giả gửi được sáng kiến đang soạn."))
    clean_author_shares(list(initiative.authors.values_list("share", flat=True)))
    initiative.status = Initiative.Status.SUBMITTED
    initiative.submitted_at = timezone.now()
    save_audited(initiative, user=user, reason=_("Gửi sáng kiến để đơn vị xác nhận"))
    handoffs.initiative_submitted(initiative, user)
    return initiative


@transaction.atomic
def initiative_endorse(*, initiative: Initiative, user) -> Initiative:
    initiative = _locked(initiative)
    if not initiative.endorsable_by(user):
        raise PermissionDenied(_("Chỉ trưởng đơn vị của sáng kiến xác nhận được sáng kiến đã gửi."))
    initiative.status = Initiative.Status.ENDORSED
    initiative.endorsed_by, initiative.endorsed_at = user, timezone.now()
    save_audited(initiative, user=user, reason=_("Đơn vị xác nhận sáng kiến"))
    handoffs.initiative_endorsed(initiative, user)
    return initiative


@transaction.atomic
def initiative_receive(
    *, initiative: Initiative, user, received_on: datetime.date, council: Council
) -> Initiative:
    """The office accepts the application: the acknowledgement date starts the time for a decision."""
    initiative = _locked(initiative)
    if not initiative.receivable_by(user):
        raise PermissionDenied(_("Chỉ Văn phòng Sở tiếp nhận được sáng kiến đã được đơn vị xác nhận."))
    if council.organization_id != initiative.organization_id:
        raise InitiativeError(_("Hội đồng phải thuộc cơ quan."))
    rule = InitiativeRule.objects.in_force(initiative.organization, received_on)
    if rule is None:
        raise InitiativeError(_("Chưa có quy định xét công nhận sáng kiến có hiệu lực vào ngày tiếp nhận."))
    initiative.status = Initiative.Status.RECEIVED
    initiative.received_on, initiative.council, initiative.rule = received_on, council, rule
    initiative.decision_due_on = add_months(received_on, rule.decision_months)
    save_audited(initiative, user=user, reason=_("Tiếp nhận đơn sáng kiến"))
    record_recusals(initiative, user)
    handoffs.initiative_received(initiative, user)
    return initiative


def record_recusals(initiative: Initiative, user) -> list[Recusal]:
    """Write that each member of the initiative's council who is one of its authors stands aside (once)."""
    if initiative.council_id is None:
        return []
    authors = initiative.author_user_ids()
    known = set(initiative.recusals.values_list("member_id", flat=True))
    return [
        save_audited(
            Recusal(initiative=initiative, member=member, reason=Recusal.Reason.AUTHOR),
            user=user,
            reason=_("Thành viên hội đồng là tác giả: không tham gia xét"),
        )
        for member in CouncilMember.objects.filter(
            council_id=initiative.council_id, user_id__in=authors
        ).exclude(pk__in=known)
    ]


def _member(initiative: Initiative, user):
    member = initiative.council.member_for(user) if initiative.council_id else None
    if member is None:
        raise PermissionDenied(_("Chỉ thành viên hội đồng xét được sáng kiến này."))
    if initiative.is_author(user):
        raise PermissionDenied(_("Tác giả sáng kiến không chấm điểm, biểu quyết sáng kiến của mình."))
    if initiative.status != Initiative.Status.RECEIVED:
        raise InitiativeError(_("Hội đồng chỉ xét sáng kiến đã tiếp nhận và chưa có quyết định."))
    return member


@transaction.atomic
def council_vote(*, initiative: Initiative, user, in_favour: bool) -> Vote:
    initiative = _locked(initiative)
    member = _member(initiative, user)
    vote = Vote.objects.filter(initiative=initiative, member=member).first() or Vote(
        initiative=initiative, member=member
    )
    vote.in_favour = in_favour
    return save_audited(vote, user=user, reason=_("Biểu quyết công nhận sáng kiến"))


@transaction.atomic
def council_score(*, initiative: Initiative, user, points: dict) -> list[Score]:
    """Save one member's points, `points` mapping each criterion of the council to a figure."""
    initiative = _locked(initiative)
    member = _member(initiative, user)
    saved = []
    for criterion, value in points.items():
        if criterion.council_id != initiative.council_id:
            raise InitiativeError(_("Tiêu chí không thuộc hội đồng xét sáng kiến này."))
        score = Score.objects.filter(initiative=initiative, member=member, criterion=criterion).first()
        score = score or Score(initiative=initiative, member=member, criterion=criterion)
        score.points = Decimal(value)
        saved.append(save_audited(score, user=user, reason=_("Chấm điểm sáng kiến")))
    return saved


@transaction.atomic
def initiative_decide(
    *,
    initiative: Initiative,
    user,
    decision_number: str,
    decision_date: datetime.date,
    refusal_reason: str = "",
) -> Initiative:
    """The Director's decision: recognised when the council's votes in favour reach the rule's share,
    otherwise refused with the reason written down. Targets measured by recognised initiatives move
    at once."""
    initiative = _locked(initiative)
    if not initiative.decidable_by(user):
        raise PermissionDenied(
            _("Chỉ Văn phòng hoặc Lãnh đạo Sở ghi được quyết định về sáng kiến đã tiếp nhận.")
        )
    in_favour, members = initiative.tally()
    rule = initiative.rule or InitiativeRule.objects.in_force(initiative.organization, initiative.received_on)
    if rule is not None and rule.is_approved(in_favour, members):
        initiative.status = Initiative.Status.RECOGNISED
        initiative.refusal_reason = ""
    else:
        if not refusal_reason.strip():
            raise InitiativeError(
                _(
                    "Hội đồng chưa đủ tỷ lệ đồng ý ({in_favour}/{members} thành viên): "
                    "chỉ có thể không công nhận, và phải ghi rõ lý do."
                ).format(in_favour=in_favour, members=members)
            )
        initiative.status = Initiative.Status.REFUSED
        initiative.refusal_reason = refusal_reason.strip()
    initiative.decision_number, initiative.decision_date = decision_number.strip(), decision_date
    save_audited(initiative, user=user, reason=initiative.get_status_display())
    if initiative.status == Initiative.Status.RECOGNISED:
        standing.refresh_measured_by(initiative.organization_id, RECOGNISED)
    handoffs.initiative_decided(initiative, user)
    return initiative


@transaction.atomic
def initiative_record_provincial(
    *, initiative: Initiative, user, decision_number: str, decision_date: datetime.date
) -> Initiative:
    """The province's later recognition of the initiative's effect and scope; targets measured by
    provincial recognitions move at once."""
    initiative = _locked(initiative)
    if not initiative.provincial_recordable_by(user):
        raise PermissionDenied(_("Chỉ ghi công nhận cấp tỉnh cho sáng kiến đã được công nhận cấp cơ sở."))
    if decision_date < initiative.decision_date:
        raise InitiativeError(_("Quyết định cấp tỉnh không thể trước quyết định cấp cơ sở."))
    initiative.provincial_decision_number = decision_number.strip()
    initiative.provincial_decision_date = decision_date
    save_audited(initiative, user=user, reason=_("Ghi nhận công nhận cấp tỉnh"))
    standing.refresh_measured_by(initiative.organization_id, RECOGNISED_PROVINCIAL)
    return initiative


# ——— Councils ———
# The office keeps each year's council: its members (TT 18/2013 Điều 8) and scoring criteria. A member
# who has reviewed and a criterion that has been scored stay as they were, so every tally and score
# sheet can still be read back.


@transaction.atomic
def council_save(*, council: Council, user) -> Council:
    reason = _("Lập hội đồng sáng kiến") if council.pk is None else _("Sửa hội đồng sáng kiến")
    return save_audited(council, user=user, reason=reason)


@transaction.atomic
def council_member_add(*, council: Council, person, role: str, user) -> CouncilMember:
    member = CouncilMember(council=council, user=person, role=role)
    save_audited(member, user=user, reason=_("Thêm thành viên hội đồng"))
    for initiative in council.initiatives.filter(status=Initiative.Status.RECEIVED):
        record_recusals(initiative, user)
    return member


@transaction.atomic
def council_member_change_role(*, member: CouncilMember, role: str, user) -> CouncilMember:
    member = CouncilMember.objects.select_for_update().get(pk=member.pk)
    member.role = role
    return save_audited(member, user=user, reason=_("Đổi vai trò thành viên hội đồng"))


@transaction.atomic
def council_member_remove(*, member: CouncilMember, user) -> None:
    member = CouncilMember.objects.select_for_update().get(pk=member.pk)
    if member.has_reviewed():
        raise InitiativeError(MEMBER_HAS_REVIEWED)
    delete_audited(member, user=user, reason=_("Bỏ thành viên hội đồng"))


@transaction.atomic
def criterion_save(*, criterion: Criterion, user) -> Criterion:
    if criterion.pk is not None and criterion.is_used():
        raise InitiativeError(CRITERION_IN_USE)
    reason = _("Thêm tiêu chí chấm điểm") if criterion.pk is None else _("Sửa tiêu chí chấm điểm")
    return save_audited(criterion, user=user, reason=reason)


@transaction.atomic
def criterion_remove(*, criterion: Criterion, user) -> None:
    criterion = Criterion.objects.select_for_update().get(pk=criterion.pk)
    if criterion.is_used():
        raise InitiativeError(CRITERION_IN_USE)
    delete_audited(criterion, user=user, reason=_("Bỏ tiêu chí chấm điểm"))
