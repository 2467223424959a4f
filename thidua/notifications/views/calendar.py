"""The calendar pages: a person's obligations as a list or a month, filtered by plan, unit and state."""

import calendar as month_grid
import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import exports
from thidua.notifications.calendar import State, obligations_for
from thidua.notifications.exports import OBLIGATION_COLUMNS
from thidua.org.models import Unit
from thidua.org.roles import Capability
from thidua.plans.models import Plan

LIST_BEFORE_DAYS, LIST_AFTER_DAYS = 60, 180


def _number(value) -> int | None:
    return int(value) if value and value.isdigit() else None


def _filtered(request, start: datetime.date, end: datetime.date):
    """The person's obligations in [start, end] and the filter choices the page offers."""
    user = request.user
    chosen = {key: _number(request.GET.get(key)) for key in ("ke-hoach", "don-vi")}
    state = request.GET.get("trang-thai") or ""
    today = timezone.localdate()
    found = obligations_for(user, start, end, plan_id=chosen["ke-hoach"])
    if chosen["don-vi"]:
        found = [o for o in found if o.unit_id == chosen["don-vi"]]
    if state:
        found = [o for o in found if o.state(today) == state]
    wide = user.organizations_where(Capability.VIEW_ALL_REPORTS)
    filters = {
        "plans": Plan.objects.visible_to(user).published().only("pk", "title", "number", "kind"),
        "units": Unit.objects.filter(organization__in=wide).carrying_out() if wide else [],
        "states": list(State.LABELS.items()),
        "chosen_plan": chosen["ke-hoach"],
        "chosen_unit": chosen["don-vi"],
        "chosen_state": state,
    }
    units = {unit.pk: unit for unit in Unit.objects.filter(pk__in={o.unit_id for o in found if o.unit_id})}
    rows = [(o, o.state(today), units.get(o.unit_id)) for o in found]
    return rows, filters, today


@login_required
def calendar_list(request):
    today = timezone.localdate()
    start = _date(request.GET.get("tu")) or today - datetime.timedelta(days=LIST_BEFORE_DAYS)
    end = _date(request.GET.get("den")) or today + datetime.timedelta(days=LIST_AFTER_DAYS)
    rows, filters, today = _filtered(request, start, end)
    if exports.asked(request):
        return _workbook(request, rows, "lich")
    return render(
        request, "notifications/calendar_list.html", {"rows": rows, "start": start, "end": end, **filters}
    )


@login_required
def calendar_month(request):
    today = timezone.localdate()
    first = _month(request.GET.get("thang")) or today.replace(day=1)
    last = first.replace(day=month_grid.monthrange(first.year, first.month)[1])
    rows, filters, today = _filtered(request, first, last)
    if exports.asked(request):
        return _workbook(request, rows, f"lich-{first:%Y-%m}")
    by_day: dict[datetime.date, list] = {}
    for obligation, state, unit in rows:
        by_day.setdefault(obligation.due_on, []).append((obligation, state, unit))
    weeks = [
        [(day, by_day.get(day, [])) for day in week]
        for week in month_grid.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    ]
    context = {
        "weeks": weeks,
        "month": first,
        "previous": (first - datetime.timedelta(days=1)).replace(day=1),
        "next": last + datetime.timedelta(days=1),
        "today": today,
        **filters,
    }
    return render(request, "notifications/calendar_month.html", context)


def _workbook(request, rows, name: str):
    title = _("Lịch thời hạn")
    return exports.xlsx_response(
        name, OBLIGATION_COLUMNS, rows, title=title, organization=request.user.organization
    )


def _date(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _month(value: str | None) -> datetime.date | None:
    return _date(f"{value}-01") if value else None
