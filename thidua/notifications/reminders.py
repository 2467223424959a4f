"""Who is reminded of what, and when; the weekly digest for leaders; sending both, exactly once.

Sending runs in two phases, so that a run can stop anywhere and the next one picks up:

1. Record. For each organization, in one transaction: work out every reminder step due today, and for
   each (obligation, person, step) not yet in the ledger insert a pending `ReminderDelivery` with its
   subject and body, and the person's in-app `Notification`. The unique constraint on the ledger means
   a second run (or an overlapping one) records nothing twice; a crash rolls back that organization's
   rows whole, and the next run records them again.
2. Send. Every pending delivery (today's, and any left pending by an earlier run that crashed or could
   not reach the mail server) is sent by e-mail and marked sent, one at a time. A message that fails
   stays pending for the next run; after ReminderDelivery.MAX_ATTEMPTS failures it is given up (FAILED),
   and after MAX_CONSECUTIVE_FAILURES in a row the server is taken to be down and the run stops trying.

Delivery is exactly once for the in-app notification and at least once for the e-mail: a crash after
the mail server accepted a message and before the row is marked sent sends that one message again on
the next run. No mail protocol lets us do better; the window is one message wide.

Steps, for an obligation that is not done (comply_by is the last day it may be met):

- "before-N" for N in the rule's days_before: the nearest N with today ≥ comply_by − N, while today is
  before comply_by (N = 7 from 7 days before, N = 1 from the day before);
- "due" on comply_by itself;
- "overdue-k" once it is late, k = working days in (comply_by, today] // overdue_every_working_days, for
  k ≥ 1: with the default 3, the 3rd, 6th, 9th… working day after the deadline (weekends, public
  holidays and Tết do not count, see `thidua.core.workdays`).

Only the step due today is ever recorded: a run that was missed catches up with the latest step, never
with a burst of the steps it missed. Reminders stop when the obligation is met, and for obligations late
by more than OVERDUE_LOOKBACK_DAYS (those stay on the calendar pages and in the leaders' digest window).
"""

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass, fields

from django.conf import settings
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import workdays
from thidua.core.formatting import format_date
from thidua.notifications.calendar import Obligation, obligations
from thidua.notifications.models import Notification, ReminderDelivery, ReminderRule
from thidua.org.models import Membership, Organization, User
from thidua.org.roles import Capability, capabilities_of, roles_with
from thidua.plans.models import Deadline, Plan
from thidua.tracking.models import ProgressSnapshot
from thidua.tracking.progress import Status
from thidua.tracking.reasons import render_reason

logger = logging.getLogger(__name__)

OVERDUE_LOOKBACK_DAYS = 366
DIGEST_LIST_LIMIT = 15
# After this many failures in a row the mail server is taken to be down: the rest stay pending.
MAX_CONSECUTIVE_FAILURES = 5
DEFAULT_SITE_URL = "http://localhost:8000"
KEY_CHUNK = 500

DUE = "due"


@dataclass
class Summary:
    notifications: int = 0  # in-app notifications created
    emails: int = 0  # e-mails sent
    no_address: int = 0  # recipients without an e-mail address: in-app only
    failed: int = 0  # e-mails not sent by this run (refused, or the server is down): pending, sent next run
    digests: int = 0  # digests recorded (also counted in notifications)

    def __add__(self, other: "Summary") -> "Summary":
        return Summary(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


# Which step, and who


def step_due(
    obligation: Obligation,
    today: datetime.date,
    rule: ReminderRule,
    calendar: workdays.WorkingCalendar | None = None,
) -> str | None:
    """The reminder step due today for `obligation`, or None."""
    if obligation.done_on is not None:
        return None
    days_left = (obligation.comply_by - today).days
    if days_left > 0:
        reached = [n for n in rule.offsets if n >= days_left]
        return f"before-{min(reached)}" if reached else None
    if days_left == 0:
        return DUE
    every = max(rule.overdue_every_working_days, 1)
    late = workdays.working_days_between(obligation.comply_by, today, days_off=calendar)
    k = late // every
    return f"overdue-{k}" if k >= 1 else None


class People:
    """One organization's people who receive reminders, read in one query."""

    def __init__(self, organization: Organization):
        self.unit_heads: dict[int, list[User]] = {}
        self.office: list[User] = []
        self.leaders: list[User] = []
        reminded = (Capability.SUBMIT_REPORTS, Capability.FOLLOW_UP_PLANS, Capability.RECEIVE_DIGEST)
        memberships = (
            Membership.objects.filter(
                organization=organization,
                role__in={role for capability in reminded for role in roles_with(capability)},
                user__is_active=True,
            )
            .select_related("user")
            .order_by("user_id")
        )
        for membership in memberships:
            user, capabilities = membership.user, capabilities_of({membership.role})
            if Capability.SUBMIT_REPORTS in capabilities and user.unit_id:  # whoever sends the unit's reports
                _add(self.unit_heads.setdefault(user.unit_id, []), user)
            if Capability.FOLLOW_UP_PLANS in capabilities:
                _add(self.office, user)
            if Capability.RECEIVE_DIGEST in capabilities:
                _add(self.leaders, user)

    def reminded_of(self, obligation: Obligation) -> list[User]:
        """The unit heads of the obligation's unit; the office for the agency's own obligations."""
        if obligation.unit_id is None:
            return self.office
        return self.unit_heads.get(obligation.unit_id, [])


def _add(people: list[User], user: User) -> None:
    if all(person.pk != user.pk for person in people):
        people.append(user)


# What the messages say


def site_url() -> str:
    return (getattr(settings, "SITE_URL", "") or DEFAULT_SITE_URL).rstrip("/")


def deadline_phrase(obligation: Obligation) -> str:
    """The date as the plan writes it, and what it means in practice."""
    due = format_date(obligation.due_on)
    if obligation.bound == Deadline.Bound.BEFORE:
        return _(
            "trước ngày {due}, nghĩa là phải hoàn thành chậm nhất trong ngày {last} "
            "(“trước ngày X” là hạn cuối ngày X-1)"
        ).format(due=due, last=format_date(obligation.comply_by))
    if obligation.bound == Deadline.Bound.ON:
        return _("vào ngày {due}").format(due=due)
    return _("chậm nhất hết ngày {due}").format(due=due)


def where_it_stands(obligation: Obligation, today: datetime.date) -> str:
    days_left = (obligation.comply_by - today).days
    if obligation.done_on is not None:
        return _("đã hoàn thành ngày {day}").format(day=format_date(obligation.done_on))
    if days_left > 1:
        return _("còn {n} ngày").format(n=days_left)
    if days_left == 1:
        return _("ngày mai là hạn cuối")
    if days_left == 0:
        return _("hôm nay là hạn cuối")
    return _("đã quá hạn {n} ngày").format(n=-days_left)


def reminder_subject(obligation: Obligation, today: datetime.date) -> str:
    subject = _("[Thi Đua] Nhắc việc ({stands}): {title}").format(
        stands=where_it_stands(obligation, today), title=obligation.title
    )
    return subject if len(subject) <= 250 else subject[:249] + "…"


def reminder_body(obligation: Obligation, today: datetime.date, recipient: User, unit_name: str) -> str:
    lines = [
        _("Kính gửi {name},").format(name=recipient),
        "",
        _("Hệ thống Thi Đua nhắc {who} việc sau:").format(who=unit_name),
        "",
        f"    {obligation.title}",
        "",
        _("Thời hạn: {phrase}.").format(phrase=deadline_phrase(obligation)),
        _("Tình trạng đến ngày {today}: {stands}.").format(
            today=format_date(today), stands=where_it_stands(obligation, today)
        ),
        "",
        _("Xem và thực hiện tại: {url}").format(url=site_url() + obligation.url),
        "",
        "—",
        _(
            "Thư này do hệ thống Thi Đua gửi tự động theo quy tắc nhắc việc của cơ quan; "
            "thư sẽ thôi được gửi khi việc đã hoàn thành. Các thông báo cũng có trong mục Thông báo "
            "của hệ thống."
        ),
    ]
    return "\n".join(lines)


# Phase 1: record what is due


def send_reminders(today: datetime.date | None = None) -> Summary:
    """Record today's reminder steps for every organization, then send every pending e-mail."""
    return record_reminders(today) + send_pending()


def record_reminders(today: datetime.date | None = None) -> Summary:
    """Phase 1 for reminders: the ledger rows and in-app notifications of the steps due today."""
    today = today or timezone.localdate()
    summary = Summary()
    for organization in Organization.objects.order_by("pk"):
        summary += _record_reminders(organization, today)
    return summary


def _record_reminders(organization: Organization, today: datetime.date) -> Summary:
    rule = ReminderRule.for_organization(organization)
    if not rule.is_active:
        return Summary()
    start = today - datetime.timedelta(days=OVERDUE_LOOKBACK_DAYS)
    end = today + datetime.timedelta(days=max(rule.offsets, default=0) + 1)
    calendar = workdays.WorkingCalendar(years=(start.year, end.year))
    people = People(organization)
    unit_names = dict(organization.units.values_list("pk", "name"))
    late_steps: dict[datetime.date, str | None] = {}  # obligations late since the same day share a step
    wanted = []
    for obligation in obligations([organization], start, end):
        if obligation.done_on is not None:
            continue
        recipients = people.reminded_of(obligation)
        if not recipients:
            continue
        if obligation.comply_by < today:
            if obligation.comply_by not in late_steps:
                late_steps[obligation.comply_by] = step_due(obligation, today, rule, calendar)
            step = late_steps[obligation.comply_by]
        else:
            step = step_due(obligation, today, rule, calendar)
        if step is None:
            continue
        unit_name = unit_names.get(obligation.unit_id) or organization.short_name or organization.name
        for recipient in recipients:
            wanted.append((obligation, step, recipient, unit_name))
    if not wanted:
        return Summary()
    return _record(
        organization,
        [
            (
                obligation.key,
                step,
                recipient,
                reminder_subject(obligation, today),
                reminder_body(obligation, today, recipient, unit_name),
                obligation.url,
            )
            for obligation, step, recipient, unit_name in wanted
        ],
    )


def _record(organization: Organization, rows: list[tuple]) -> Summary:
    """Insert the deliveries not in the ledger yet, each with its in-app notification; one transaction.

    rows: (key, step, recipient, subject, body, url).
    """
    summary = Summary()
    try:
        with transaction.atomic():
            done = _already_recorded({row[0] for row in rows})
            new = [row for row in rows if (row[0], row[2].pk, row[1]) not in done]
            deliveries = ReminderDelivery.objects.bulk_create(
                [
                    ReminderDelivery(
                        organization=organization,
                        key=key,
                        recipient=recipient,
                        step=step,
                        subject=subject,
                        body=body,
                    )
                    for key, step, recipient, subject, body, _url in new
                ]
            )
            Notification.objects.bulk_create(
                [
                    Notification(
                        recipient=delivery.recipient,
                        organization=organization,
                        title=delivery.subject.removeprefix("[Thi Đua] "),
                        body=delivery.body,
                        url=url,
                        delivery=delivery,
                    )
                    for delivery, (*_head, url) in zip(deliveries, new, strict=True)
                ]
            )
            summary.notifications = len(new)
    except IntegrityError:
        # An overlapping run recorded the same steps first: it sends them; nothing is lost.
        logger.warning("reminders for %s were recorded by another run", organization)
    return summary


def _already_recorded(keys: Iterable[str]) -> set[tuple[str, int, str]]:
    keys = sorted(keys)
    found: set[tuple[str, int, str]] = set()
    for i in range(0, len(keys), KEY_CHUNK):
        found.update(
            ReminderDelivery.objects.filter(key__in=keys[i : i + KEY_CHUNK]).values_list(
                "key", "recipient_id", "step"
            )
        )
    return found


# The leaders' weekly digest


def digest_step(today: datetime.date) -> str:
    year, week, _weekday = today.isocalendar()
    return f"digest-{year}-W{week:02d}"


def send_digests(today: datetime.date | None = None, *, force: bool = False) -> Summary:
    """On Mondays (any day with force): each leader's weekly digest, once per ISO week; then send."""
    return record_digests(today, force=force) + send_pending()


def record_digests(today: datetime.date | None = None, *, force: bool = False) -> Summary:
    today = today or timezone.localdate()
    summary = Summary()
    if force or today.weekday() == 0:
        for organization in Organization.objects.order_by("pk"):
            summary += _record_digest(organization, today)
    return summary


def digest_content(organization: Organization, today: datetime.date) -> tuple[list, list]:
    """(overdue obligations, most late first; agency-wide snapshots of targets at risk or behind)."""
    start = today - datetime.timedelta(days=OVERDUE_LOOKBACK_DAYS)
    late = [o for o in obligations([organization], start, today) if o.done_on is None and o.comply_by < today]
    late.sort(key=lambda o: (-o.days_late(today), o.title))
    at_risk = list(
        ProgressSnapshot.objects.filter(
            organization=organization,
            unit__isnull=True,
            status__in=[Status.BEHIND.value, Status.AT_RISK.value],
            target__plan__status=Plan.Status.PUBLISHED,
        )
        .select_related("target")
        .order_by("-status", "target__plan_id", "target__position", "target_id")
    )
    return late, at_risk


def digest_body(organization, today, recipient, late, at_risk, unit_names) -> str:
    lines = [
        _("Kính gửi {name},").format(name=recipient),
        "",
        _("Bản tin tuần về thi đua của {organization}, tính đến ngày {today}.").format(
            organization=organization, today=format_date(today)
        ),
        "",
        _("1. Việc quá hạn: {n}").format(n=len(late)),
    ]
    if not late:
        lines.append("    " + _("Không có việc nào quá hạn."))
    else:
        by_unit: dict[int | None, list[Obligation]] = {}
        for obligation in late:
            by_unit.setdefault(obligation.unit_id, []).append(obligation)
        lines.append("    " + _("Theo đơn vị:"))
        for unit_id, items in sorted(
            by_unit.items(), key=lambda pair: (-len(pair[1]), -pair[1][0].days_late(today))
        ):
            lines.append(
                "    - "
                + _("{who}: {n} việc, lâu nhất quá {days} ngày").format(
                    who=unit_names.get(unit_id) or _("Cả cơ quan"),
                    n=len(items),
                    days=items[0].days_late(today),
                )
            )
        lines.append("    " + _("Quá hạn lâu nhất:"))
        for obligation in late[:DIGEST_LIST_LIMIT]:
            lines.append(
                "    - "
                + _("{title} (hạn cuối {last}; quá {n} ngày)").format(
                    title=obligation.title,
                    last=format_date(obligation.comply_by),
                    n=obligation.days_late(today),
                )
            )
        if len(late) > DIGEST_LIST_LIMIT:
            lines.append("    " + _("… và {n} việc khác.").format(n=len(late) - DIGEST_LIST_LIMIT))
    lines += ["", _("2. Chỉ tiêu có nguy cơ hoặc chậm tiến độ: {n}").format(n=len(at_risk))]
    if not at_risk:
        lines.append("    " + _("Không có chỉ tiêu nào có nguy cơ hoặc chậm tiến độ."))
    for snapshot in at_risk[:DIGEST_LIST_LIMIT]:
        text = snapshot.target.text if len(snapshot.target.text) <= 160 else snapshot.target.text[:159] + "…"
        line = f"    - [{snapshot.get_status_display()}] {text}"
        if reason := render_reason(snapshot.reason):
            line += f" — {reason}"
        lines.append(line)
    if len(at_risk) > DIGEST_LIST_LIMIT:
        lines.append("    " + _("… và {n} chỉ tiêu khác.").format(n=len(at_risk) - DIGEST_LIST_LIMIT))
    lines += [
        "",
        _("Xem chi tiết: {url}").format(url=site_url() + reverse("tracking:overview")),
        "",
        "—",
        _("Bản tin do hệ thống Thi Đua gửi tự động vào thứ Hai hằng tuần cho lãnh đạo cơ quan."),
    ]
    return "\n".join(lines)


def _record_digest(organization: Organization, today: datetime.date) -> Summary:
    leaders = People(organization).leaders
    if not leaders:
        return Summary()
    late, at_risk = digest_content(organization, today)
    unit_names = dict(organization.units.values_list("pk", "name"))
    _year, week, _weekday = today.isocalendar()
    subject = _("[Thi Đua] Bản tin tuần {week}: {late} việc quá hạn, {risk} chỉ tiêu cần chú ý").format(
        week=week, late=len(late), risk=len(at_risk)
    )
    url = reverse("tracking:overview")
    summary = _record(
        organization,
        [
            (
                f"digest-org-{organization.pk}",
                digest_step(today),
                leader,
                subject,
                digest_body(organization, today, leader, late, at_risk, unit_names),
                url,
            )
            for leader in leaders
        ],
    )
    summary.digests = summary.notifications
    return summary


# Phase 2: send what is pending


def send_pending(only: list[int] | None = None) -> Summary:
    """E-mail every pending delivery (or those of `only`) and mark it sent, one at a time (a crash loses
    at most one mark)."""
    summary = Summary()
    rows = ReminderDelivery.objects.filter(state=ReminderDelivery.State.PENDING)
    if only is not None:
        rows = rows.filter(pk__in=only)
    pending = list(rows.order_by("pk").values_list("pk", flat=True))
    if not pending:
        return summary
    connection = mail.get_connection()
    failures_in_a_row = 0
    try:
        for pk in pending:
            with transaction.atomic():
                delivery = (
                    ReminderDelivery.objects.select_for_update(skip_locked=True, of=("self",))
                    .select_related("recipient", "organization")
                    .filter(pk=pk, state=ReminderDelivery.State.PENDING)
                    .first()
                )
                if delivery is None:  # sent meanwhile by an overlapping run
                    continue
                address = delivery.recipient.email
                if not address:
                    delivery.state = ReminderDelivery.State.SKIPPED
                    delivery.save(update_fields=["state"])
                    summary.no_address += 1
                    continue
                try:
                    _email(delivery, address, connection)
                except Exception as error:  # a refused message or an unreachable server: retried next run
                    logger.warning("reminder %s not sent: %s", delivery.pk, error)
                    delivery.attempts += 1
                    delivery.last_error = f"{type(error).__name__}: {error}"[:2000]
                    if delivery.attempts >= ReminderDelivery.MAX_ATTEMPTS:
                        delivery.state = ReminderDelivery.State.FAILED
                    delivery.save(update_fields=["attempts", "last_error", "state"])
                    summary.failed += 1
                    failures_in_a_row += 1
                    if failures_in_a_row >= MAX_CONSECUTIVE_FAILURES:
                        summary.failed += len(pending) - pending.index(pk) - 1
                        break
                    continue
                # A crash exactly here (message accepted, row not yet marked) sends this message again.
                failures_in_a_row = 0
                delivery.state = ReminderDelivery.State.SENT
                delivery.sent_at = timezone.now()
                delivery.save(update_fields=["state", "sent_at"])
                summary.emails += 1
    finally:
        connection.close()
    return summary


def _email(delivery: ReminderDelivery, address: str, connection) -> None:
    reply_to = [delivery.organization.email] if delivery.organization.email else None
    message = mail.EmailMessage(
        subject=delivery.subject,
        body=delivery.body,
        to=[address],
        reply_to=reply_to,
        connection=connection,
        headers={"Auto-Submitted": "auto-generated", "X-Thidua-Reminder": f"{delivery.key} {delivery.step}"},
    )
    message.send()
