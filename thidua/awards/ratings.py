"""The year's ratings of a unit: its head enters (or imports) each person's rating and the unit's own,
sends them; the office confirms them or returns them with a reason. Only confirmed ratings count for
titles (`services.gather`). Every change is a row of the rating's history, with who and why.

The cap on "Hoàn thành xuất sắc nhiệm vụ" (Nghị định 335/2025: at most 20% of those rated "Hoàn thành
tốt", per unit, for công chức) is a `RatingRule` row with its basis; it is checked and shown while the
unit enters. Over the cap is flagged, not refused: the decree admits an exception for organisations
with outstanding achievements (its terms are UNCONFIRMED in our sources) and counts within groups of
công chức with similar tasks, which Thi Đua does not record; so the unit may send, and the office
confirms an over-cap unit only by writing down the ground of the exception (kept in the history). The
engine still marks a CSTĐCS resting on an over-cap rating as needing a person's judgement.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.models import (
    AnnualRating,
    Category,
    Person,
    Rating,
    RatingRule,
    RatingStatus,
    UnitRating,
)
from thidua.core.audit import delete_audited, save_audited
from thidua.core.history import Records, history_entries
from thidua.org.access import require
from thidua.org.roles import Capability

S = RatingStatus


def rates_for(user, unit) -> bool:
    """The unit's head rates the unit's own people; the office may do it for any unit."""
    return user.acts_for_unit(Capability.REGISTER_AWARDS, unit) or user.can(
        Capability.MANAGE_AWARDS, unit.organization
    )


def unit_people(unit):
    """The people a unit rates: its own active people (not those of the units below it)."""
    return Person.objects.filter(unit=unit, is_active=True).order_by("full_name", "pk")


@dataclass(frozen=True)
class CapCheck:
    """Where a unit stands against the cap on "xuất sắc": counts among the people the rule covers."""

    excellent: int
    good: int
    share: Decimal
    basis: str
    note: str
    categories: list[str]

    @property
    def allowed(self) -> int:
        return int(Fraction(str(self.share)) * self.good)

    @property
    def exceeded(self) -> bool:
        return self.excellent > self.allowed

    @property
    def percent(self) -> str:
        return f"{Decimal(self.share) * 100:.0f}%"


def cap_rule(organization, year: int) -> RatingRule | None:
    return RatingRule.objects.in_force(organization, datetime.date(year, 12, 31))


def cap_check(unit, year: int, rule: RatingRule | None = None) -> CapCheck | None:
    """The cap as the unit's ratings stand now (whatever their status); None when no rule is in force."""
    rule = rule or cap_rule(unit.organization, year)
    if rule is None:
        return None
    rows = AnnualRating.objects.filter(
        person__in=unit_people(unit), year=year, person__category__in=rule.categories
    ).values_list("rating", flat=True)
    ratings = list(rows)
    return CapCheck(
        excellent=ratings.count(Rating.EXCELLENT),
        good=ratings.count(Rating.GOOD),
        share=rule.excellent_cap_share,
        basis=f"{rule.legal_basis}, {rule.article}" if rule.article else rule.legal_basis,
        note=rule.note,
        categories=[str(Category(c).label) for c in rule.categories],
    )


@dataclass(frozen=True)
class UnitYear:
    """A unit's ratings for a year, and where they stand as a whole."""

    people: list
    ratings: dict  # person id → AnnualRating
    unit_rating: UnitRating | None

    @property
    def rows(self) -> list:
        return [*self.ratings.values(), *([self.unit_rating] if self.unit_rating else [])]

    @property
    def status(self) -> str:
        """The sheet's state: returned or waiting if any row is; confirmed when every row is."""
        statuses = {r.status for r in self.rows}
        for status in (S.RETURNED, S.SUBMITTED, S.DRAFT):
            if status in statuses:
                return status
        return S.CONFIRMED if statuses else S.DRAFT

    @property
    def missing(self) -> list:
        return [p for p in self.people if p.pk not in self.ratings]

    @property
    def return_reason(self) -> str:
        return next((r.return_reason for r in self.rows if r.status == S.RETURNED and r.return_reason), "")

    @property
    def editable(self) -> bool:
        return self.status in (S.DRAFT, S.RETURNED)


def unit_year(unit, year: int) -> UnitYear:
    people = list(unit_people(unit))
    ratings = {
        r.person_id: r
        for r in AnnualRating.objects.filter(person__in=people, year=year).select_related(
            "entered_by", "submitted_by", "reviewed_by"
        )
    }
    unit_rating = UnitRating.objects.filter(unit=unit, year=year).first()
    return UnitYear(people, ratings, unit_rating)


NOT_EDITABLE = _(
    "Xếp loại đã gửi hoặc đã được xác nhận: không sửa được nữa (Văn phòng trả lại thì sửa được)."
)


def _check_rater(user, unit) -> None:
    if not rates_for(user, unit):
        raise PermissionDenied


def _write(row, *, rating: str, user, reason: str) -> None:
    if not row.editable:
        raise ValidationError(NOT_EDITABLE)
    if row.pk and row.rating == rating:
        return
    row.rating, row.entered_by = rating, user
    save_audited(row, user=user, reason=reason)


@transaction.atomic
def ratings_save(*, unit, year: int, user, ratings: dict[int, str], unit_rating: str | None = None) -> int:
    """Enter the unit's ratings: `ratings` maps a person of the unit to a rating ("" clears a rating not
    yet sent), `unit_rating` the unit's own (None: unchanged). Returns how many rows changed."""
    _check_rater(user, unit)
    current = unit_year(unit, year)
    people = {p.pk: p for p in current.people}
    changed = 0
    for person_id, value in ratings.items():
        if person_id not in people:
            raise ValidationError(_("Người này không thuộc đơn vị."))
        existing = current.ratings.get(person_id)
        if not value:
            if existing is not None:
                if not existing.editable:
                    raise ValidationError(NOT_EDITABLE)
                delete_audited(existing, user=user, reason=_("Xóa xếp loại chưa gửi"))
                changed += 1
            continue
        row = existing or AnnualRating(organization=unit.organization, person=people[person_id], year=year)
        if row.pk and row.rating == value:
            continue
        _write(row, rating=value, user=user, reason=_("Đơn vị nhập xếp loại"))
        changed += 1
    if unit_rating is not None:
        row = current.unit_rating
        if unit_rating and (row is None or row.rating != unit_rating):
            row = row or UnitRating(organization=unit.organization, unit=unit, year=year)
            _write(row, rating=unit_rating, user=user, reason=_("Đơn vị nhập xếp loại tập thể"))
            changed += 1
        elif not unit_rating and row is not None:
            if not row.editable:
                raise ValidationError(NOT_EDITABLE)
            delete_audited(row, user=user, reason=_("Xóa xếp loại tập thể chưa gửi"))
            changed += 1
    return changed


@transaction.atomic
def ratings_submit(*, unit, year: int, user) -> int:
    """The unit sends its ratings to the office: every person of the unit must be rated."""
    _check_rater(user, unit)
    current = unit_year(unit, year)
    if current.missing:
        names = ", ".join(p.full_name for p in current.missing[:5])
        raise ValidationError(
            _("Còn %(count)s người chưa được xếp loại: %(names)s.")
            % {"count": len(current.missing), "names": names}
        )
    waiting = [r for r in current.rows if r.editable]
    if not waiting:
        raise ValidationError(_("Không có xếp loại nào đang chờ gửi."))
    now = timezone.now()
    for row in waiting:
        row.status, row.submitted_by, row.submitted_at = S.SUBMITTED, user, now
        save_audited(row, user=user, reason=_("Đơn vị gửi xếp loại cho Văn phòng"))
    return len(waiting)


@transaction.atomic
def ratings_confirm(*, unit, year: int, user, note: str = "") -> int:
    """The office confirms what the unit sent. Over the cap on "xuất sắc", `note` must give the ground
    of the exception: it is kept in every confirmed row's history."""
    require(user, Capability.MANAGE_AWARDS, unit.organization)
    current = unit_year(unit, year)
    sent = [r for r in current.rows if r.status == S.SUBMITTED]
    if not sent:
        raise ValidationError(_("Đơn vị chưa gửi xếp loại nào để xác nhận."))
    check = cap_check(unit, year)
    note = note.strip()
    if check is not None and check.exceeded and not note:
        raise ValidationError(
            _(
                "Số “Hoàn thành xuất sắc nhiệm vụ” (%(excellent)s) vượt %(percent)s số "
                "“Hoàn thành tốt nhiệm vụ” (%(good)s, tối đa %(allowed)s) theo %(basis)s. "
                "Ghi rõ căn cứ ngoại lệ để xác nhận, hoặc trả lại."
            )
            % {
                "excellent": check.excellent,
                "good": check.good,
                "allowed": check.allowed,
                "percent": check.percent,
                "basis": check.basis,
            }
        )
    reason = _("Văn phòng xác nhận xếp loại")
    if note:
        reason += _(" (vượt tỷ lệ xuất sắc, căn cứ: %(note)s)") % {"note": note}
    now = timezone.now()
    for row in sent:
        row.status, row.reviewed_by, row.reviewed_at, row.return_reason = S.CONFIRMED, user, now, ""
        save_audited(row, user=user, reason=reason)
    return len(sent)


@transaction.atomic
def ratings_return(*, unit, year: int, user, reason: str) -> int:
    """The office returns the unit's sent (or already confirmed) ratings, saying why."""
    require(user, Capability.MANAGE_AWARDS, unit.organization)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Hãy ghi lý do trả lại."))
    current = unit_year(unit, year)
    rows = [r for r in current.rows if r.status in (S.SUBMITTED, S.CONFIRMED)]
    if not rows:
        raise ValidationError(_("Không có xếp loại nào đã gửi để trả lại."))
    now = timezone.now()
    for row in rows:
        row.status, row.reviewed_by, row.reviewed_at, row.return_reason = S.RETURNED, user, now, reason
        save_audited(row, user=user, reason=_("Văn phòng trả lại xếp loại: %(reason)s") % {"reason": reason})
    return len(rows)


@dataclass(frozen=True)
class OverviewRow:
    unit: object
    people: int
    rated: int
    status: str
    excellent: int
    good: int
    allowed: int | None

    @property
    def exceeded(self) -> bool:
        return self.allowed is not None and self.excellent > self.allowed

    def get_status_display(self) -> str:
        return str(RatingStatus(self.status).label) if self.status else _("Chưa nhập xếp loại")


def overview(organization, year: int, units) -> list[OverviewRow]:
    """Per unit: its people, how many are rated, the sheet's state and the cap, in a fixed number of
    queries."""
    rule = cap_rule(organization, year)
    covered = set(rule.categories) if rule else set()
    people: dict[int, int] = {}
    for unit_id in Person.objects.filter(organization=organization, is_active=True).values_list(
        "unit_id", flat=True
    ):
        people[unit_id] = people.get(unit_id, 0) + 1
    rated: dict[int, int] = {}
    statuses: dict[int, set] = {}
    counts: dict[int, list[int]] = {}
    for unit_id, rating, status, category in AnnualRating.objects.filter(
        organization=organization, year=year, person__is_active=True
    ).values_list("person__unit_id", "rating", "status", "person__category"):
        rated[unit_id] = rated.get(unit_id, 0) + 1
        statuses.setdefault(unit_id, set()).add(status)
        if category in covered:
            pair = counts.setdefault(unit_id, [0, 0])
            pair[0] += rating == Rating.EXCELLENT
            pair[1] += rating == Rating.GOOD
    for unit_id, status in UnitRating.objects.filter(organization=organization, year=year).values_list(
        "unit_id", "status"
    ):
        statuses.setdefault(unit_id, set()).add(status)
    rows = []
    for unit in units:
        found = statuses.get(unit.pk, set())
        status = next((s for s in (S.RETURNED, S.SUBMITTED, S.DRAFT) if s in found), None)
        status = status or (S.CONFIRMED if found else "")
        excellent, good = counts.get(unit.pk, [0, 0])
        allowed = int(Fraction(str(rule.excellent_cap_share)) * good) if rule else None
        rows.append(
            OverviewRow(unit, people.get(unit.pk, 0), rated.get(unit.pk, 0), status, excellent, good, allowed)
        )
    return rows


def history(unit, year: int) -> list:
    """Every change of the unit's ratings for the year (deleted ones included), newest first."""
    people = AnnualRating.history.filter(person__unit=unit, year=year).select_related("person")
    return history_entries(
        Records(people, subject=lambda record: str(getattr(record, "person", ""))),
        Records(UnitRating.history.filter(unit=unit, year=year), subject=lambda record: _("Tập thể đơn vị")),
    )
