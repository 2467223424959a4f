"""Every change that gives someone work tells them at once: one in-app notification and one e-mail,
with the link where they act; never the person who made the change; nobody when the change is undone."""

import datetime
import smtplib
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from tests import factories
from tests.engagement.factories import make_feedback, make_rule
from tests.initiatives.conftest import RECEIVED_ON, register
from tests.tracking.test_unit_plans import UNIT_PLAN
from thidua.core.handoffs import in_app_only
from thidua.engagement import services as engagement
from thidua.initiatives import services as initiatives
from thidua.notifications import reminders
from thidua.notifications.models import Notification, ReminderDelivery
from thidua.tracking import services as tracking
from thidua.tracking.unit_plans import unit_plan_confirm_links, unit_plan_submit

SITE = "http://localhost:8000"


@pytest.fixture
def people(cast, settings):
    """The cast, each with an e-mail address."""
    settings.SITE_URL = SITE
    for user in (cast.office, cast.leader, cast.unit_head, cast.staff, cast.enterprise_user):
        user.email = f"{user.username}@example.gov.vn"
        user.save(update_fields=["email"])
    return cast


@pytest.fixture
def told(django_capture_on_commit_callbacks, mailoutbox):
    """Run a change as if its transaction committed (on_commit callbacks run); return its result."""

    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            result = change()
        return result

    return run


def notes(user):
    return list(Notification.objects.filter(recipient=user).values_list("title", "url"))


def mails_to(mailoutbox, user):
    return [message for message in mailoutbox if message.to == [user.email]]


def assert_told_once(mailoutbox, user, url, *, title_has=""):
    (note,) = Notification.objects.filter(recipient=user)
    assert note.url == url and title_has in note.title
    (message,) = mails_to(mailoutbox, user)
    assert message.subject == f"[Thi Đua] {note.title}"
    assert f"{SITE}{url}" in message.body


def assert_not_told(mailoutbox, *users):
    for user in users:
        assert notes(user) == [] and mails_to(mailoutbox, user) == []


# ——— Reports ———


def drafted(cast, assignment, period, writer):
    report = tracking.report_start(assignment=assignment, period=period, user=writer)
    return tracking.report_update(report=report, user=writer, value=Decimal(300))


def test_a_report_sent_tells_the_office(people, housing, q1, told, mailoutbox):
    report = drafted(people, housing, q1, people.staff)
    told(lambda: tracking.report_submit(report=report, user=people.unit_head))
    assert_told_once(mailoutbox, people.office, report.get_absolute_url(), title_has="gửi báo cáo")
    assert_not_told(mailoutbox, people.unit_head, people.staff, people.leader, people.other_office)


def test_a_report_returned_tells_who_wrote_it_and_the_head_with_the_comment(
    people, housing, q1, told, mailoutbox
):
    report = tracking.report_submit(report=drafted(people, housing, q1, people.staff), user=people.unit_head)
    told(lambda: tracking.report_return(report=report, user=people.office, comment="Thiếu biên bản"))
    for user in (people.staff, people.unit_head):
        assert_told_once(mailoutbox, user, report.get_absolute_url(), title_has="bị trả lại")
        assert "Thiếu biên bản" in mails_to(mailoutbox, user)[0].body
    assert Notification.objects.get(recipient=people.staff).body == "Ý kiến của người duyệt: Thiếu biên bản"
    assert_not_told(mailoutbox, people.office, people.leader)


def test_a_report_approved_tells_the_staff_and_the_head(people, housing, q1, told, mailoutbox):
    report = tracking.report_submit(report=drafted(people, housing, q1, people.staff), user=people.unit_head)
    told(lambda: tracking.report_approve(report=report, user=people.office))
    for user in (people.staff, people.unit_head):
        assert_told_once(mailoutbox, user, report.get_absolute_url(), title_has="đã được duyệt")
    assert_not_told(mailoutbox, people.office)


def test_a_staff_member_who_did_not_write_the_report_is_not_told_it_was_returned(
    people, housing, q1, told, mailoutbox
):
    report = tracking.report_submit(
        report=drafted(people, housing, q1, people.unit_head), user=people.unit_head
    )
    told(lambda: tracking.report_return(report=report, user=people.office, comment="Thiếu số liệu"))
    assert_told_once(mailoutbox, people.unit_head, report.get_absolute_url())
    assert_not_told(mailoutbox, people.staff)


def test_a_correction_opened_tells_the_unit(people, housing, q1, told, mailoutbox):
    report = tracking.report_submit(report=drafted(people, housing, q1, people.staff), user=people.unit_head)
    report = tracking.report_approve(report=report, user=people.office)
    correction = told(lambda: tracking.report_correct(report=report, user=people.unit_head))
    assert_told_once(mailoutbox, people.staff, correction.get_absolute_url(), title_has="đính chính")
    assert_not_told(mailoutbox, people.unit_head, people.office)


# ——— Assignments and units' plans ———


def test_a_target_given_tells_the_unit_head(people, told, mailoutbox):
    plan = factories.make_plan(people.org)
    target = factories.make_target(plan)
    (assignment,) = told(
        lambda: tracking.assignments_give(target=target, units=[people.unit], user=people.office)
    )
    assert_told_once(
        mailoutbox, people.unit_head, assignment.get_absolute_url(), title_has="được giao chỉ tiêu"
    )
    assert_not_told(mailoutbox, people.staff, people.office)


def test_several_targets_given_at_once_make_one_message_per_unit(people, told, mailoutbox):
    plan = factories.make_plan(people.org)
    targets = [factories.make_target(plan, text=f"Chỉ tiêu số {n}") for n in (1, 2)]
    wanted = {(target.pk, people.unit.pk): "lead" for target in targets}
    told(lambda: tracking.assignments_sync(plan=plan, wanted=wanted, user=people.office))
    assert_told_once(
        mailoutbox, people.unit_head, f"/theo-doi/don-vi/{people.unit.pk}/", title_has="2 chỉ tiêu"
    )
    note = Notification.objects.get(recipient=people.unit_head)
    assert "Chỉ tiêu số 1" in note.body and "Chỉ tiêu số 2" in note.body


def test_a_unit_plan_sent_tells_the_office_and_received_tells_the_unit_head(people, told, mailoutbox):
    plan = factories.make_plan(people.org)
    factories.make_target(plan, text="Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn đạt từ 99% trở lên")
    upload = SimpleUploadedFile("ke-hoach.txt", UNIT_PLAN.encode())
    unit_plan = told(
        lambda: unit_plan_submit(plan=plan, unit=people.unit, upload=upload, user=people.unit_head)
    )
    assert_told_once(mailoutbox, people.office, unit_plan.get_absolute_url(), title_has="gửi kế hoạch")
    assert_not_told(mailoutbox, people.unit_head)
    link = unit_plan.links.first()
    told(lambda: unit_plan_confirm_links(unit_plan=unit_plan, confirmed={link.pk: None}, user=people.office))
    assert_told_once(mailoutbox, people.unit_head, unit_plan.get_absolute_url(), title_has="đã tiếp nhận")


# ——— Feedback ———


def test_feedback_given_to_a_unit_tells_its_people_and_the_answer_tells_the_enterprise(
    people, told, mailoutbox
):
    make_rule()
    feedback = told(lambda: make_feedback(people.org, people.enterprise, people.enterprise_user))
    assert_told_once(mailoutbox, people.office, feedback.get_absolute_url(), title_has="Phản ánh")
    told(lambda: engagement.feedback_assign(feedback=feedback, unit=people.unit, user=people.office))
    for user in (people.unit_head, people.staff):
        assert_told_once(mailoutbox, user, feedback.get_absolute_url(), title_has="được giao trả lời")
    assert_not_told(mailoutbox, people.enterprise_user)
    told(lambda: engagement.feedback_answer(feedback=feedback, answer="Đã cấp phép.", user=people.staff))
    assert_told_once(
        mailoutbox, people.enterprise_user, feedback.get_absolute_url(), title_has="đã được trả lời"
    )
    assert len(notes(people.office)) == 1 and len(notes(people.staff)) == 1


# ——— Initiatives ———


def test_each_step_of_an_initiative_tells_the_next_actor_and_the_authors(people, council, told, mailoutbox):
    initiative = register(people)  # by the staff member, its author
    url = initiative.get_absolute_url()
    told(lambda: initiatives.initiative_submit(initiative=initiative, user=people.staff))
    assert notes(people.unit_head) == [(f"Sáng kiến chờ {people.unit} xác nhận: {initiative.title}", url)]
    assert_not_told(mailoutbox, people.staff, people.office)

    told(lambda: initiatives.initiative_endorse(initiative=initiative, user=people.unit_head))
    assert_told_once(mailoutbox, people.office, url, title_has="đã xác nhận")
    assert len(notes(people.staff)) == 1  # the author follows it
    assert len(notes(people.unit_head)) == 1

    told(
        lambda: initiatives.initiative_receive(
            initiative=initiative, user=people.office, received_on=RECEIVED_ON, council=council
        )
    )
    for member in (people.leader, people.specialist):
        assert [title for title, _url in notes(member)] == [
            f"Sáng kiến đã được tiếp nhận, chờ hội đồng xét: {initiative.title}"
        ]
    assert len(notes(people.office)) == 1 and len(notes(people.staff)) == 2

    for member in (people.leader, people.specialist, people.office):
        initiatives.council_vote(initiative=initiative, user=member, in_favour=True)
    told(
        lambda: initiatives.initiative_decide(
            initiative=initiative,
            user=people.leader,
            decision_number="15/QĐ-SXD",
            decision_date=datetime.date(2026, 3, 1),
        )
    )
    assert notes(people.staff)[0] == (f"Sáng kiến được công nhận: {initiative.title}", url)
    assert notes(people.unit_head)[0][0].startswith("Sáng kiến được công nhận")
    assert len(notes(people.leader)) == 1  # the one who decided is not told of it
    assert len(mails_to(mailoutbox, people.staff)) == 3


# ——— Delivery ———


def test_a_change_rolled_back_tells_nobody(
    people, housing, q1, django_capture_on_commit_callbacks, mailoutbox
):
    report = drafted(people, housing, q1, people.staff)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        tracking.report_submit(report=report, user=people.unit_head)
        raise RuntimeError("mất điện")
    assert callbacks == [] and not Notification.objects.exists() and mailoutbox == []
    assert not ReminderDelivery.objects.exists()


def test_someone_without_an_e_mail_address_is_told_in_the_app_only(people, housing, q1, told, mailoutbox):
    people.office.email = ""
    people.office.save(update_fields=["email"])
    report = drafted(people, housing, q1, people.staff)
    told(lambda: tracking.report_submit(report=report, user=people.unit_head))
    assert len(notes(people.office)) == 1 and mailoutbox == []
    assert ReminderDelivery.objects.get(recipient=people.office).state == ReminderDelivery.State.SKIPPED


def test_an_inactive_account_is_not_told(people, housing, q1, told, mailoutbox):
    people.office.is_active = False
    people.office.save(update_fields=["is_active"])
    report = drafted(people, housing, q1, people.staff)
    told(lambda: tracking.report_submit(report=report, user=people.unit_head))
    assert_not_told(mailoutbox, people.office)


def test_in_app_only_sends_no_e_mail(people, housing, q1, told, mailoutbox):
    report = drafted(people, housing, q1, people.staff)
    with in_app_only():
        told(lambda: tracking.report_submit(report=report, user=people.unit_head))
    assert len(notes(people.office)) == 1 and mailoutbox == []


def test_an_e_mail_the_server_refuses_is_sent_by_the_next_remind_run(
    people, housing, q1, told, mailoutbox, monkeypatch
):
    real_email = reminders._email

    def refuse(delivery, address, connection):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(reminders, "_email", refuse)
    report = drafted(people, housing, q1, people.staff)
    told(lambda: tracking.report_submit(report=report, user=people.unit_head))  # the change stands
    assert len(notes(people.office)) == 1 and mailoutbox == []
    assert ReminderDelivery.objects.get(recipient=people.office).state == ReminderDelivery.State.PENDING
    monkeypatch.setattr(reminders, "_email", real_email)
    assert reminders.send_pending().emails == 1
    assert [message.to for message in mailoutbox] == [[people.office.email]]
