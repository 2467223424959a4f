import datetime
import smtplib
from io import StringIO

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests import factories
from thidua.core import workdays
from thidua.core.models import DayOff
from thidua.notifications import reminders
from thidua.notifications.calendar import Obligation
from thidua.notifications.models import Notification, ReminderDelivery, ReminderRule
from thidua.org.roles import Role
from thidua.plans.models import Deadline
from thidua.tracking.models import ProgressSnapshot
from thidua.tracking.unit_plans import unit_plan_submit

D = datetime.date
DUE_ON = D(2026, 8, 30)  # "trước ngày 30/8/2026": the last day is Saturday 29/8/2026
# 31/8 (swapped for the make-up Saturday 22/8), 1/9 and 2/9 are days off: the working days after 29/8
# are 3/9, 4/9, 7/9 | 8/9, 9/9, 10/9 | 11/9, 14/9, 15/9 | 16/9, 17/9, 18/9 | …
EXPECTED_STEPS = {
    "before-7": D(2026, 8, 22),
    "before-1": D(2026, 8, 28),
    "due": D(2026, 8, 29),
    "overdue-1": D(2026, 9, 7),
    "overdue-2": D(2026, 9, 10),
    "overdue-3": D(2026, 9, 15),
    "overdue-4": D(2026, 9, 18),
    "overdue-5": D(2026, 9, 23),
    "overdue-6": D(2026, 9, 28),
}


def days(first: datetime.date, last: datetime.date):
    day = first
    while day <= last:
        yield day
        day += datetime.timedelta(days=1)


@pytest.fixture
def plan(cast):
    cast.unit_head.email = "truongphong@example.vn"
    cast.unit_head.save()
    cast.leader.email = "giamdoc@example.vn"
    cast.leader.save()
    plan = factories.make_plan(cast.org)
    factories.make_deadline(plan, kind=Deadline.Kind.UNIT_PLAN, due_on=DUE_ON, bound=Deadline.Bound.BEFORE)
    return plan


def unit_head_deliveries(cast):
    return ReminderDelivery.objects.filter(recipient=cast.unit_head)


def remind(day: datetime.date, *extra: str) -> str:
    out = StringIO()
    call_command("remind", "--today", day.isoformat(), *extra, stdout=out)
    return out.getvalue()


def test_running_twice_sends_and_creates_nothing_twice(cast, plan):
    output = remind(D(2026, 8, 22))
    assert "đã tạo 1 thông báo" in output and "đã gửi 1 thư điện tử" in output
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["truongphong@example.vn"]
    assert "Phòng Phát triển đô thị: gửi kế hoạch thực hiện" in message.subject
    assert "còn 7 ngày" in message.subject
    assert "trước ngày 30/08/2026" in message.body and "chậm nhất trong ngày 29/08/2026" in message.body
    assert "“trước ngày X” là hạn cuối ngày X-1" in message.body
    assert "http://localhost:8000" + reverse("tracking:unit_plans", args=[plan.pk]) in message.body
    assert Notification.objects.filter(recipient=cast.unit_head).count() == 1
    delivery = unit_head_deliveries(cast).get()
    assert (delivery.step, delivery.state) == ("before-7", ReminderDelivery.State.SENT)
    assert delivery.sent_at is not None and delivery.notification.recipient == cast.unit_head

    output = remind(D(2026, 8, 22))
    assert "đã tạo 0 thông báo" in output and "đã gửi 0 thư điện tử" in output
    assert len(mail.outbox) == 1
    assert Notification.objects.count() == 1 and ReminderDelivery.objects.count() == 1
    remind(D(2026, 8, 23))  # still "before-7": already sent
    assert len(mail.outbox) == 1 and ReminderDelivery.objects.count() == 1


def test_a_late_unit_is_reminded_exactly_once_per_step_day_by_day(cast, plan):
    sent_on: dict[str, list[datetime.date]] = {}
    emails_before = 0
    for day in days(D(2026, 8, 1), D(2026, 9, 30)):
        before = set(unit_head_deliveries(cast).values_list("step", flat=True))
        reminders.send_reminders(day)
        reminders.send_reminders(day)  # a second run the same day changes nothing
        for step in set(unit_head_deliveries(cast).values_list("step", flat=True)) - before:
            sent_on.setdefault(step, []).append(day)
        assert len(mail.outbox) - emails_before == len(
            set(unit_head_deliveries(cast).values_list("step", flat=True)) - before
        )
        emails_before = len(mail.outbox)
    assert sent_on == {step: [day] for step, day in EXPECTED_STEPS.items()}
    assert ReminderDelivery.objects.exclude(recipient=cast.unit_head).count() == 0  # no unit head, no one
    assert Notification.objects.filter(recipient=cast.unit_head).count() == len(EXPECTED_STEPS)
    assert all(m.to == ["truongphong@example.vn"] for m in mail.outbox)
    assert "đã quá hạn 30 ngày" in mail.outbox[-1].subject

    unit_plan_submit(
        plan=plan, unit=cast.unit, upload=SimpleUploadedFile("kh.txt", b"KE HOACH"), user=cast.unit_head
    )
    for day in days(D(2026, 10, 1), D(2026, 10, 20)):
        reminders.send_reminders(day)
    assert unit_head_deliveries(cast).count() == len(EXPECTED_STEPS)  # met: no more reminders


def test_a_missed_run_catches_up_with_the_latest_step_only(cast, plan):
    reminders.send_reminders(D(2026, 8, 26))  # the first run: 3 days left, the 7-day step's time has come
    reminders.send_reminders(D(2026, 9, 16))  # nothing ran for three weeks
    steps = list(unit_head_deliveries(cast).order_by("pk").values_list("step", flat=True))
    assert steps == ["before-7", "overdue-3"]
    assert len(mail.outbox) == 2


def obligation(comply_by: datetime.date, done_on=None) -> Obligation:
    return Obligation(
        key="deadline-1-unit-1",
        kind="unit_plan",
        title="Gửi kế hoạch",
        due_on=comply_by,
        bound=Deadline.Bound.BY_END,
        organization_id=1,
        plan_id=1,
        unit_id=1,
        url="/",
        done_on=done_on,
    )


def overdue_steps(comply_by, last, rule, calendar):
    found = {}
    for day in days(comply_by, last):
        step = reminders.step_due(obligation(comply_by), day, rule, calendar)
        if step and step.startswith("overdue") and step not in found:
            found[step] = day
    return found


def test_the_overdue_cadence_counts_working_days_only():
    rule = ReminderRule(days_before=[7, 1], overdue_every_working_days=3)
    calendar = workdays.WorkingCalendar({})  # the library's holidays, no DayOff rows
    # Late from Friday 22/5/2026: the weekends do not count.
    assert overdue_steps(D(2026, 5, 22), D(2026, 6, 5), rule, calendar) == {
        "overdue-1": D(2026, 5, 27),
        "overdue-2": D(2026, 6, 1),
        "overdue-3": D(2026, 6, 4),
    }
    # Late from Wednesday 3/2/2027: 4/2–10/2 is Tết Đinh Mùi, the first reminder waits until 15/2.
    assert overdue_steps(D(2027, 2, 3), D(2027, 2, 20), rule, calendar) == {
        "overdue-1": D(2027, 2, 15),
        "overdue-2": D(2027, 2, 18),
    }
    # A Saturday worked in exchange (22/8/2026) counts; the Monday given for it (31/8) does not.
    rule.overdue_every_working_days = 1
    assert overdue_steps(D(2026, 8, 21), D(2026, 8, 24), rule, calendar) == {
        "overdue-1": D(2026, 8, 22),
        "overdue-2": D(2026, 8, 24),
    }
    assert overdue_steps(D(2026, 8, 28), D(2026, 9, 3), rule, calendar) == {"overdue-1": D(2026, 9, 3)}


def test_before_steps_take_the_nearest_reached_and_stop_when_done():
    rule = ReminderRule(days_before=[1, 7, 3])
    comply_by = D(2026, 8, 29)
    steps = {
        day: reminders.step_due(obligation(comply_by), day, rule) for day in days(D(2026, 8, 20), comply_by)
    }
    assert steps[D(2026, 8, 21)] is None
    assert steps[D(2026, 8, 22)] == steps[D(2026, 8, 25)] == "before-7"
    assert steps[D(2026, 8, 26)] == steps[D(2026, 8, 27)] == "before-3"
    assert steps[D(2026, 8, 28)] == "before-1"
    assert steps[comply_by] == "due"
    assert reminders.step_due(obligation(comply_by, done_on=D(2026, 8, 1)), D(2026, 9, 20), rule) is None


def new_steps_by_day(run, recipient, first, last) -> dict[str, list[datetime.date]]:
    """Run `run(day)` for each day; which steps were recorded for `recipient`, on which days."""
    found: dict[str, list[datetime.date]] = {}
    for day in days(first, last):
        before = set(ReminderDelivery.objects.filter(recipient=recipient).values_list("step", flat=True))
        run(day)
        after = set(ReminderDelivery.objects.filter(recipient=recipient).values_list("step", flat=True))
        for step in after - before:
            found.setdefault(step, []).append(day)
    return found


def test_an_office_day_off_moves_the_overdue_reminders(cast, plan):
    DayOff.objects.create(date=D(2026, 9, 4), kind=DayOff.Kind.HOLIDAY, name="Nghỉ thêm (thử)")
    # Working days after 29/8: 3/9, 7/9, 8/9 | 9/9, 10/9, 11/9.
    assert new_steps_by_day(reminders.send_reminders, cast.unit_head, D(2026, 9, 1), D(2026, 9, 14)) == {
        "overdue-1": [D(2026, 9, 8)],
        "overdue-2": [D(2026, 9, 11)],
    }


def test_a_rule_per_organization(cast, plan):
    rule = ReminderRule.for_organization(cast.org)
    assert (rule.days_before, rule.overdue_every_working_days, rule.is_active) == ([7, 1], 3, True)
    rule.days_before = [10]
    rule.save()
    reminders.send_reminders(D(2026, 8, 19))
    assert list(unit_head_deliveries(cast).values_list("step", flat=True)) == ["before-10"]
    rule.is_active = False
    rule.save()
    reminders.send_reminders(D(2026, 8, 29))
    assert unit_head_deliveries(cast).count() == 1
    assert ReminderRule.for_organization(cast.other_org).days_before == [7, 1]


def test_agency_obligations_go_to_the_office_and_nobody_is_reminded_twice_across_units(cast):
    cast.office.email = "vanphong@example.vn"
    cast.office.save()
    plan = factories.make_plan(cast.org)
    factories.make_deadline(
        plan, kind=Deadline.Kind.INTERIM, due_on=D(2026, 9, 10), bound=Deadline.Bound.BEFORE, text="Sơ kết"
    )
    reminders.send_reminders(D(2026, 9, 8))
    assert [m.to for m in mail.outbox] == [["vanphong@example.vn"]]
    assert "Sơ kết" in mail.outbox[0].subject and "ngày mai là hạn cuối" in mail.outbox[0].subject


class Crash(BaseException):
    """The process dying (killed, power cut) in the middle of sending."""


@pytest.fixture
def many_units(cast, plan):
    heads = [cast.unit_head]
    for n in range(3):
        unit = factories.make_unit(cast.org, f"Phòng thử {n}")
        heads.append(factories.make_user(cast.org, Role.UNIT_HEAD, unit=unit, email=f"tp{n}@example.vn"))
    return heads


def test_a_crash_midway_loses_nothing_and_sends_nothing_twice(cast, many_units, monkeypatch):
    real_email = reminders._email
    calls = []

    def crash_on_the_second(delivery, address, connection):
        calls.append(address)
        if len(calls) == 2:
            raise Crash
        real_email(delivery, address, connection)

    monkeypatch.setattr(reminders, "_email", crash_on_the_second)
    with pytest.raises(Crash):
        remind(D(2026, 8, 22))
    assert len(mail.outbox) == 1
    assert Notification.objects.count() == 4  # phase 1 was committed whole before sending began
    assert ReminderDelivery.objects.filter(state=ReminderDelivery.State.PENDING).count() == 3

    monkeypatch.setattr(reminders, "_email", real_email)
    output = remind(D(2026, 8, 22))
    assert "đã tạo 0 thông báo" in output and "đã gửi 3 thư điện tử" in output
    assert sorted(m.to[0] for m in mail.outbox) == sorted(head.email for head in many_units)
    assert Notification.objects.count() == 4
    assert not ReminderDelivery.objects.exclude(state=ReminderDelivery.State.SENT).exists()
    remind(D(2026, 8, 23))
    assert len(mail.outbox) == 4


def test_a_failing_mail_server_leaves_the_message_pending_for_the_next_run(cast, many_units, monkeypatch):
    real_email = reminders._email
    calls = []

    def refuse_the_second(delivery, address, connection):
        calls.append(address)
        if len(calls) == 2:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        real_email(delivery, address, connection)

    monkeypatch.setattr(reminders, "_email", refuse_the_second)
    with pytest.raises(CommandError, match="1 thư chưa gửi được"):
        remind(D(2026, 8, 22))
    assert len(mail.outbox) == 3
    failed = ReminderDelivery.objects.get(state=ReminderDelivery.State.PENDING)
    assert failed.attempts == 1 and "SMTPServerDisconnected" in failed.last_error

    monkeypatch.setattr(reminders, "_email", real_email)
    remind(D(2026, 8, 23))
    assert sorted(m.to[0] for m in mail.outbox) == sorted(head.email for head in many_units)


def test_a_refused_address_is_given_up_after_many_attempts(cast, plan, monkeypatch):
    def refuse(delivery, address, connection):
        raise smtplib.SMTPRecipientsRefused({address: (550, b"No such user")})

    monkeypatch.setattr(reminders, "_email", refuse)
    summary = reminders.send_reminders(D(2026, 8, 22))
    assert (summary.notifications, summary.emails, summary.failed) == (1, 0, 1)
    delivery = unit_head_deliveries(cast).get()
    delivery.attempts = ReminderDelivery.MAX_ATTEMPTS - 1
    delivery.save()
    reminders.send_pending()
    delivery.refresh_from_db()
    assert delivery.state == ReminderDelivery.State.FAILED and "550" in delivery.last_error
    assert reminders.send_pending().failed == 0  # not retried any more


def test_recipients_without_an_address_get_the_in_app_notification_only(cast, plan):
    cast.unit_head.email = ""
    cast.unit_head.save()
    output = remind(D(2026, 8, 22))
    assert mail.outbox == []
    assert "1 người nhận chưa có địa chỉ thư điện tử" in output
    assert unit_head_deliveries(cast).get().state == ReminderDelivery.State.SKIPPED
    assert Notification.objects.for_user(cast.unit_head).unread().count() == 1


def test_the_file_backend_writes_the_emails_into_the_folder(cast, plan, settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    remind(D(2026, 8, 28))
    files = list(tmp_path.iterdir())
    assert len(files) == 1
    content = files[0].read_bytes().decode()
    assert "To: truongphong@example.vn" in content
    assert "29/08/2026" in content


@pytest.fixture
def at_risk_target(cast, plan):
    target = factories.make_target(plan, text="Tỷ lệ hồ sơ giải quyết đúng hạn đạt từ 99% trở lên")
    ProgressSnapshot.objects.update_or_create(
        target=target,
        unit=None,
        defaults={
            "organization": cast.org,
            "status": "at_risk",
            "reason": {"code": "no_data", "params": {}},
            "computed_on": D(2026, 9, 1),
        },
    )
    return target


def test_leaders_get_a_weekly_digest_once_a_week(cast, at_risk_target):
    def run_twice(day):
        reminders.send_digests(day)
        reminders.send_digests(day)

    assert new_steps_by_day(run_twice, cast.leader, D(2026, 8, 30), D(2026, 9, 20)) == {
        "digest-2026-W36": [D(2026, 8, 31)],
        "digest-2026-W37": [D(2026, 9, 7)],
        "digest-2026-W38": [D(2026, 9, 14)],
    }
    assert len(mail.outbox) == 3 and all(m.to == ["giamdoc@example.vn"] for m in mail.outbox)
    assert ReminderDelivery.objects.exclude(recipient=cast.leader).count() == 0  # leaders only
    body = mail.outbox[1].body
    assert "Phòng Phát triển đô thị: gửi kế hoạch thực hiện" in body and "quá 9 ngày" in body
    assert "[Có nguy cơ] Tỷ lệ hồ sơ giải quyết đúng hạn" in body
    assert "Chưa có số liệu cho kỳ đã kết thúc." in body  # the reason, in words
    assert "Bản tin tuần 37" in mail.outbox[1].subject
    assert Notification.objects.for_user(cast.leader).count() == 3

    def to_leader():
        return [m for m in mail.outbox if m.to == ["giamdoc@example.vn"]]

    remind(D(2026, 9, 16), "--digest")  # forced, but week 38's digest has gone out already
    assert len(to_leader()) == 3
    remind(D(2026, 9, 23))  # a Wednesday: only when asked
    assert len(to_leader()) == 3
    remind(D(2026, 9, 23), "--digest")
    assert len(to_leader()) == 4
    assert ReminderDelivery.objects.filter(recipient=cast.leader, step="digest-2026-W39").exists()


def test_a_quiet_week_still_tells_the_leaders_so(cast):
    cast.leader.email = "giamdoc@example.vn"
    cast.leader.save()
    remind(D(2026, 9, 7))
    assert len(mail.outbox) == 1
    assert "Không có việc nào quá hạn." in mail.outbox[0].body
    assert "Không có chỉ tiêu nào có nguy cơ hoặc chậm tiến độ." in mail.outbox[0].body
