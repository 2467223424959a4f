"""Tasks: who reports, the on-time indicator on both sides of a deadline, recurrence, plan lines."""

import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from tests import factories
from thidua.notifications.calendar import obligations
from thidua.plans.models import Responsibility, Section, Target
from thidua.tasks import services
from thidua.tasks.indicators import HANDED_DOWN_ON_TIME, on_time
from thidua.tasks.models import Task, TaskReport
from thidua.tracking.models import ProgressSnapshot
from thidua.tracking.standing import refresh_target

pytestmark = pytest.mark.django_db
D = datetime.date
# 05/9/2026 is a Saturday: the deadline of a task due that day is Monday 07/9/2026.
SATURDAY, MONDAY, TUESDAY = D(2026, 9, 5), D(2026, 9, 7), D(2026, 9, 8)


def handed_down(cast, due_on, *, unit=None, title="Báo cáo tình hình phát triển đô thị") -> Task:
    return services.task_create(
        organization=cast.org,
        source=Task.Source.HANDED_DOWN,
        title=title,
        lead_unit=unit or cast.unit,
        due_on=due_on,
        document_number="1688/UBND-CN",
        document_date=D(2026, 8, 5),
        issuer="UBND tỉnh",
        user=cast.office,
    )


def done(cast, task, on: datetime.date) -> Task:
    services.task_report(
        task=task,
        status=Task.Status.DONE,
        result="Đã gửi báo cáo",
        completed_on=on,
        reported_on=on,
        user=cast.head,
    )
    task.refresh_from_db()
    return task


# ——— Reporting: only the lead unit, never another agency ———


def test_the_lead_unit_reports_and_the_task_keeps_its_history(cast, client):
    task = handed_down(cast, D(2026, 9, 30))
    client.force_login(cast.staff)
    response = client.post(
        f"/nhiem-vu/{task.pk}/bao-cao/",
        {"status": "done", "completed_on": "20/09/2026", "result": "Đã trình UBND tỉnh"},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == Task.Status.DONE and task.completed_on == D(2026, 9, 20)
    assert task.history.count() == 2 and task.history.first().history_change_reason.startswith("Báo cáo")
    assert TaskReport.objects.get(task=task).reported_by == cast.staff


def test_another_unit_cannot_report_and_nothing_changes(cast, client):
    task = handed_down(cast, D(2026, 9, 30))
    client.force_login(cast.other_head)
    response = client.post(
        f"/nhiem-vu/{task.pk}/bao-cao/", {"status": "done", "completed_on": "20/09/2026", "result": "x"}
    )
    assert response.status_code == 404  # it does not even see the task
    task.refresh_from_db()
    assert task.status == Task.Status.NOT_STARTED and not TaskReport.objects.exists()


def test_a_coordinating_unit_sees_the_task_but_does_not_report(cast, client):
    task = handed_down(cast, D(2026, 9, 30))
    task.coordinating_units.set([cast.other_unit])
    client.force_login(cast.other_head)
    assert client.get(f"/nhiem-vu/{task.pk}/").status_code == 200
    response = client.post(
        f"/nhiem-vu/{task.pk}/bao-cao/", {"status": "done", "completed_on": "20/09/2026", "result": "x"}
    )
    assert response.status_code == 403
    assert not TaskReport.objects.exists()


def test_another_agency_gets_404(cast, client):
    task = handed_down(cast, D(2026, 9, 30))
    client.force_login(cast.outsider)
    assert client.get(f"/nhiem-vu/{task.pk}/").status_code == 404
    assert client.post(f"/nhiem-vu/{task.pk}/bao-cao/", {"status": "done", "result": "x"}).status_code == 404
    assert not TaskReport.objects.exists()


def test_the_office_confirms_and_the_unit_can_no_longer_report(cast):
    task = done(cast, handed_down(cast, D(2026, 9, 30)), D(2026, 9, 20))
    assert task.confirmable_by(cast.office) and not task.confirmable_by(cast.leader)
    services.task_confirm(task=task, user=cast.office)
    task.refresh_from_db()
    assert task.confirmed_by == cast.office and not task.reportable_by(cast.head)
    with pytest.raises(services.TaskError):
        services.task_report(task=task, status=Task.Status.IN_PROGRESS, result="x", user=cast.head)


def test_a_completion_needs_its_date(cast):
    task = handed_down(cast, D(2026, 9, 30))
    with pytest.raises(services.TaskError):
        services.task_report(task=task, status=Task.Status.DONE, result="x", user=cast.head)


# ——— On time, judged on the Vietnamese working-day calendar ———


def test_a_due_date_on_a_saturday_moves_to_monday(cast):
    task = handed_down(cast, SATURDAY)
    assert task.deadline() == MONDAY


@pytest.mark.parametrize(
    ("completed_on", "timing", "on_time_count"),
    [
        (D(2026, 9, 4), Task.Timing.EARLY, 1),
        (MONDAY, Task.Timing.ON_TIME, 1),  # the next working day after a Saturday due date
        (TUESDAY, Task.Timing.LATE, 0),
    ],
)
def test_the_indicator_on_both_sides_of_the_deadline(cast, completed_on, timing, on_time_count):
    task = done(cast, handed_down(cast, SATURDAY), completed_on)
    assert task.timing(D(2026, 12, 1)) == timing
    figure = on_time(cast.org.pk, D(2026, 1, 1), D(2026, 12, 31))
    assert len(figure.counted) == 1 and len(figure.on_time) == on_time_count
    assert figure.rate == Decimal(100 * on_time_count)


def test_an_open_task_counts_only_once_its_deadline_has_passed(cast):
    handed_down(cast, SATURDAY)
    # By the end of the Saturday it is due, it is still in time: the deadline is Monday.
    assert on_time(cast.org.pk, D(2026, 1, 1), SATURDAY).counted == []
    late = on_time(cast.org.pk, D(2026, 1, 1), MONDAY)
    assert len(late.counted) == 1 and late.rate == 0


def test_a_task_done_early_counts_before_its_due_date(cast):
    done(cast, handed_down(cast, D(2026, 12, 31)), D(2026, 9, 1))
    assert on_time(cast.org.pk, D(2026, 1, 1), D(2026, 9, 30)).rate == 100


def test_only_tasks_handed_down_and_the_units_own_count(cast):
    handed_down(cast, D(2026, 3, 31), unit=cast.other_unit)
    services.task_create(
        organization=cast.org,
        title="Việc của kế hoạch",
        lead_unit=cast.unit,
        due_on=D(2026, 3, 31),
        user=cast.office,
    )
    assert len(on_time(cast.org.pk, D(2026, 1, 1), D(2026, 6, 30)).counted) == 1
    assert on_time(cast.org.pk, D(2026, 1, 1), D(2026, 6, 30), unit=cast.unit).counted == []


def test_the_target_is_measured_from_the_register(cast):
    plan = factories.make_plan(cast.org)
    target = factories.make_target(
        plan,
        text="100% nhiệm vụ UBND tỉnh, Chủ tịch UBND tỉnh giao được tham mưu, tổ chức thực hiện sớm "
        "và trước thời hạn giao",
        comparator=Target.Comparator.EQ,
        value=Decimal(100),
        measurement=Target.Measurement.COMPUTED,
        indicator=HANDED_DOWN_ON_TIME,
    )
    handed_down(cast, D(2026, 8, 14), title="Nhiệm vụ cũ")  # never done: a miss
    task = handed_down(cast, D(2026, 9, 25))
    refresh_target(target, today=D(2026, 12, 1))
    assert ProgressSnapshot.objects.get(target=target, unit=None).actual == 0
    done(cast, task, D(2026, 9, 21))  # the service moves the target itself
    snapshot = ProgressSnapshot.objects.get(target=target, unit=None)
    assert snapshot.actual == 50


def on_time_target(cast) -> Target:
    return factories.make_target(
        factories.make_plan(cast.org, reporting_rhythm="quarterly"),
        text="100% nhiệm vụ UBND tỉnh, Chủ tịch UBND tỉnh giao được tham mưu, tổ chức thực hiện sớm "
        "và trước thời hạn giao",
        comparator=Target.Comparator.EQ,
        value=Decimal(100),
        measurement=Target.Measurement.COMPUTED,
        indicator=HANDED_DOWN_ON_TIME,
    )


def test_the_target_counts_the_current_quarter_up_to_today_on_both_sides_of_a_deadline(cast, client):
    target = on_time_target(cast)
    done(cast, handed_down(cast, D(2026, 9, 25), title="Quý III"), D(2026, 9, 21))
    handed_down(cast, D(2026, 10, 30), title="Quý IV, chưa xong")  # Friday 30/10/2026
    # On its deadline day the open task is still in time: only the third quarter's task counts.
    refresh_target(target, today=D(2026, 10, 30))
    snapshot = ProgressSnapshot.objects.get(target=target, unit=None)
    assert (snapshot.actual, snapshot.as_of) == (100, D(2026, 10, 30))
    # The next working day, in the unfinished fourth quarter, it is a miss: the figure moves now.
    refresh_target(target, today=D(2026, 11, 2))
    snapshot = ProgressSnapshot.objects.get(target=target, unit=None)
    assert (snapshot.actual, snapshot.as_of) == (50, D(2026, 11, 2))
    client.force_login(cast.office)
    page = client.get(f"/theo-doi/chi-tieu/{target.pk}/").content.decode()
    assert "tính đến 02/11/2026" in page


def test_a_task_done_early_in_the_current_quarter_counts_the_same_day(cast):
    target = on_time_target(cast)
    task = handed_down(cast, D(2026, 12, 31))
    refresh_target(target, today=D(2026, 11, 20))
    assert ProgressSnapshot.objects.get(target=target, unit=None).actual is None  # nothing counts yet
    services.task_report(
        task=task,
        status=Task.Status.DONE,
        result="Đã xong",
        completed_on=D(2026, 11, 20),
        reported_on=D(2026, 11, 20),
        user=cast.head,
    )
    refresh_target(target, today=D(2026, 11, 20))
    snapshot = ProgressSnapshot.objects.get(target=target, unit=None)
    assert (snapshot.actual, snapshot.as_of) == (100, D(2026, 11, 20))


# ——— Recurrence and the plan's lines ———


def test_a_quarterly_task_becomes_a_series_due_at_each_quarter_end(cast):
    tasks = services.task_series_create(
        organization=cast.org,
        title="Báo cáo kết quả phong trào",
        lead_unit=cast.unit,
        recurrence=Task.Recurrence.QUARTERLY,
        starts_on=D(2026, 2, 15),
        until=D(2026, 11, 30),
        user=cast.office,
    )
    assert [t.due_on for t in tasks] == [D(2026, 3, 31), D(2026, 6, 30), D(2026, 9, 30), D(2026, 11, 30)]
    assert [t.period_label for t in tasks] == ["Quý I/2026", "Quý II/2026", "Quý III/2026", "Quý IV/2026"]
    assert tasks[0].starts_on == D(2026, 2, 15)
    assert {t.series_id for t in tasks[1:]} == {tasks[0].pk} and tasks[0].series_id is None
    assert list(tasks[0].occurrences.order_by("due_on")) == tasks[1:]


def test_a_monthly_series_needs_its_span(cast):
    with pytest.raises(services.TaskError):
        services.task_series_create(
            organization=cast.org,
            title="Báo cáo tháng",
            lead_unit=cast.unit,
            recurrence=Task.Recurrence.MONTHLY,
            starts_on=D(2026, 5, 1),
            until=None,
            user=cast.office,
        )
    assert not Task.objects.exists()


def test_the_plans_lines_become_tasks_with_their_coordinating_units(cast):
    plan = factories.make_plan(cast.org)
    area = Section.objects.create(plan=plan, label="2", heading="Thi đua cải thiện môi trường đầu tư")
    lead = Responsibility.objects.create(
        plan=plan,
        section=area,
        unit_name="Phòng Phát triển đô thị",
        unit=cast.unit,
        role=Responsibility.Role.LEAD,
        text="Chủ trì rà soát thủ tục hành chính",
    )
    Responsibility.objects.create(
        plan=plan,
        section=area,
        unit_name="Phòng Quản lý xây dựng",
        unit=cast.other_unit,
        role=Responsibility.Role.COORDINATE,
    )
    created = services.tasks_from_plan(plan=plan, responsibilities=[lead], due_on=None, user=cast.office)
    assert len(created) == 1
    task = created[0]
    assert (task.lead_unit, task.section, task.due_on) == (cast.unit, area, plan.ends_on)
    assert list(task.coordinating_units.all()) == [cast.other_unit]
    assert services.tasks_from_plan(plan=plan, responsibilities=[lead], due_on=None, user=cast.office) == []


def test_a_task_is_an_obligation_of_its_unit_on_the_calendar(cast):
    task = handed_down(cast, SATURDAY)
    found = obligations([cast.org], D(2026, 9, 1), D(2026, 9, 30), units=[cast.unit.pk], include_agency=False)
    assert [(o.key, o.due_on, o.unit_id) for o in found] == [(f"task-{task.pk}", MONDAY, cast.unit.pk)]
    done(cast, task, D(2026, 9, 4))
    assert obligations([cast.org], D(2026, 9, 1), D(2026, 9, 30))[0].done_on == D(2026, 9, 4)


def test_overdue_tasks_show_on_the_unit_page(cast, client):
    handed_down(cast, D(2026, 1, 15), title="Nhiệm vụ chậm trễ")
    client.force_login(cast.head)
    page = client.get(f"/theo-doi/don-vi/{cast.unit.pk}/").content.decode()
    assert "Nhiệm vụ quá hạn" in page and "Nhiệm vụ chậm trễ" in page


def test_the_overview_counts_overdue_tasks_and_links_to_the_board(cast, client):
    handed_down(cast, D(2026, 1, 15), title="Nhiệm vụ chậm trễ")
    handed_down(cast, D(2026, 1, 20), unit=cast.other_unit, title="Nhiệm vụ chậm trễ khác")
    done(cast, handed_down(cast, D(2026, 1, 10), title="Đã xong"), D(2026, 1, 9))
    client.force_login(cast.leader)
    page = client.get("/theo-doi/").content.decode()
    assert 'data-testid="overdue-task-count"' in page and "2 nhiệm vụ quá hạn" in page
    assert "/nhiem-vu/?han=overdue" in page
    board = client.get("/nhiem-vu/?han=overdue").content.decode()
    assert "Nhiệm vụ chậm trễ khác" in board and "Đã xong" not in board


def test_the_overview_says_nothing_when_no_task_is_overdue(cast, client):
    handed_down(cast, D(2099, 1, 15))
    client.force_login(cast.leader)
    assert 'data-testid="overdue-task-count"' not in client.get("/theo-doi/").content.decode()


# ——— Pages ———


def test_every_content_area_of_the_plan_can_be_given_as_a_task_without_a_responsibility_line(cast, client):
    plan = factories.make_plan(cast.org)
    contents = Section.objects.create(plan=plan, label="III", heading="NỘI DUNG PHONG TRÀO THI ĐUA")
    area = Section.objects.create(
        plan=plan,
        parent=contents,
        label="3",
        heading="Thi đua phát triển khoa học - công nghệ, chuyển đổi số",
    )
    Section.objects.create(plan=plan, parent=area, label="-", heading="Xây dựng và khai thác hiệu quả IOC")
    client.force_login(cast.office)
    page = client.get(f"/nhiem-vu/ke-hoach/{plan.pk}/giao/")
    assert [section.label for section in page.context["areas"]] == ["III", "3"]  # not the "-" line
    link = f"/nhiem-vu/moi/?plan={plan.pk}&amp;section={area.pk}"
    assert link in page.content.decode()
    form = client.get(link.replace("&amp;", "&"))
    assert form.context["form"].initial["section"] == str(area.pk)
    response = client.post(
        "/nhiem-vu/moi/",
        {
            "title": "Bồi dưỡng kỹ năng số cho cán bộ",
            "plan": plan.pk,
            "section": area.pk,
            "lead_unit": cast.unit.pk,
            "due_on": "30/11/2026",
        },
    )
    task = Task.objects.get()
    assert response.status_code == 302
    assert (task.plan, task.section, task.source) == (plan, area, Task.Source.PLAN)
    again = client.get(f"/nhiem-vu/ke-hoach/{plan.pk}/giao/")
    assert [section.task_count for section in again.context["areas"]] == [0, 1]


def test_the_board_of_a_plan_links_the_office_to_giving_its_tasks(cast, client):
    plan = factories.make_plan(cast.org)
    link = f'href="/nhiem-vu/ke-hoach/{plan.pk}/giao/"'
    client.force_login(cast.office)
    assert link in client.get("/nhiem-vu/", {"plan": plan.pk}).content.decode()
    client.force_login(cast.head)
    assert link not in client.get("/nhiem-vu/", {"plan": plan.pk}).content.decode()


def test_the_office_gives_a_monthly_task_from_the_form(cast, client):
    client.force_login(cast.office)
    response = client.post(
        "/nhiem-vu/moi/",
        {
            "title": "Cập nhật số liệu nhà ở xã hội",
            "lead_unit": cast.unit.pk,
            "starts_on": "01/10/2026",
            "due_on": "31/10/2026",
            "recurrence": "monthly",
            "until": "31/12/2026",
        },
    )
    assert response.status_code == 302
    assert list(Task.objects.values_list("period_label", flat=True)) == [
        "Tháng 10/2026",
        "Tháng 11/2026",
        "Tháng 12/2026",
    ]


def test_the_board_filters_and_counts_by_content_area(cast, client):
    plan = factories.make_plan(cast.org)
    area = Section.objects.create(plan=plan, label="3", heading="Bồi dưỡng kỹ năng số")
    for title, status in (
        ("Mở lớp tập huấn", Task.Status.DONE),
        ("Khảo sát nhu cầu", Task.Status.IN_PROGRESS),
    ):
        task = services.task_create(
            organization=cast.org,
            title=title,
            lead_unit=cast.unit,
            due_on=D(2026, 12, 31),
            plan=plan,
            section=area,
            user=cast.office,
        )
        if status == Task.Status.DONE:
            done(cast, task, D(2026, 11, 2))
    client.force_login(cast.leader)
    response = client.get("/nhiem-vu/", {"plan": plan.pk, "status": "done"})
    assert [task.title for task, _timing in response.context["rows"]] == ["Mở lớp tập huấn"]
    response = client.get("/nhiem-vu/", {"plan": plan.pk})
    assert response.context["areas"] == [{"name": "Bồi dưỡng kỹ năng số", "done": 1, "total": 2}]


def test_a_unit_head_sees_only_the_tasks_of_the_unit_on_the_board(cast, client):
    handed_down(cast, D(2026, 9, 30), title="Của phòng mình")
    handed_down(cast, D(2026, 9, 30), unit=cast.other_unit, title="Của phòng khác")
    client.force_login(cast.head)
    response = client.get("/nhiem-vu/")
    assert [task.title for task, _timing in response.context["rows"]] == ["Của phòng mình"]


def test_activities_and_good_examples_are_recorded_and_counted(cast, client):
    client.force_login(cast.office)
    response = client.post(
        "/nhiem-vu/tuyen-truyen/moi/",
        {"kind": "training", "title": "Tập huấn kỹ năng số", "held_on": "18/09/2026", "participants": "65"},
    )
    assert response.status_code == 302
    response = client.post(
        "/nhiem-vu/dien-hinh/moi/",
        {
            "kind": "person",
            "name": "Trịnh Thu Trang",
            "achievement": "Số hóa hồ sơ",
            "recognised_on": "10/11/2026",
        },
    )
    assert response.status_code == 302
    client.force_login(cast.staff)
    counts = dict(client.get("/nhiem-vu/tuyen-truyen/").context["by_kind"])
    assert counts["Tập huấn, bồi dưỡng"] == 1 and counts["Tin, bài tuyên truyền"] == 0
    assert dict(client.get("/nhiem-vu/dien-hinh/").context["by_kind"])["Cá nhân"] == 1
    assert client.post("/nhiem-vu/tuyen-truyen/moi/", {"kind": "article"}).status_code == 403


def test_the_board_exports_to_excel(cast, client):
    handed_down(cast, D(2026, 9, 30))
    client.force_login(cast.office)
    response = client.get("/nhiem-vu/xuat-excel/")
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    assert sheet["B2"].value == "Báo cáo tình hình phát triển đô thị" and sheet["G2"].value == "30/09/2026"


# ——— The units' own tasks under the agency's ———


def test_the_unit_head_adds_the_units_own_task_under_the_agencys(cast, client):
    parent = handed_down(cast, D(2026, 12, 31), title="Chuyển đổi số trong ngành xây dựng")
    client.force_login(cast.head)
    assert 'data-testid="unit-task-form"' in client.get(f"/nhiem-vu/{parent.pk}/").content.decode()
    response = client.post(
        f"/nhiem-vu/{parent.pk}/nhiem-vu-don-vi/",
        {"title": "Số hóa hồ sơ quy hoạch của phòng", "due_on": "30/11/2026"},
    )
    child = Task.objects.get(parent=parent)
    assert response.status_code == 302 and response.url == child.get_absolute_url()
    assert child.lead_unit == cast.unit and child.due_on == D(2026, 11, 30) and child.created_by == cast.head
    page = client.get(f"/nhiem-vu/{parent.pk}/").content.decode()
    assert 'data-testid="unit-tasks"' in page and "Số hóa hồ sơ quy hoạch của phòng" in page
    assert "Chuyển đổi số trong ngành xây dựng" in client.get(child.get_absolute_url()).content.decode()


def test_only_the_head_of_a_unit_on_the_task_adds_under_it(cast, client):
    parent = handed_down(cast, D(2026, 12, 31))
    data = {"title": "Việc riêng", "due_on": "30/11/2026"}
    for user, status in ((cast.other_head, 404), (cast.staff, 403), (cast.outsider, 404)):
        client.force_login(user)
        assert client.post(f"/nhiem-vu/{parent.pk}/nhiem-vu-don-vi/", data).status_code == status
    assert not Task.objects.filter(parent=parent).exists()
    parent.coordinating_units.add(cast.other_unit)
    client.force_login(cast.other_head)
    assert client.post(f"/nhiem-vu/{parent.pk}/nhiem-vu-don-vi/", data).status_code == 302
    assert Task.objects.get(parent=parent).lead_unit == cast.other_unit
