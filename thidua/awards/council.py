"""The council of thi đua – khen thưởng: set up, convened on the year's nominations, its secret ballot,
who stands aside from an item (recusal), absent members' written opinions, closing with the result
against each title's threshold, and the minutes (biên bản).

Secrecy: a member's choice is written nowhere beside the member. A ballot writes a BallotCast row (THAT
the member voted on the item) and bumps the item's counter with F() in the same transaction; the
counters are out of the item's history. Written opinions of absent members are counted per item; the
attendance list says only that a member was absent and sent one.

Where the law is unsettled (ND 152/2025 does not restate ND 91/2017 Điều 45), the counting follows the
agency's `CouncilVotingRule` in force, never a constant here."""

import dataclasses
import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards import engine
from thidua.awards.models import (
    AgendaItem,
    AgendaRecusal,
    AwardCouncil,
    AwardCouncilMember,
    BallotCast,
    CouncilMeeting,
    CouncilVotingRule,
    MeetingAttendance,
    Nomination,
    TitleRule,
)
from thidua.core.audit import save_audited
from thidua.org.access import require
from thidua.org.roles import Capability

MANAGE = Capability.MANAGE_AWARDS
Presence = MeetingAttendance.Presence


@dataclasses.dataclass(frozen=True)
class Counting:
    """The counting rule applied to one meeting: the CouncilVotingRule in force at the end of the
    council's year, or, where none is recorded, the old decree's reading (written opinions count, the
    nominee and the head of a nominated unit stand aside and leave the base, no default share)."""

    count_written_opinions: bool = True
    recuse_unit_head: bool = True
    base_excludes_recused: bool = True
    default_share: Decimal | None = None
    basis: str = ""
    note: str = ""


def counting_for(council: AwardCouncil) -> Counting:
    rule = CouncilVotingRule.objects.in_force(council.organization, datetime.date(council.year, 12, 31))
    if rule is None:
        return Counting()
    basis = f"{rule.legal_basis}, {rule.article}" if rule.article else rule.legal_basis
    return Counting(
        count_written_opinions=rule.count_written_opinions,
        recuse_unit_head=rule.recuse_unit_head,
        base_excludes_recused=rule.base_excludes_recused,
        default_share=rule.default_share,
        basis=basis,
        note=rule.note,
    )


# Setting the council up.


@transaction.atomic
def council_create(*, organization, user, year: int, name: str, decision_number: str = "") -> AwardCouncil:
    require(user, MANAGE, organization)
    council = AwardCouncil(
        organization=organization, year=year, name=name.strip(), decision_number=decision_number.strip()
    )
    return save_audited(council, user=user, reason=_("Thành lập Hội đồng Thi đua – Khen thưởng"))


@transaction.atomic
def council_member_add(*, council: AwardCouncil, user, member_user, role: str) -> AwardCouncilMember:
    """A member is a person with a login account of the agency: each votes from their own browser."""
    require(user, MANAGE, council.organization)
    member = AwardCouncilMember(council=council, user=member_user, role=role)
    return save_audited(member, user=user, reason=_("Thêm thành viên Hội đồng"))


def member_of(meeting: CouncilMeeting, user) -> AwardCouncilMember | None:
    return AwardCouncilMember.objects.filter(council_id=meeting.council_id, user=user).first()


# Recusal: who does not judge an item.


def recusals_due(
    items: list[AgendaItem], members: list[AwardCouncilMember], counting: Counting
) -> list[tuple[AgendaItem, AwardCouncilMember, str]]:
    """For each item, the members who stand aside: the nominee (the person's login account is the
    member's), and, when the rule says so, the head of a unit nominated as a collective (a member of
    that unit who registers its awards)."""
    due: list[tuple[AgendaItem, AwardCouncilMember, str]] = []
    for item in items:
        nomination = item.nomination
        for member in members:
            if nomination.person is not None and nomination.person.user_id == member.user_id:
                due.append((item, member, AgendaRecusal.Reason.NOMINEE))
            elif (
                not nomination.person_id
                and counting.recuse_unit_head
                and member.user.acts_for_unit(Capability.REGISTER_AWARDS, nomination.unit)
            ):
                due.append((item, member, AgendaRecusal.Reason.UNIT_HEAD))
    return due


def _record_recusals(meeting: CouncilMeeting, user) -> None:
    """Write the recusals due and not yet written (a member added after the meeting was convened too)."""
    items = list(meeting.items.select_related("nomination__person", "nomination__unit"))
    members = list(meeting.council.members.select_related("user__unit"))
    known = set(AgendaRecusal.objects.filter(item__meeting=meeting).values_list("item_id", "member_id"))
    for item, member, reason in recusals_due(items, members, counting_for(meeting.council)):
        if (item.pk, member.pk) not in known:
            save_audited(
                AgendaRecusal(item=item, member=member, reason=reason),
                user=user,
                reason=_("Thành viên không tham gia xét nội dung"),
            )


# The meeting.


@transaction.atomic
def meeting_open(*, council: AwardCouncil, user, held_on: datetime.date) -> CouncilMeeting:
    """The office convenes the council: every nomination of the year still standing and not yet put to
    a meeting goes on the agenda; who must stand aside from which item is recorded at once."""
    require(user, MANAGE, council.organization)
    if not council.members.exists():
        raise ValidationError(_("Hội đồng chưa có thành viên."))
    nominations = list(
        Nomination.objects.filter(
            organization=council.organization, year=council.year, status=Nomination.Status.SUBMITTED
        )
        .exclude(agenda_items__isnull=False)
        .order_by("unit__position", "unit__name", "title", "pk")
    )
    if not nominations:
        raise ValidationError(_("Không còn đề nghị nào chờ Hội đồng xét."))
    meeting = save_audited(
        CouncilMeeting(council=council, held_on=held_on), user=user, reason=_("Triệu tập họp Hội đồng")
    )
    for nomination in nominations:
        save_audited(
            AgendaItem(meeting=meeting, nomination=nomination), user=user, reason=_("Đưa ra Hội đồng")
        )
    _record_recusals(meeting, user)
    return meeting


@transaction.atomic
def ballot_cast(*, meeting: CouncilMeeting, user, choices: dict[int, bool]) -> int:
    """A member's secret ballot: for each agenda item (by id) agree (True) or disagree (False).

    What is written: a BallotCast row saying THAT the member voted on the item (unique: nobody votes
    twice), audited like any row, and the item's counter bumped with F() in the same transaction. The
    choice itself is written nowhere beside the member. A member who stands aside from an item cannot
    vote on it."""
    meeting = CouncilMeeting.objects.select_for_update().get(pk=meeting.pk)
    member = member_of(meeting, user)
    if member is None:
        raise PermissionDenied
    if meeting.status != CouncilMeeting.Status.OPEN:
        raise ValidationError(_("Cuộc họp đã kết thúc: không thể bỏ phiếu."))
    items = {item.pk: item for item in meeting.items.select_related("nomination__person", "nomination__unit")}
    if not choices or not set(choices) <= set(items):
        raise ValidationError(_("Phiếu không khớp với chương trình họp."))
    recused = set(
        AgendaRecusal.objects.filter(member=member, item_id__in=choices).values_list("item_id", flat=True)
    )
    recused |= {
        item.pk
        for item, _member, _reason in recusals_due(
            [items[pk] for pk in choices], [member], counting_for(meeting.council)
        )
    }
    if recused:
        raise ValidationError(
            _("Thành viên không tham gia xét “%(item)s”: không bỏ phiếu nội dung này.")
            % {"item": items[min(recused)]}
        )
    if MeetingAttendance.objects.filter(meeting=meeting, member=member).exclude(presence=Presence.PRESENT):
        raise ValidationError(_("Thành viên đã được ghi nhận vắng mặt: gửi ý kiến bằng văn bản."))
    already = set(
        BallotCast.objects.filter(member=member, item_id__in=choices).values_list("item_id", flat=True)
    )
    if already:
        raise ValidationError(_("Thành viên đã bỏ phiếu cho nội dung này."))
    for pk in sorted(choices):
        save_audited(BallotCast(item=items[pk], member=member), user=user, reason=_("Bỏ phiếu kín"))
    for pk, agree in choices.items():
        counter = "agree" if agree else "disagree"
        # The counter is out of the item's history: nothing timestamps it to be matched with the cast.
        AgendaItem.objects.filter(pk=pk).update(**{counter: F(counter) + 1})
    return len(choices)


@transaction.atomic
def meeting_close(
    *,
    meeting: CouncilMeeting,
    user,
    written: dict[int, tuple[int, int]],
    absent_note: str = "",
    presence: dict[int, str] | None = None,
) -> CouncilMeeting:
    """The office closes the meeting: it records who was present and who was absent (with or without a
    written opinion; a member who cast a ballot was present), adds the written opinions per item
    (agree, disagree), freezes the ballots, and judges each item against its title's `ballot_share`
    (or the counting rule's default share) of the base: the whole membership, less those who stood
    aside from the item when the rule says so. Written opinions count when the rule says so."""
    meeting = CouncilMeeting.objects.select_for_update().select_related("council").get(pk=meeting.pk)
    require(user, MANAGE, meeting.organization)
    if meeting.status != CouncilMeeting.Status.OPEN:
        raise ValidationError(_("Cuộc họp đã kết thúc."))
    _record_recusals(meeting, user)
    counting = counting_for(meeting.council)
    members = list(meeting.council.members.select_related("user"))
    total = len(members)
    voted = set(BallotCast.objects.filter(item__meeting=meeting).values_list("member_id", flat=True))
    presence = presence or {}
    writers = set()
    for member in members:
        state = presence.get(member.pk) or (Presence.PRESENT if member.pk in voted else Presence.ABSENT)
        if state not in Presence.values:
            raise ValidationError(_("Tình trạng tham dự không hợp lệ."))
        if member.pk in voted and state != Presence.PRESENT:
            raise ValidationError(
                _("%(member)s đã bỏ phiếu tại cuộc họp: không thể ghi vắng mặt.") % {"member": member.user}
            )
        if state == Presence.WRITTEN:
            writers.add(member.pk)
        save_audited(
            MeetingAttendance(meeting=meeting, member=member, presence=state),
            user=user,
            reason=_("Thành phần tham dự họp Hội đồng"),
        )
    recused: dict[int, set[int]] = {}
    for item_id, member_id in AgendaRecusal.objects.filter(item__meeting=meeting).values_list(
        "item_id", "member_id"
    ):
        recused.setdefault(item_id, set()).add(member_id)
    rules = TitleRule.objects.in_force_by_title(
        meeting.organization, datetime.date(meeting.council.year, 12, 31)
    )
    for item in meeting.items.select_related("nomination__person", "nomination__unit"):
        aside = recused.get(item.pk, set())
        item.written_agree, item.written_disagree = written.get(item.pk, (0, 0))
        if item.written_agree < 0 or item.written_disagree < 0:
            raise ValidationError(_("Số ý kiến bằng văn bản không hợp lệ."))
        if item.written_agree + item.written_disagree > len(writers - aside):
            raise ValidationError(
                _(
                    "Ý kiến bằng văn bản về “%(item)s” nhiều hơn số thành viên vắng mặt có ý kiến bằng văn "
                    "bản được xét nội dung này (%(count)s)."
                )
                % {"item": item, "count": len(writers - aside)}
            )
        if item.agree + item.disagree + item.written_agree + item.written_disagree > total - len(aside):
            raise ValidationError(
                _("Số phiếu và ý kiến bằng văn bản của “%(item)s” vượt quá số thành viên Hội đồng.")
                % {"item": item}
            )
        rule = rules.get(item.nomination.title)
        share = rule.parameters.get("ballot_share") if rule else None
        if share is None:
            share = counting.default_share
        item.base = total - len(aside) if counting.base_excludes_recused else total
        item.threshold = Decimal(str(share)) if share is not None else None
        item.passed = engine.ballot_passes(counted_agree(item, counting), item.base, share)
        save_audited(item, user=user, reason=_("Kết quả bỏ phiếu"))
    meeting.status = CouncilMeeting.Status.CLOSED
    meeting.members_total = total
    meeting.absent_note = absent_note.strip()
    meeting.closed_at = timezone.now()
    return save_audited(meeting, user=user, reason=_("Kết thúc họp Hội đồng, chốt kết quả bỏ phiếu"))


def counted_agree(item: AgendaItem, counting: Counting) -> int:
    return item.agree + (item.written_agree if counting.count_written_opinions else 0)


# The minutes (biên bản).


@dataclasses.dataclass
class MinutesLine:
    item: AgendaItem
    recused: list[AgendaRecusal]
    counted_agree: int


@dataclasses.dataclass
class Minutes:
    meeting: CouncilMeeting
    council: AwardCouncil
    present: list[MeetingAttendance]
    written: list[MeetingAttendance]
    absent: list[MeetingAttendance]
    lines: list[MinutesLine]
    counting: Counting
    chair: AwardCouncilMember | None
    secretary: AwardCouncilMember | None


def minutes(meeting: CouncilMeeting) -> Minutes:
    """What the biên bản says of a closed meeting, in a fixed number of queries: who attended, who was
    absent (and sent a written opinion), the agenda with the counts per nominee, who stood aside, the
    base and the threshold, the result."""
    council = meeting.council
    attendance = list(
        meeting.attendance.select_related("member__user").order_by("member__role", "member__pk")
    )
    members = {a.member.pk: a.member for a in attendance}
    recusals: dict[int, list[AgendaRecusal]] = {}
    for recusal in AgendaRecusal.objects.filter(item__meeting=meeting).select_related("member__user"):
        recusals.setdefault(recusal.item_id, []).append(recusal)
    counting = counting_for(council)
    lines = [
        MinutesLine(item, recusals.get(item.pk, []), counted_agree(item, counting))
        for item in meeting.items.select_related("nomination__person", "nomination__unit").order_by("pk")
    ]
    by_role = {m.role: m for m in members.values()}
    return Minutes(
        meeting=meeting,
        council=council,
        present=[a for a in attendance if a.presence == Presence.PRESENT],
        written=[a for a in attendance if a.presence == Presence.WRITTEN],
        absent=[a for a in attendance if a.presence == Presence.ABSENT],
        lines=lines,
        counting=counting,
        chair=by_role.get(AwardCouncilMember.Role.CHAIR),
        secretary=by_role.get(AwardCouncilMember.Role.SECRETARY),
    )
