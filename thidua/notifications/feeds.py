"""A person's obligations as an iCalendar (.ics) feed that Outlook and Google Calendar subscribe to.

One all-day event per obligation, on the last day it may be met (comply_by: for "trước ngày X" that is
X-1), with a UID stable across fetches so that calendars update events in place instead of duplicating
them. Events are marked transparent, so they never block anyone's free/busy time.
"""

import datetime
from collections.abc import Callable

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from thidua.core.formatting import format_date
from thidua.notifications.calendar import State, obligations_for
from thidua.notifications.reminders import deadline_phrase
from thidua.org.models import Unit
from thidua.plans.models import Deadline
from thidua.tracking.models import ReportRequest

PAST_DAYS = 60
FUTURE_DAYS = 2 * 365 + 1  # two years ahead
REFRESH = datetime.timedelta(hours=6)


def uid_for(obligation) -> str:
    return f"{obligation.key}@thidua"


def kind_label(kind: str) -> str:
    if kind == "report":
        return _("Báo cáo định kỳ")
    if kind == "task":
        return _("Nhiệm vụ")
    if kind == "difficulty":
        return _("Trả lời vướng mắc")
    if kind.startswith("unit_report_"):
        return str(ReportRequest.Kind(kind.removeprefix("unit_report_")).label)
    return str(Deadline.Kind(kind).label) if kind in Deadline.Kind.values else kind


def build_feed(user, absolute: Callable[[str], str], today: datetime.date | None = None) -> bytes:
    """The .ics bytes of `user`'s obligations from 60 days ago to two years ahead.

    `absolute` turns a path into an absolute URL (the request's host).
    """
    today = today or timezone.localdate()
    found = obligations_for(
        user, today - datetime.timedelta(days=PAST_DAYS), today + datetime.timedelta(days=FUTURE_DAYS)
    )
    units = dict(
        Unit.objects.filter(pk__in={o.unit_id for o in found if o.unit_id}).values_list("pk", "name")
    )
    calendar = Calendar()
    calendar.add("prodid", "-//Thi Đua//Lịch thời hạn//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = _("Thi Đua — {user}").format(user=user)
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-caldesc", _("Thời hạn phải thực hiện, từ hệ thống Thi Đua"))
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")  # Outlook's refresh hint
    stamp = timezone.now()
    for obligation in found:
        state = obligation.state(today)
        event = Event()
        event.add("uid", uid_for(obligation))
        event.add("dtstamp", stamp)
        event.add("dtstart", obligation.comply_by)
        event.add("dtend", obligation.comply_by + datetime.timedelta(days=1))
        event.add("summary", obligation.title)
        event.add("description", _description(obligation, state, today, units, absolute))
        event.add("url", absolute(obligation.url))
        event.add("categories", [kind_label(obligation.kind)])
        event.add("transp", "TRANSPARENT")
        event.add("status", "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()


def _description(obligation, state, today, units, absolute) -> str:
    who = units.get(obligation.unit_id) or _("Cả cơ quan (Văn phòng Sở theo dõi)")
    lines = [
        _("Thời hạn: {phrase}.").format(phrase=deadline_phrase(obligation)),
        _("Đơn vị thực hiện: {who}.").format(who=who),
        _("Trạng thái đến ngày {today}: {state}.").format(
            today=format_date(today), state=_state(obligation, state, today)
        ),
        absolute(obligation.url),
    ]
    return "\n".join(lines)


def _state(obligation, state: str, today: datetime.date) -> str:
    label = str(State.LABELS.get(state, state))
    if state == State.DONE:
        return _("{label} ngày {day}").format(label=label, day=format_date(obligation.done_on))
    if state == State.OVERDUE:
        return _("{label} {n} ngày").format(label=label, n=obligation.days_late(today))
    if state == State.DUE:
        return _("{label}: hôm nay là hạn cuối").format(label=label)
    return _("{label}, còn {n} ngày").format(label=label, n=(obligation.comply_by - today).days)
