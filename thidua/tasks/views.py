"""Task pages: the board (per plan, per unit), a task with its reports and history, the register of
tasks handed down (entry and Excel import), tasks from a plan, activities and good examples.

Thin: check, call, render.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.actions import run_action
from thidua.core.history import Records, history_entries
from thidua.core.spreadsheets import import_post, workbook_response
from thidua.core.uploads import private_file_response
from thidua.core.workdays import WorkingCalendar
from thidua.org.access import get_for_user, organization_for, require
from thidua.org.roles import Capability
from thidua.plans.models import Plan, Section
from thidua.tasks import excel, exports, services
from thidua.tasks.filters import TaskFilter
from thidua.tasks.forms import (
    ActivityForm,
    FromPlanForm,
    GoodExampleForm,
    HandedDownForm,
    ReturnForm,
    TaskForm,
    TaskReportForm,
    UnitTaskForm,
    WorkbookForm,
)
from thidua.tasks.indicators import on_time
from thidua.tasks.models import Activity, GoodExample, Task, TaskReport

PAGE_SIZE = 25
ERRORS = (services.TaskError,)


def _board_rows(request, organization):
    rows = (
        Task.objects.visible_to(request.user)
        .filter(organization=organization)
        .select_related("lead_unit", "plan", "section")
        .order_by("due_on", "pk")
    )
    return TaskFilter(request.GET, queryset=rows, request=request)


@login_required
def board(request):
    organization = organization_for(request)
    require(request.user, Capability.VIEW_DASHBOARDS, organization)
    filterset = _board_rows(request, organization)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    calendar = WorkingCalendar()
    today = timezone.localdate()
    context = {
        "organization": organization,
        "filter": filterset,
        "page": page,
        "rows": [(task, task.timing(today, calendar)) for task in page],
        "today": today,
        "areas": _by_content_area(filterset.qs) if filterset.form.cleaned_data.get("plan") else [],
        "can_manage": request.user.can(Capability.MANAGE_TASKS, organization),
    }
    return render(request, "tasks/board.html", context)


def _by_content_area(rows) -> list[dict]:
    """Tasks done and given per content area (the plan's section) of the filtered board."""
    areas: dict = {}
    for section, status in rows.select_related(None).values_list("section__heading", "status"):
        area = areas.setdefault(section or _("Ngoài các nội dung"), {"done": 0, "total": 0})
        area["total"] += 1
        area["done"] += status == Task.Status.DONE
    return [{"name": name, **counts} for name, counts in areas.items()]


@login_required
def board_export(request):
    organization = organization_for(request)
    require(request.user, Capability.VIEW_DASHBOARDS, organization)
    filterset = _board_rows(request, organization)
    data = exports.board_workbook(filterset.qs, timezone.localdate())
    return workbook_response(data, "nhiem-vu.xlsx")


@login_required
def task_new(request):
    organization = organization_for(request)
    require(request.user, Capability.MANAGE_TASKS, organization)
    form = TaskForm(
        request.POST or None,
        organization=organization,
        initial=request.GET.dict(),
        instance=Task(organization=organization),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        until, recurrence = data.pop("until"), data.pop("recurrence")
        common = {
            "organization": organization,
            "user": request.user,
            "source": Task.Source.PLAN if data.get("plan") else Task.Source.OWN,
            **data,
        }
        try:
            if recurrence:
                common.pop("due_on")
                tasks = services.task_series_create(recurrence=recurrence, until=until, **common)
                messages.success(request, _("Đã giao {count} nhiệm vụ định kỳ.").format(count=len(tasks)))
                return redirect(tasks[0])
            task = services.task_create(**common)
        except services.TaskError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Đã giao nhiệm vụ."))
            return redirect(task)
    return render(request, "tasks/task_form.html", {"form": form, "organization": organization})


@login_required
def task_detail(request, pk: int):
    task = get_for_user(
        Task.objects.select_related("organization", "lead_unit", "plan", "section", "series", "confirmed_by"),
        request.user,
        pk=pk,
    )
    user, today = request.user, timezone.localdate()
    sees_history = user.can(Capability.VIEW_AUDIT, task.organization)
    context = {
        "task": task,
        "today": today,
        "timing": task.timing(today),
        "reports": task.reports.select_related("reported_by"),
        "report_form": TaskReportForm(initial={"status": task.status, "completed_on": today})
        if task.reportable_by(user)
        else None,
        "can_confirm": task.confirmable_by(user),
        "unit_tasks": task.unit_tasks.select_related("lead_unit"),
        "unit_task_form": UnitTaskForm() if task.takes_unit_tasks_from(user) else None,
        "return_form": ReturnForm() if task.confirmable_by(user) else None,
        "occurrences": task.series.occurrences.all() if task.series_id else task.occurrences.all(),
        "history": history_entries(
            task.history.all(),
            Records(TaskReport.history.filter(task_id=task.pk)),
            limit=50,
        )
        if sees_history
        else None,
    }
    return render(request, "tasks/task_detail.html", context)


@login_required
@require_POST
def unit_task_new(request, pk: int):
    """The head of a unit under an agency task adds their unit's own task (from the unit's plan) under it."""
    parent = get_for_user(Task.objects.select_related("organization", "plan", "section"), request.user, pk=pk)
    if not parent.takes_unit_tasks_from(request.user):
        raise PermissionDenied
    form = UnitTaskForm(request.POST, instance=Task(organization=parent.organization))
    if form.is_valid():
        task = services.unit_task_create(parent=parent, user=request.user, **form.cleaned_data)
        messages.success(request, _("Đã thêm nhiệm vụ của đơn vị."))
        return redirect(task)
    messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(parent)


@login_required
@require_POST
def task_report(request, pk: int):
    task = get_for_user(Task.objects.select_related("organization"), request.user, pk=pk)
    if not task.reportable_by(request.user):
        raise PermissionDenied
    form = TaskReportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
        return redirect(task)
    data = form.cleaned_data
    return run_action(
        request,
        lambda: services.task_report(
            task=task,
            status=data["status"],
            result=data["result"],
            completed_on=data["completed_on"],
            upload=data["file"],
            user=request.user,
        ),
        errors=ERRORS,
        success=_("Đã gửi báo cáo nhiệm vụ."),
        to=task,
    )


@login_required
@require_POST
def task_confirm(request, pk: int):
    task = get_for_user(Task.objects.select_related("organization"), request.user, pk=pk)
    return run_action(
        request,
        lambda: services.task_confirm(task=task, user=request.user),
        allowed=task.confirmable_by(request.user),
        errors=ERRORS,
        success=_("Đã xác nhận hoàn thành."),
        to=task,
    )


@login_required
@require_POST
def task_return(request, pk: int):
    task = get_for_user(Task.objects.select_related("organization"), request.user, pk=pk)
    if not task.confirmable_by(request.user):
        raise PermissionDenied
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nhập lý do trả lại."))
        return redirect(task)
    return run_action(
        request,
        lambda: services.task_return(task=task, comment=form.cleaned_data["comment"], user=request.user),
        errors=ERRORS,
        success=_("Đã trả lại nhiệm vụ cho đơn vị."),
        to=task,
    )


@login_required
def evidence(request, pk: int):
    return private_file_response(request, TaskReport.objects, pk=pk)


# ——— Tasks handed down ———


@login_required
def handed_down(request):
    organization = organization_for(request)
    require(request.user, Capability.VIEW_DASHBOARDS, organization)
    today = timezone.localdate()
    rows = (
        Task.objects.visible_to(request.user)
        .handed_down()
        .filter(organization=organization)
        .select_related("lead_unit")
        .order_by("-document_date", "due_on", "pk")
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    sees_all = request.user.can(Capability.VIEW_ALL_TASKS, organization)
    figure = on_time(organization.pk, today.replace(month=1, day=1), today) if sees_all else None
    context = {
        "organization": organization,
        "page": page,
        "rows": [(task, task.timing(today)) for task in page],
        "today": today,
        "figure": figure,
        "can_manage": request.user.can(Capability.MANAGE_TASKS, organization),
    }
    return render(request, "tasks/handed_down.html", context)


@login_required
def handed_down_new(request):
    organization = organization_for(request)
    require(request.user, Capability.MANAGE_TASKS, organization)
    form = HandedDownForm(
        request.POST or None,
        organization=organization,
        instance=Task(organization=organization, source=Task.Source.HANDED_DOWN),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        task = services.task_create(
            organization=organization,
            source=Task.Source.HANDED_DOWN,
            user=request.user,
            reason=_("Vào sổ nhiệm vụ được giao"),
            **data,
        )
        messages.success(request, _("Đã vào sổ nhiệm vụ được giao."))
        return redirect(task)
    return render(request, "tasks/handed_down_form.html", {"form": form, "organization": organization})


@login_required
def handed_down_import(request):
    organization = organization_for(request)
    require(request.user, Capability.MANAGE_TASKS, organization)

    def done(count: int):
        messages.success(request, _("Đã vào sổ {count} nhiệm vụ được giao từ tệp Excel.").format(count=count))
        return redirect("tasks:handed_down")

    form = WorkbookForm(request.POST or None, request.FILES or None)
    answered = import_post(
        request,
        owner=organization,
        form=form,
        pending=excel.PendingTaskUploads(request.session),
        parse=lambda file: excel.parse_workbook(file, organization),
        apply=excel.apply_import,
        preview_template="tasks/handed_down_preview.html",
        context={"organization": organization},
        upload_url=reverse("tasks:handed_down_import"),
        done=done,
    )
    if answered is not None:
        return answered
    return render(request, "tasks/handed_down_import.html", {"form": form, "organization": organization})


# ——— Tasks from a plan ———


@login_required
def from_plan(request, pk: int):
    plan = get_for_user(Plan.objects.select_related("organization"), request.user, pk=pk)
    require(request.user, Capability.MANAGE_TASKS, plan.organization)
    form = FromPlanForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        created = services.tasks_from_plan(
            plan=plan,
            responsibilities=form.cleaned_data["responsibilities"],
            due_on=form.cleaned_data["due_on"],
            user=request.user,
        )
        messages.success(request, _("Đã giao {count} nhiệm vụ từ kế hoạch.").format(count=len(created)))
        return redirect(f"{reverse('tasks:board')}?plan={plan.pk}")
    context = {"form": form, "plan": plan, "areas": _content_areas(plan)}
    return render(request, "tasks/from_plan.html", context)


def _content_areas(plan: Plan) -> list:
    """The plan's numbered parts (not its "-" and "+" lines), each with how many tasks carry it out:
    any of them can be given as a task, with or without a responsibility line the reader matched."""
    sections = (
        Section.objects.with_tree_fields()
        .filter(plan=plan)
        .order_siblings_by("position")
        .annotate(task_count=Count("tasks"))
    )
    return [section for section in sections if section.label not in ("-", "+")]


# ——— Activities and good examples ———


@login_required
def activities(request):
    organization = organization_for(request)
    require(request.user, Capability.VIEW_DASHBOARDS, organization)
    rows = Activity.objects.visible_to(request.user).filter(organization=organization).select_related("unit")
    context = {
        "organization": organization,
        "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
        "by_kind": _count_by(rows, "kind", Activity.Kind),
        "can_record": request.user.can(Capability.RECORD_ACTIVITIES, organization),
    }
    return render(request, "tasks/activities.html", context)


@login_required
def activity_new(request):
    organization = organization_for(request)
    require(request.user, Capability.RECORD_ACTIVITIES, organization)
    form = ActivityForm(
        request.POST or None,
        request.FILES or None,
        organization=organization,
        instance=Activity(organization=organization),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        services.activity_record(
            organization=organization, user=request.user, upload=data.pop("file"), **data
        )
        messages.success(request, _("Đã ghi hoạt động."))
        return redirect("tasks:activities")
    return render(
        request, "tasks/register_form.html", {"form": form, "title": _("Ghi hoạt động tuyên truyền")}
    )


@login_required
def good_examples(request):
    organization = organization_for(request)
    require(request.user, Capability.VIEW_DASHBOARDS, organization)
    rows = (
        GoodExample.objects.visible_to(request.user)
        .filter(organization=organization)
        .select_related("unit", "enterprise")
    )
    context = {
        "organization": organization,
        "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
        "by_kind": _count_by(rows, "kind", GoodExample.Kind),
        "can_record": request.user.can(Capability.RECORD_ACTIVITIES, organization),
    }
    return render(request, "tasks/good_examples.html", context)


@login_required
def good_example_new(request):
    organization = organization_for(request)
    require(request.user, Capability.RECORD_ACTIVITIES, organization)
    form = GoodExampleForm(
        request.POST or None,
        request.FILES or None,
        organization=organization,
        instance=GoodExample(organization=organization),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        services.good_example_record(
            organization=organization, user=request.user, upload=data.pop("file"), **data
        )
        messages.success(request, _("Đã ghi điển hình tiên tiến."))
        return redirect("tasks:good_examples")
    return render(request, "tasks/register_form.html", {"form": form, "title": _("Ghi điển hình tiên tiến")})


@login_required
def activity_file(request, pk: int):
    return private_file_response(request, Activity.objects, pk=pk)


@login_required
def good_example_file(request, pk: int):
    return private_file_response(request, GoodExample.objects, pk=pk)


def _count_by(rows, field: str, choices) -> list[tuple[str, int]]:
    counts = {value: 0 for value in choices.values}
    for value in rows.values_list(field, flat=True):
        counts[value] += 1
    return [(str(choices(value).label), count) for value, count in counts.items()]
