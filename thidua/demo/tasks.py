"""Demo tasks: the plan's responsibilities turned into tasks, a quarterly series, tasks handed down by
the province (some done early or on time, one overdue), propaganda activities and good examples.

Everything goes through the tasks' services, by the person whose step it is: the office gives and
confirms, the unit head reports. Idempotent: each row is looked up by its natural key first.
"""

import datetime

from thidua.org.models import Unit
from thidua.org.roles import Role
from thidua.plans.models import Plan, Responsibility
from thidua.tasks import services
from thidua.tasks.models import Activity, GoodExample, Task

YEAR = 2026
D = datetime.date
DONE, IN_PROGRESS = Task.Status.DONE, Task.Status.IN_PROGRESS

# (document, date, issuer, task, due, "own" unit or another one, outcome): outcome is the completion
# day and the result, or None (still open).
HANDED_DOWN = {
    "sxd-thanh-hoa": [
        (
            "1520/UBND-CN",
            D(YEAR, 7, 2),
            "Chủ tịch UBND tỉnh",
            "Tham mưu rà soát, đề xuất danh mục dự án nhà ở xã hội kêu gọi đầu tư năm 2027",
            D(YEAR, 8, 31),
            "own",
            (D(YEAR, 8, 20), "Đã trình UBND tỉnh danh mục 12 dự án tại Tờ trình số 2140/TTr-SXD."),
        ),
        (
            "1688/UBND-CN",
            D(YEAR, 8, 5),
            "UBND tỉnh",
            "Báo cáo tình hình thực hiện chương trình phát triển đô thị tỉnh 6 tháng đầu năm",
            D(YEAR, 9, 5),  # a Saturday (nghỉ lễ Quốc khánh): the deadline moves to Monday 07/9
            "own",
            (D(YEAR, 9, 7), "Đã gửi Báo cáo số 2311/BC-SXD ngày 07/9/2026."),
        ),
        (
            "1795/UBND-CN",
            D(YEAR, 9, 10),
            "UBND tỉnh",
            "Hướng dẫn các xã, phường lập quy hoạch chung đô thị theo đơn vị hành chính 02 cấp",
            D(YEAR, 10, 30),
            "own",
            (D(YEAR, 10, 26), "Đã ban hành Văn bản hướng dẫn số 2890/SXD-PTĐT."),
        ),
        (
            "1903/UBND-CN",
            D(YEAR, 9, 1),
            "Chủ tịch UBND tỉnh",
            "Kiểm tra chất lượng công trình trường học trước năm học mới",
            D(YEAR, 9, 25),
            "other",
            None,
        ),
    ],
    "sxd-lang-son": [
        (
            "845/UBND-KT",
            D(YEAR, 6, 15),
            "UBND tỉnh",
            "Tổng hợp khó khăn, vướng mắc của doanh nghiệp ngành xây dựng, đề xuất giải pháp tháo gỡ",
            D(YEAR, 7, 31),
            "own",
            (D(YEAR, 7, 24), "Đã báo cáo UBND tỉnh tại Văn bản số 1402/SXD-KHTC."),
        ),
        (
            "1012/UBND-KT",
            D(YEAR, 9, 1),
            "Chủ tịch UBND tỉnh",
            "Rà soát thủ tục hành chính lĩnh vực xây dựng đề xuất cắt giảm thời gian giải quyết",
            D(YEAR, 11, 15),
            "other",
            None,
        ),
    ],
}

SERIES_TITLE = "Báo cáo kết quả thực hiện phong trào thi đua của đơn vị"
ACTIVITIES = [
    (Activity.Kind.MEETING, "Hội nghị phát động phong trào thi đua năm 2026", D(YEAR, 7, 15), 120),
    (
        Activity.Kind.ARTICLE,
        "Tin bài tuyên truyền phong trào trên Cổng thông tin điện tử của Sở",
        D(YEAR, 8, 3),
        None,
    ),
    (Activity.Kind.TRAINING, "Tập huấn kỹ năng số cho cán bộ, công chức", D(YEAR, 9, 18), 65),
]


def load_tasks(organization, people) -> None:
    office, head = people[Role.OFFICE], people[Role.UNIT_HEAD]
    plan = Plan.objects.filter(organization=organization, status=Plan.Status.PUBLISHED).first()
    if plan is not None:
        _from_plan(plan, office)
    _series(organization, head.unit, office, head)
    other = (
        Unit.objects.filter(organization=organization)
        .carrying_out()
        .exclude(pk=head.unit_id)
        .exclude(kind=Unit.Kind.OFFICE)
        .order_by("position", "pk")
        .first()
    )
    for document, dated, issuer, title, due, who, outcome in HANDED_DOWN.get(organization.slug, []):
        if Task.objects.filter(organization=organization, document_number=document, title=title).exists():
            continue
        task = services.task_create(
            organization=organization,
            source=Task.Source.HANDED_DOWN,
            title=title,
            lead_unit=head.unit if who == "own" else other,
            due_on=due,
            document_number=document,
            document_date=dated,
            issuer=issuer,
            user=office,
            reason="Vào sổ nhiệm vụ được giao",
        )
        if outcome is not None:
            day, result = outcome
            services.task_report(
                task=task, status=DONE, result=result, completed_on=day, reported_on=day, user=head
            )
            services.task_confirm(task=task, user=office, confirmed_on=day + datetime.timedelta(days=2))
    _registers(organization, head.unit, office)


def _from_plan(plan: Plan, office) -> None:
    lines = plan.responsibilities.filter(unit__isnull=False).exclude(role=Responsibility.Role.COORDINATE)
    services.tasks_from_plan(plan=plan, responsibilities=lines, due_on=D(YEAR, 12, 31), user=office)


def _series(organization, unit, office, head) -> None:
    if Task.objects.filter(organization=organization, title=SERIES_TITLE).exists():
        return
    occurrences = services.task_series_create(
        organization=organization,
        title=SERIES_TITLE,
        lead_unit=unit,
        recurrence=Task.Recurrence.QUARTERLY,
        starts_on=D(YEAR, 7, 1),
        until=D(YEAR, 12, 31),
        expected_result="Báo cáo quý gửi Văn phòng Sở",
        user=office,
    )
    first = occurrences[0]
    day = first.due_on - datetime.timedelta(days=3)
    services.task_report(
        task=first,
        status=DONE,
        result="Đã gửi báo cáo quý III.",
        completed_on=day,
        reported_on=day,
        user=head,
    )


def _registers(organization, unit, office) -> None:
    for kind, title, day, participants in ACTIVITIES:
        if not Activity.objects.filter(organization=organization, title=title).exists():
            services.activity_record(
                organization=organization,
                user=office,
                kind=kind,
                title=title,
                held_on=day,
                participants=participants,
                unit=unit if kind == Activity.Kind.TRAINING else None,
            )
    name = f"Tập thể {unit.name}"
    if not GoodExample.objects.filter(organization=organization, name=name).exists():
        services.good_example_record(
            organization=organization,
            user=office,
            kind=GoodExample.Kind.COLLECTIVE,
            name=name,
            unit=unit,
            achievement="Hoàn thành trước hạn các nhiệm vụ UBND tỉnh giao trong năm; "
            "có sáng kiến được công nhận.",
            recognised_on=D(YEAR, 11, 10),
            spread_at="Hội nghị sơ kết phong trào thi đua của Sở",
        )
