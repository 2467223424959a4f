"""Computed indicators: targets measured from what the system already records instead of typed figures.

An indicator is a code, a Vietnamese label and a function from (target, unit or None for the
whole agency, period) to a value. Later apps (initiatives, dialogues, feedback, unit plans)
register theirs with `@indicator(...)`; a Target with measurement "computed" names one. The
words an indicator names (`hints`) and the kind of figure it gives (a share in %, or a count) let
the target page propose it for a target whose text says them.
"""

import datetime
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from thidua.org.models import Unit
from thidua.plans.models import Target
from thidua.tracking import progress
from thidua.tracking.periods import Period
from thidua.tracking.specs import target_spec

Compute = Callable[[Target, Unit | None, Period], Decimal | None]


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    compute: Compute
    hints: tuple[str, ...] = ()
    percent: bool = False
    topical: bool = False  # counts only the records of the target's topic, when it names one


REGISTRY: dict[str, Indicator] = {}


def indicator(
    code: str, label: str, *, hints: tuple[str, ...] = (), percent: bool = False, topical: bool = False
) -> Callable[[Compute], Compute]:
    """Register `compute` under `code`; `hints` are phrases that all appear in the text of a target
    this indicator measures ("sáng kiến", "công nhận"); `percent` when its value is a share in %;
    `topical` when it honours the target's topic (`topic_terms`)."""

    def register(compute: Compute) -> Compute:
        if code in REGISTRY:
            raise ValueError(f"Chỉ số “{code}” đã được đăng ký.")
        folded = tuple(_folded(hint) for hint in hints)
        REGISTRY[code] = Indicator(code, label, compute, folded, percent, topical)
        return compute

    return register


def _folded(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split())).casefold()


def suggest(text: str, unit_of_measure: str) -> Indicator | None:
    """The indicator whose hints the target's text says and that gives its kind of figure, the most
    specific one (most hints) first."""
    folded, percent = _folded(text), unit_of_measure.strip() == "%"
    fitting = [
        item
        for item in REGISTRY.values()
        if item.hints and item.percent == percent and all(hint in folded for hint in item.hints)
    ]
    return max(fitting, key=lambda item: len(item.hints), default=None)


# "sáng kiến về kỹ năng số, chuyển đổi số được công nhận": the words after "về" / "lĩnh vực" name the
# topic, up to the verb or bound that follows.
_TOPIC_RE = re.compile(
    r"(?:\svề|lĩnh\svực|chủ\sđề)\s(?P<topic>.+?)(?=\s(?:được|đạt|trở\slên|có|của|trong)\s|[.;:()]|$)",
    re.IGNORECASE,
)


def suggest_topic(text: str, code: str) -> str:
    """The topic a target's text restricts the records of indicator `code` to ("kỹ năng số, chuyển
    đổi số"), or "" when it names none or the indicator counts every record."""
    if code not in REGISTRY or not REGISTRY[code].topical:
        return ""
    found = _TOPIC_RE.search(" ".join(text.split()))
    return found["topic"].strip(" ,") if found else ""


def topic_terms(target: Target) -> list[str]:
    """The target's topic as folded terms; empty when every record counts."""
    return [_folded(term) for term in target.indicator_topic.split(",") if term.strip()]


def on_topic(terms: list[str], *texts: str) -> bool:
    folded = _folded(" ".join(texts))
    return not terms or any(term in folded for term in terms)


def counting_window(target: Target, period: Period) -> tuple[datetime.date, datetime.date]:
    """The days whose records (recognitions, dialogues) make up the value of `period`, as the engine reads it.

    The engine adds the periods of a count up (annual, whole-plan and cumulative targets in a counted
    noun; an average is the mean of yearly counts), so each period counts only its own days, clipped
    to the target's span: over a whole plan a record is counted once, and an annual target adds
    up the periods of its year. A level (a target by a date, or one in "%") is read as it stands at
    the period's end, so it counts from the start of the span (an annual one: of the year) to then.
    """
    spec = target_spec(target)
    end = min(period.end, spec.ends_on)
    if progress.is_count(spec) or spec.period_kind == Target.PeriodKind.AVERAGE:
        return max(period.start, spec.starts_on), end
    if spec.period_kind == Target.PeriodKind.ANNUAL:
        return max(datetime.date(period.end.year, 1, 1), spec.starts_on), end
    return spec.starts_on, end


def _units(target: Target, unit: Unit | None):
    """The units an agency-wide indicator counts over, or the one unit asked about."""
    units = Unit.objects.filter(organization_id=target.plan.organization_id).carrying_out()
    return units.filter(pk=unit.pk) if unit is not None else units


def choices() -> list[tuple[str, str]]:
    return [(item.code, item.label) for item in REGISTRY.values()]


def label(code: str) -> str:
    """An indicator's name; a code no longer registered, as it is."""
    return REGISTRY[code].label if code in REGISTRY else code


@indicator(
    "tracking.units_reporting_share",
    "Tỷ lệ phòng, đơn vị đã triển khai (có báo cáo được duyệt trong kế hoạch)",
    hints=("đơn vị", "triển khai phong trào"),
    percent=True,
)
def units_reporting_share(target: Target, unit: Unit | None, period: Period) -> Decimal | None:
    """Share of the agency's units with at least one approved report for this plan by the period's end."""
    from thidua.tracking.models import Report

    units = _units(target, unit)
    total = units.count()
    if not total:
        return None
    reporting = (
        Report.objects.counted()
        .filter(assignment__target__plan=target.plan, assignment__unit__in=units, period_end__lte=period.end)
        .values("assignment__unit")
        .distinct()
        .count()
    )
    return Decimal(reporting) * 100 / total


@indicator(
    "tracking.unit_plans_received",
    "Tỷ lệ phòng, đơn vị đã gửi kế hoạch thực hiện",
    hints=("đơn vị", "kế hoạch thực hiện"),
    percent=True,
)
def unit_plans_received(target: Target, unit: Unit | None, period: Period) -> Decimal | None:
    """Share of the agency's units whose own plan for this plan arrived by the period's end."""
    from thidua.tracking.models import UnitPlan

    units = _units(target, unit)
    total = units.count()
    if not total:
        return None
    received = UnitPlan.objects.filter(
        plan=target.plan, unit__in=units, submitted_at__date__lte=period.end
    ).count()
    return Decimal(received) * 100 / total
