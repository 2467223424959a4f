"""Rewards workflows: the year's eligibility (facts gathered in a fixed number of queries, judged by
the pure engine), the registration cycle (submit, return, approve), nominations (bình xét) and the
council's secret ballot, each change audited (the ballot's choices excepted: they are never stored
against anyone)."""

import datetime
import unicodedata
from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards import engine
from thidua.awards.models import (
    AgendaItem,
    AnnualRating,
    Award,
    AwardCouncil,
    AwardCouncilMember,
    BallotCast,
    CouncilMeeting,
    Discipline,
    HoldFlag,
    Nomination,
    Person,
    RatingRule,
    Registration,
    RegistrationEntry,
    TitleRule,
    UnitRating,
    UnitScore,
)
from thidua.core.audit import save_audited
from thidua.initiatives.models import Initiative, InitiativeAuthor
from thidua.org.access import require
from thidua.org.models import Unit
from thidua.org.roles import Capability

# How far back the facts reach: the longest chain a rule may ask for is well inside it.
HISTORY_YEARS = 10


def rules_for(
    organization, year: int
) -> tuple[dict[engine.Title, engine.RuleVersion], engine.RatingCap | None]:
    """The rule versions in force at the end of the achievement year (the rule of its period)."""
    day = datetime.date(year, 12, 31)
    rules = {
        engine.Title(title): rule.to_engine()
        for title, rule in TitleRule.objects.in_force_by_title(organization, day).items()
        if title in set(engine.Title)
    }
    cap = RatingRule.objects.in_force(organization, day)
    return rules, cap.to_engine() if cap else None


def name_key(name: str) -> str:
    """A name as compared across registries: case, spacing and Unicode composition ignored."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _initiative_counts(organization, people: list[Person], first_year: int, year: int):
    """Per person and year, how many initiatives they co-authored were recognised by the agency, and how
    many had their province-wide effect recognised. An author with an account counts for the person it
    links to; an author named without an account counts for the one person of the agency bearing that
    name (no one when two people share it)."""
    by_user = {p.user_id: p.pk for p in people if p.user_id}
    names: dict[str, list[int]] = defaultdict(list)
    for p in people:
        names[name_key(p.full_name)].append(p.pk)
    authors = InitiativeAuthor.objects.filter(
        initiative__organization=organization,
        initiative__status=Initiative.Status.RECOGNISED,
        initiative__decision_date__year__gte=first_year,
        initiative__decision_date__year__lte=year,
    ).values_list(
        "initiative_id",
        "user_id",
        "name",
        "initiative__decision_date",
        "initiative__provincial_decision_date",
    )
    agency: dict[int, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    provincial: dict[int, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    for initiative_id, user_id, name, decided_on, provincial_on in authors:
        person = by_user.get(user_id) if user_id else None
        if person is None and user_id is None:
            matches = names.get(name_key(name), [])
            person = matches[0] if len(matches) == 1 else None
        if person is None:
            continue
        agency[person][decided_on.year].add(initiative_id)
        if provincial_on is not None:
            provincial[person][provincial_on.year].add(initiative_id)

    def counted(table):
        return {pk: {y: len(ids) for y, ids in years.items()} for pk, years in table.items()}

    return counted(agency), counted(provincial)


def _members_by_unit(units: list[Unit], people: list[Person]) -> dict[int, list[int]]:
    """Each unit's members: its own people and those of every unit below it."""
    parent = {unit.pk: unit.parent_id for unit in units}
    members: dict[int, list[int]] = defaultdict(list)
    for person in people:
        unit_id = person.unit_id
        seen = set()
        while unit_id is not None and unit_id not in seen:
            seen.add(unit_id)
            members[unit_id].append(person.pk)
            unit_id = parent.get(unit_id)
    return members


def gather(organization, year: int) -> tuple[list[engine.PersonFacts], list[engine.UnitFacts]]:
    """Everything the engine needs about the agency's people and units, in a fixed number of queries."""
    first_year = year - HISTORY_YEARS
    units = list(Unit.objects.filter(organization=organization).order_by("position", "name"))
    people = list(
        Person.objects.filter(organization=organization, is_active=True).order_by("full_name", "pk")
    )
    ratings: dict[int, dict[int, engine.RatingEntry]] = defaultdict(dict)
    for person_id, y, rating, confirmed in AnnualRating.objects.filter(
        organization=organization, year__gte=first_year, year__lte=year
    ).values_list("person_id", "year", "rating", "confirmed"):
        ratings[person_id][y] = engine.RatingEntry(engine.Rating(rating), confirmed)
    disciplines: dict[int, list[engine.DisciplineEntry]] = defaultdict(list)
    for person_id, measure, starts_on, ends_on in (
        Discipline.objects.filter(organization=organization, starts_on__lte=datetime.date(year, 12, 31))
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=datetime.date(year, 1, 1)))
        .values_list("person_id", "measure", "starts_on", "ends_on")
    ):
        disciplines[person_id].append(engine.DisciplineEntry(engine.Measure(measure), starts_on, ends_on))
    person_holds: dict[int, list[str]] = defaultdict(list)
    unit_holds: dict[int, list[str]] = defaultdict(list)
    for person_id, unit_id, kind in HoldFlag.objects.filter(
        organization=organization, closed_on__isnull=True
    ).values_list("person_id", "unit_id", "kind"):
        (person_holds[person_id] if person_id else unit_holds[unit_id]).append(kind)
    person_registrations: dict[int, dict[engine.Title, bool]] = defaultdict(dict)
    for person_id, title, status in RegistrationEntry.objects.filter(
        registration__organization=organization, registration__year=year
    ).values_list("person_id", "title", "registration__status"):
        known = person_registrations[person_id]
        known[engine.Title(title)] = (
            known.get(engine.Title(title), False) or status == Registration.Status.APPROVED
        )
    unit_registrations: dict[int, dict[engine.Title, bool]] = defaultdict(dict)
    for unit_id, title, status in (
        Registration.objects.filter(organization=organization, year=year)
        .exclude(collective_title="")
        .values_list("unit_id", "collective_title", "status")
    ):
        known = unit_registrations[unit_id]
        known[engine.Title(title)] = (
            known.get(engine.Title(title), False) or status == Registration.Status.APPROVED
        )
    person_awards: dict[int, list[engine.PastAward]] = defaultdict(list)
    unit_awards: dict[int, list[engine.PastAward]] = defaultdict(list)
    for person_id, unit_id, y, title, kind in Award.objects.filter(
        organization=organization, year__gte=first_year, year__lte=year
    ).values_list("person_id", "unit_id", "year", "title", "kind"):
        award = engine.PastAward(y, title, engine.AwardKind(kind))
        (person_awards[person_id] if person_id else unit_awards[unit_id]).append(award)
    unit_ratings = {
        unit_id: engine.RatingEntry(engine.Rating(rating), confirmed)
        for unit_id, rating, confirmed in UnitRating.objects.filter(
            organization=organization, year=year
        ).values_list("unit_id", "rating", "confirmed")
    }
    initiatives, provincial = _initiative_counts(organization, people, first_year, year)
    scoring = unit_scorings(organization, year)
    person_facts = [
        engine.PersonFacts(
            key=p.pk,
            name=p.full_name,
            unit_key=p.unit_id,
            category=engine.Category(p.category),
            started_on=p.started_on,
            ratings=ratings.get(p.pk, {}),
            disciplines=tuple(disciplines.get(p.pk, ())),
            holds=tuple(person_holds.get(p.pk, ())),
            initiatives=initiatives.get(p.pk, {}),
            provincial_initiatives=provincial.get(p.pk, {}),
            awards=tuple(person_awards.get(p.pk, ())),
            registrations=person_registrations.get(p.pk, {}),
        )
        for p in people
    ]
    members = _members_by_unit(units, people)
    unit_facts = [
        engine.UnitFacts(
            key=u.pk,
            name=u.name,
            rating=unit_ratings.get(u.pk),
            holds=tuple(unit_holds.get(u.pk, ())),
            registrations=unit_registrations.get(u.pk, {}),
            members=tuple(members.get(u.pk, ())),
            awards=tuple(unit_awards.get(u.pk, ())),
            scoring=scoring.get(u.pk),
        )
        for u in units
        if u.carries_out
    ]
    return person_facts, unit_facts


def unit_scorings(organization, year: int) -> dict[int, engine.UnitScoring]:
    """Each unit's verified chấm điểm thi đua of the year (rank and total), in one query."""
    rows = list(
        UnitScore.objects.filter(
            organization=organization, table__year=year, state=UnitScore.State.VERIFIED, rank__isnull=False
        ).values_list("unit_id", "total", "rank", "table__name")
    )
    return {
        unit_id: engine.UnitScoring(total=total, rank=rank, ranked=len(rows), basis=name)
        for unit_id, total, rank, name in rows
    }


def eligibility(organization, year: int) -> list[engine.Judgement]:
    """Every person and unit of the agency against every title whose rule is in force for `year`."""
    rules, cap = rules_for(organization, year)
    people, units = gather(organization, year)
    return engine.judge_year(year, people, units, rules, cap)


# Registration: the unit sends, the office returns or approves.

NOT_IN_STATE = _("Đăng ký không ở trạng thái cho phép thao tác này.")


def _check_status(registration: Registration, *allowed: str) -> None:
    if registration.status not in allowed:
        raise ValidationError(NOT_IN_STATE)


@transaction.atomic
def registration_submit(*, registration: Registration, user) -> Registration:
    """The unit sends its registration (first time, or again after it was returned)."""
    if not registration.submittable_by(user):
        raise PermissionDenied
    _check_status(registration, Registration.Status.DRAFT, Registration.Status.RETURNED)
    if not registration.collective_title and not registration.entries.exists():
        raise ValidationError(_("Bản đăng ký chưa có danh hiệu tập thể hay cá nhân nào."))
    registration.status = Registration.Status.SUBMITTED
    registration.submitted_at = timezone.now()
    return save_audited(registration, user=user, reason=_("Gửi đăng ký thi đua"))


@transaction.atomic
def registration_return(*, registration: Registration, user, reason: str) -> Registration:
    """The office sends a registration back for completion, saying why."""
    require(user, Capability.MANAGE_AWARDS, registration.organization)
    _check_status(registration, Registration.Status.SUBMITTED)
    registration.status = Registration.Status.RETURNED
    registration.return_reason = reason
    registration.reviewed_by, registration.reviewed_at = user, timezone.now()
    return save_audited(
        registration, user=user, reason=_("Trả lại đăng ký thi đua: %(reason)s") % {"reason": reason}
    )


@transaction.atomic
def registration_approve(*, registration: Registration, user) -> Registration:
    """The office approves a sent registration: from now on its people and unit are considered."""
    require(user, Capability.MANAGE_AWARDS, registration.organization)
    _check_status(registration, Registration.Status.SUBMITTED)
    registration.status = Registration.Status.APPROVED
    registration.return_reason = ""
    registration.reviewed_by, registration.reviewed_at = user, timezone.now()
    return save_audited(registration, user=user, reason=_("Duyệt đăng ký thi đua"))


# Bình xét: the unit nominates, the office reads the engine's verdict and may return.


def judgements_by_subject(organization, year: int) -> dict[tuple[str, int, str], engine.Judgement]:
    """The year's judgements keyed by (kind, person or unit id, title)."""
    return {(j.kind, j.key, j.title): j for j in eligibility(organization, year)}


def judgement_for(nomination: Nomination, judged: dict | None = None) -> engine.Judgement | None:
    if nomination.is_thematic:
        return None  # a movement's own reward: the yearly titles' criteria do not apply
    judged = judgements_by_subject(nomination.organization, nomination.year) if judged is None else judged
    key = nomination.person_id if nomination.person_id else nomination.unit_id
    return judged.get((nomination.subject_kind, key, nomination.title))


def nominates_for(user, unit) -> bool:
    """The unit's head nominates the unit's own people and the unit; the office may do it for any unit."""
    return user.acts_for_unit(Capability.REGISTER_AWARDS, unit) or user.can(
        Capability.MANAGE_AWARDS, unit.organization
    )


@transaction.atomic
def nomination_create(*, unit: Unit, user, year: int, title: str, summary: str, person=None) -> Nomination:
    """A unit puts one of its people (or itself, `person` None) forward for a title. Where the title's
    rule makes registration a condition, a subject that never registered cannot be nominated."""
    if not nominates_for(user, unit):
        raise PermissionDenied
    nomination = Nomination(
        organization=unit.organization,
        unit=unit,
        person=person,
        year=year,
        title=title,
        summary=summary.strip(),
        created_by=user,
    )
    nomination.full_clean()
    judgement = judgement_for(nomination)
    registration = next(
        (r for r in (judgement.reasons if judgement else ()) if r.criterion == engine.Criterion.REGISTRATION),
        None,
    )
    if registration is not None and registration.met is False:
        raise ValidationError(
            _("Chưa đăng ký thi đua danh hiệu này: tiêu chuẩn yêu cầu đăng ký trước khi bình xét.")
        )
    return save_audited(nomination, user=user, reason=_("Đề nghị khen thưởng (bình xét)"))


@transaction.atomic
def nomination_return(*, nomination: Nomination, user, reason: str) -> Nomination:
    """The office returns a nomination to its unit, saying why; a nomination on an agenda stays."""
    require(user, Capability.MANAGE_AWARDS, nomination.organization)
    if nomination.status != Nomination.Status.SUBMITTED:
        raise ValidationError(_("Đề nghị này đã được trả lại."))
    if nomination.agenda_items.exists():
        raise ValidationError(_("Đề nghị đã đưa ra Hội đồng: không thể trả lại."))
    nomination.status = Nomination.Status.RETURNED
    nomination.return_reason = reason.strip()
    nomination.full_clean()
    return save_audited(
        nomination, user=user, reason=_("Trả lại đề nghị khen thưởng: %(reason)s") % {"reason": reason}
    )


# The council's meeting and its secret ballot.


@transaction.atomic
def council_create(*, organization, user, year: int, name: str, decision_number: str = "") -> AwardCouncil:
    require(user, Capability.MANAGE_AWARDS, organization)
    council = AwardCouncil(
        organization=organization, year=year, name=name.strip(), decision_number=decision_number
    )
    return save_audited(council, user=user, reason=_("Thành lập Hội đồng Thi đua – Khen thưởng"))


@transaction.atomic
def council_member_add(*, council: AwardCouncil, user, member_user, role: str) -> AwardCouncilMember:
    """A member is a person with a login account of the agency: each votes from their own browser."""
    require(user, Capability.MANAGE_AWARDS, council.organization)
    member = AwardCouncilMember(council=council, user=member_user, role=role)
    return save_audited(member, user=user, reason=_("Thêm thành viên Hội đồng"))


@transaction.atomic
def meeting_open(*, council: AwardCouncil, user, held_on: datetime.date) -> CouncilMeeting:
    """The office convenes the council: every nomination of the year still standing and not yet put to
    a meeting goes on the agenda."""
    require(user, Capability.MANAGE_AWARDS, council.organization)
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
    return meeting


def member_of(meeting: CouncilMeeting, user) -> AwardCouncilMember | None:
    return AwardCouncilMember.objects.filter(council_id=meeting.council_id, user=user).first()


@transaction.atomic
def ballot_cast(*, meeting: CouncilMeeting, user, choices: dict[int, bool]) -> int:
    """A member's secret ballot: for each agenda item (by id) agree (True) or disagree (False).

    What is written: a BallotCast row saying THAT the member voted on the item (unique: nobody votes
    twice), audited like any row, and the item's counter bumped with F() in the same transaction. The
    choice itself is written nowhere beside the member."""
    meeting = CouncilMeeting.objects.select_for_update().get(pk=meeting.pk)
    member = member_of(meeting, user)
    if member is None:
        raise PermissionDenied
    if meeting.status != CouncilMeeting.Status.OPEN:
        raise ValidationError(_("Cuộc họp đã kết thúc: không thể bỏ phiếu."))
    items = {item.pk: item for item in meeting.items.all()}
    if not choices or not set(choices) <= set(items):
        raise ValidationError(_("Phiếu không khớp với chương trình họp."))
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
    *, meeting: CouncilMeeting, user, written: dict[int, tuple[int, int]], absent_note: str = ""
) -> CouncilMeeting:
    """The office closes the meeting: absent members' written opinions (agree, disagree per item) are
    added, the ballots freeze, and each item passes or not against its title's `ballot_share`."""
    meeting = CouncilMeeting.objects.select_for_update().get(pk=meeting.pk)
    require(user, Capability.MANAGE_AWARDS, meeting.organization)
    if meeting.status != CouncilMeeting.Status.OPEN:
        raise ValidationError(_("Cuộc họp đã kết thúc."))
    total = meeting.council.members.count()
    rules = TitleRule.objects.in_force_by_title(
        meeting.organization, datetime.date(meeting.council.year, 12, 31)
    )
    for item in meeting.items.select_related("nomination"):
        item.written_agree, item.written_disagree = written.get(item.pk, (0, 0))
        if item.agree + item.disagree + item.written_agree + item.written_disagree > total:
            raise ValidationError(
                _("Số phiếu và ý kiến bằng văn bản của “%(item)s” vượt quá số thành viên Hội đồng.")
                % {"item": item}
            )
        rule = rules.get(item.nomination.title)
        share = rule.parameters.get("ballot_share") if rule else None
        item.threshold = Decimal(str(share)) if share is not None else None
        item.passed = engine.ballot_passes(item.total_agree, total, share)
        save_audited(item, user=user, reason=_("Kết quả bỏ phiếu"))
    meeting.status = CouncilMeeting.Status.CLOSED
    meeting.members_total = total
    meeting.absent_note = absent_note.strip()
    meeting.closed_at = timezone.now()
    return save_audited(meeting, user=user, reason=_("Kết thúc họp Hội đồng, chốt kết quả bỏ phiếu"))
