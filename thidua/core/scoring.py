"""Points against a criteria table, once for every app: the enterprises' yearly assessment
(engagement) and the units' chấm điểm thi đua (awards) both score criteria with a maximum, claim
points with evidence, have them verified, add them up and rank the year.

- `check_points(value, maximum)`: the one bound every score obeys (0 ≤ points ≤ maximum), as a
  Vietnamese ValidationError naming the maximum.
- `net_total(points, deductions)`: what a sheet adds up to; deductions are taken off, never below 0.
- `competition_ranks(totals)`: "1, 2, 2, 4" ranking of totals, ties sharing a rank.
- `PointsForm`: one points field per criterion (and an evidence file where the scorer proves a claim).

Pure except for the form; the workflows (submit, verify, rank and save) stay in each app's services.
"""

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from functools import partial
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.formatting import format_number
from thidua.core.forms import BootstrapFormMixin
from thidua.core.uploads import validate_evidence

ABOVE_MAXIMUM = gettext_lazy("Điểm không được lớn hơn mức tối đa {points} điểm.")
BELOW_ZERO = gettext_lazy("Điểm không được âm.")


def check_points(value: Decimal | None, maximum: Decimal) -> None:
    """Refuse points outside 0 … `maximum` (None: not scored yet, allowed)."""
    if value is None:
        return
    if value < 0:
        raise ValidationError(BELOW_ZERO)
    if value > maximum:
        raise ValidationError(ABOVE_MAXIMUM.format(points=format_number(maximum)))


def net_total(points: Iterable[Decimal], deductions: Iterable[Decimal] = ()) -> Decimal:
    """The points added up, the deductions taken off; a sheet never goes below zero."""
    total = sum(points, Decimal(0)) - sum(deductions, Decimal(0))
    return max(total, Decimal(0))


def competition_ranks(totals: Sequence[Decimal]) -> list[int]:
    """The rank of each total of a list already sorted best first: equal totals share a rank and the
    next one skips (1, 2, 2, 4), as results tables are read."""
    ranks: list[int] = []
    previous, rank = None, 0
    for position, total in enumerate(totals, start=1):
        if total != previous:
            rank, previous = position, total
        ranks.append(rank)
    return ranks


def rank_rows(rows: Sequence[Any], total: Callable[[Any], Decimal]) -> list[tuple[Any, int]]:
    """Rows already ordered best first (total descending, then a stable tie-break), with their ranks."""
    return list(zip(rows, competition_ranks([total(row) for row in rows]), strict=True))


class PointsForm(BootstrapFormMixin, forms.Form):
    """One points field per criterion (`c<pk>`), each bound to 0 … its `max_points`; with
    `with_evidence`, an optional proof file per criterion (`e<pk>`). `describe(criterion)` gives the
    help text under each field."""

    def __init__(
        self,
        *args,
        criteria,
        with_evidence: bool,
        initial_scores: dict,
        describe: Callable[[Any], str] | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"c{criterion.pk}"] = forms.DecimalField(
                label=criterion.text,
                decimal_places=2,
                validators=[partial(check_points, maximum=criterion.max_points)],
                initial=initial_scores.get(criterion.pk),
                help_text=describe(criterion) if describe else "",
            )
            if with_evidence:
                self.fields[f"e{criterion.pk}"] = forms.FileField(
                    label=_("Minh chứng: {text}").format(text=criterion.text),
                    required=False,
                    validators=[validate_evidence],
                )

    def scores(self) -> dict:
        return {c: self.cleaned_data[f"c{c.pk}"] for c in self.criteria}

    def evidence(self) -> dict:
        return {c: self.cleaned_data[f"e{c.pk}"] for c in self.criteria if self.cleaned_data.get(f"e{c.pk}")}
