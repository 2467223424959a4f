"""Tasks hand work on at once: a task given reaches the unit, a completion the office, a return or a
confirmation the unit again; each in the bell and by e-mail, with the task's link."""

import datetime

import pytest

from tests.notifications.test_handoffs import SITE, assert_not_told, assert_told_once, mails_to, notes
from tests.tasks.test_import import GOOD, _workbook
from tests.tasks.test_tasks import handed_down
from thidua.notifications.models import Notification
from thidua.tasks import excel, services
from thidua.tasks.models import Task

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def people(cast, settings):
    settings.SITE_URL = SITE
    for user in (cast.office, cast.leader, cast.head, cast.staff, cast.other_head):
        user.email = f"{user.username}@example.gov.vn"
        user.save(update_fields=["email"])
    return cast


def done(people, task, by):
    return services.task_report(
        task=task,
        status=Task.Status.DONE,
        result="Đã trình UBND tỉnh",
        completed_on=D(2026, 9, 20),
        reported_on=D(2026, 9, 21),
        user=by,
    )


def test_a_task_given_tells_the_lead_units_people_and_the_coordinating_units_head(people, told, mailoutbox):
    task = told(
        lambda: services.task_create(
            organization=people.org,
            title="Rà soát quy hoạch chung đô thị",
            lead_unit=people.unit,
            coordinating_units=[people.other_unit],
            due_on=D(2026, 10, 30),
            user=people.office,
        )
    )
    url = task.get_absolute_url()
    for user in (people.head, people.staff):
        assert_told_once(mailoutbox, user, url, title_has="được giao nhiệm vụ: Rà soát quy hoạch chung")
    assert "hạn 30/10/2026" in mails_to(mailoutbox, people.staff)[0].body
    assert_told_once(mailoutbox, people.other_head, url, title_has="phối hợp thực hiện nhiệm vụ")
    assert_not_told(mailoutbox, people.office, people.leader)


def test_the_office_registering_a_task_handed_down_tells_the_unit_from_the_form(
    people, told, client, mailoutbox
):
    client.force_login(people.office)
    data = {
        "document_number": "1688/UBND-CN",
        "document_date": "05/08/2026",
        "issuer": "UBND tỉnh",
        "title": "Báo cáo tình hình phát triển đô thị",
        "lead_unit": people.unit.pk,
        "due_on": "30/09/2026",
    }
    response = told(lambda: client.post("/nhiem-vu/duoc-giao/moi/", data))
    task = Task.objects.get()
    assert response.status_code == 302
    assert_told_once(mailoutbox, people.head, task.get_absolute_url(), title_has="được giao nhiệm vụ")


def test_a_recurring_task_makes_one_message_linking_its_first_occurrence(people, told, mailoutbox):
    tasks = told(
        lambda: services.task_series_create(
            organization=people.org,
            title="Báo cáo kết quả phong trào",
            lead_unit=people.unit,
            recurrence=Task.Recurrence.QUARTERLY,
            starts_on=D(2026, 7, 1),
            until=D(2026, 12, 31),
            user=people.office,
        )
    )
    assert_told_once(mailoutbox, people.head, tasks[0].get_absolute_url(), title_has="định kỳ (2 kỳ)")
    body = Notification.objects.get(recipient=people.head).body
    assert "hạn 30/09/2026" in body and "hạn 31/12/2026" in body


def test_a_workbook_of_tasks_makes_one_message_per_unit_linking_its_board(people, told, client, mailoutbox):
    preview = excel.parse_workbook(_workbook(*GOOD), people.org)
    assert told(lambda: excel.apply_import(preview, people.office)) == 2
    url = f"/nhiem-vu/?lead_unit={people.unit.pk}"
    assert_told_once(mailoutbox, people.staff, url, title_has="được giao 2 nhiệm vụ")
    client.force_login(people.staff)
    page = client.get(url).content.decode()
    assert "Rà soát danh mục dự án nhà ở xã hội" in page and "Báo cáo phát triển đô thị 6 tháng" in page


def test_a_units_own_task_tells_its_staff_not_the_head_who_added_it(people, told, mailoutbox):
    parent = handed_down(people, D(2026, 12, 31))
    child = told(
        lambda: services.unit_task_create(
            parent=parent, user=people.head, title="Số hóa hồ sơ quy hoạch", due_on=D(2026, 11, 30)
        )
    )
    assert_told_once(mailoutbox, people.staff, child.get_absolute_url(), title_has="Số hóa hồ sơ")
    assert_not_told(mailoutbox, people.head, people.office)


def test_a_completion_tells_the_office_and_a_progress_report_only_who_gave_the_task(people, told, mailoutbox):
    parent = handed_down(people, D(2026, 12, 31))
    child = services.unit_task_create(
        parent=parent, user=people.head, title="Số hóa hồ sơ", due_on=D(2026, 11, 30)
    )
    told(
        lambda: services.task_report(
            task=child, status=Task.Status.IN_PROGRESS, result="Đã số hóa 40% hồ sơ", user=people.staff
        )
    )
    assert_told_once(mailoutbox, people.head, child.get_absolute_url(), title_has="(đang thực hiện)")
    assert_not_told(mailoutbox, people.office, people.staff)

    told(lambda: done(people, parent, people.staff))
    assert_told_once(mailoutbox, people.office, parent.get_absolute_url(), title_has="báo cáo hoàn thành")
    assert "Hoàn thành ngày 20/09/2026" in mails_to(mailoutbox, people.office)[0].body
    assert len(notes(people.head)) == 1 and notes(people.staff) == []


def test_a_completion_returned_tells_who_reported_it_and_the_head_with_the_reason(people, told, mailoutbox):
    task = handed_down(people, D(2026, 9, 30))
    done(people, task, people.staff)
    told(lambda: services.task_return(task=task, user=people.office, comment="Thiếu văn bản trình"))
    for user in (people.staff, people.head):
        assert_told_once(mailoutbox, user, task.get_absolute_url(), title_has="bị trả lại")
        assert "Ý kiến của Văn phòng Sở: Thiếu văn bản trình" in mails_to(mailoutbox, user)[0].body
    assert_not_told(mailoutbox, people.office, people.other_head)


def test_a_completion_confirmed_tells_who_reported_it_and_the_head(people, told, mailoutbox):
    task = handed_down(people, D(2026, 9, 30))
    done(people, task, people.head)
    told(lambda: services.task_confirm(task=task, user=people.office, confirmed_on=D(2026, 9, 22)))
    assert_told_once(mailoutbox, people.head, task.get_absolute_url(), title_has="đã xác nhận hoàn thành")
    assert_not_told(mailoutbox, people.staff, people.office)  # the staff member did not report it
