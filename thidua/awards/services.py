"""Rewards workflows: the year's eligibility (facts gathered in a fixed number of queries, judged by
the pure engine), the registration cycle (submit, return, approve), and nominations (bình xét), each
change audited. The council and its secret ballot are in `thidua.awards.council`."""

import datetime
import unicodedata
from collections import defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards import engine
from thidua.awards.models import (
    AnnualRating,
    Award,
    Discipline,
    HoldFlag,
    Leave,
    Nomination,
    Person,
    RatingRule,
    RatingStatus,
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
    # Only what the office confirmed counts: a rating the unit is still entering or has sent is not a fact.
    for person_id, y, rating in AnnualRating.objects.filter(
        organization=organization, year__gte=first_year, year__lte=year, status=RatingStatus.CONFIRMED
    ).values_list("person_id", "year", "rating"):
        ratings[person_id][y] = engine.RatingEntry(engine.Rating(rating), True)
    leaves: dict[int, list[engine.LeaveEntry]] = defaultdict(list)
    for person_id, starts_on, ends_on, counted in Leave.objects.filter(
        organization=organization,
        starts_on__lte=datetime.date(year, 12, 31),
        ends_on__gte=datetime.date(year, 1, 1),
    ).values_list("person_id", "starts_on", "ends_on", "counts_as_worked"):
        leaves[person_id].append(engine.LeaveEntry(starts_on, ends_on, counted))
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
        unit_id: engine.RatingEntry(engine.Rating(rating), True)
        for unit_id, rating in UnitRating.objects.filter(
            organization=organization, year=year, status=RatingStatus.CONFIRMED
        ).values_list("unit_id", "rating")
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
            leaves=tuple(leaves.get(p.pk, ())),
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
