"""The calendar pages: a person's obligations as a list or a month, filtered by plan, unit and state."""

import calendar as month_grid
import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import exports, pagecache, query
from thidua.notifications.calendar import SOON_DAYS, State, obligations_for
from thidua.notifications.exports import OBLIGATION_COLUMNS
from thidua.org.models import Unit
from thidua.org.roles import Capability
from thidua.plans.models import Plan

LIST_BEFORE_DAYS, LIST_AFTER_DAYS = 60, 180
# An office's window holds every unit's reports: 1,500 rows for a Sở of ten units (700 KB of page).
PAGE_SIZE = 100
EARLIEST = datetime.date(2000, 1, 1)  # before any plan: what is late is found however old
URGENT_AFTER = {State.OVERDUE, State.DUE, State.SOON}


def _filtered(request, start: datetime.date, end: datetime.date):
    """The person's obligations in [start, end], the urgent ones outside it, and the filter choices
    the page offers."""
    user = request.user
    chosen = {key: query.int_param(request, key) for key in ("ke-hoach", "don-vi")}
    state = request.GET.get("trang-thai") or ""
    wide = user.organizations_where(Capability.VIEW_ALL_REPORTS)
    filters = {
        "plans": Plan.objects.visible_to(user).published().only("pk", "title", "number", "kind"),
        "units": Unit.objects.filter(organization__in=wide).carrying_out() if wide else [],
        "states": list(State.LABELS.items()),
        "chosen_plan": chosen["ke-hoach"],
        "chosen_unit": chosen["don-vi"],
        "chosen_state": state,
    }
    return (*_rows(request, start, end), filters, timezone.localdate())


def _rows(request, start: datetime.date, end: datetime.date) -> tuple[list[tuple], list[tuple]]:
    """(obligation, state, unit) in [start, end], filtered as asked, and those outside the window that
    always show: what is late, or due within the week. One reading of the obligations for both (the
    late ones go back to the first plan)."""
    today = timezone.localdate()
    plan, unit = (query.int_param(request, key) for key in ("ke-hoach", "don-vi"))
    state = request.GET.get("trang-thai") or ""
    soon_end = today + datetime.timedelta(days=SOON_DAYS)
    found = obligations_for(request.user, min(start, EARLIEST), max(end, soon_end), plan_id=plan)
    found = [o for o in found if (not unit or o.unit_id == unit) and (not state or o.state(today) == state)]
    units = Unit.objects.filter(pk__in={o.unit_id for o in found if o.unit_id}).without_tree_fields()
    by_pk = {u.pk: u for u in units}
    rows = [(o, o.state(today), by_pk.get(o.unit_id)) for o in found]
    before = [row for row in rows if row[0].due_on < start and row[1] == State.OVERDUE]
    after = [row for row in rows if row[0].due_on > end and row[1] in URGENT_AFTER]
    return [row for row in rows if start <= row[0].due_on <= end], before + after


@login_required
def calendar_list(request):
    today = timezone.localdate()
    start = query.date_param(request, "tu") or today - datetime.timedelta(days=LIST_BEFORE_DAYS)
    end = query.date_param(request, "den") or today + datetime.timedelta(days=LIST_AFTER_DAYS)
    rows, urgent, filters, today = _filtered(request, start, end)
    if exports.asked(request):
        return _workbook(request, rows, "lich")  # the workbook holds every row of the window
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "start": start,
        "end": end,
        "urgent": urgent,
        **_fragment_keys(page.object_list, urgent),
    }
    return render(request, "notifications/calendar_list.html", context | filters)


def _fragment_keys(rows: list[tuple], urgent: list[tuple]) -> dict:
    """The agency's calendar has thousands of rows: rendered once for what they hold (core.pagecache)."""
    return {
        "page_cache_seconds": settings.PAGE_CACHE_SECONDS,
        "rows_key": pagecache.content_key([(o, state, str(unit or "")) for o, state, unit in rows]),
        "urgent_key": pagecache.content_key([(o, state, str(unit or "")) for o, state, unit in urgent]),
    }


@login_required
def calendar_month(request):
    today = timezone.localdate()
    first = query.month_param(request, "thang") or today.replace(day=1)
    last = first.replace(day=month_grid.monthrange(first.year, first.month)[1])
    rows, urgent, filters, today = _filtered(request, first, last)
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
        "urgent": urgent,
        **_fragment_keys([], urgent),
        **filters,
    }
    return render(request, "notifications/calendar_month.html", context)


def _workbook(request, rows, name: str):
    title = _("Lịch thời hạn")
    return exports.xlsx_response(
        name, OBLIGATION_COLUMNS, rows, title=title, organization=request.user.organization
    )
