"""Tasks: the plan's work and the tasks the province hands down, assigned, dated and reported
("rõ người, rõ việc, rõ thời gian, rõ kết quả"); propaganda activities and good examples.

A task is late or on time against its *deadline*, the due date moved to the next working day when it
falls on a weekend or a public holiday (Bộ luật Dân sự 2015, Điều 148 khoản 5: a period whose last day
is a day off ends with the next working day), judged on the Vietnamese calendar of `core.workdays`.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.core.workdays import WorkingCalendar
from thidua.org.models import Enterprise, Organization, TenantQuerySet, Unit, User
from thidua.org.roles import Capability
from thidua.org.tenancy import SameOrganization
from thidua.plans.models import Plan, Responsibility, Section, Target


def deadline_of(due_on: datetime.date, calendar: WorkingCalendar | None = None) -> datetime.date:
    """The last day a task due on `due_on` is done in time: that day, or the next working day."""
    return (calendar or WorkingCalendar()).add_working_days(due_on, 0)


class TaskQuerySet(TenantQuerySet):
    def visible_to(self, user):
        """The office, leaders and observers see every unit's; a unit the tasks it leads or joins."""
        rows = super().visible_to(user)
        if not user.is_authenticated or user.is_superuser:
            return rows
        wide = Q(organization__in=user.organizations_where(Capability.VIEW_ALL_TASKS))
        unit = (
            Q(lead_unit=user.unit_id) | Q(coordinating_units=user.unit_id) if user.unit_id else Q(pk__in=[])
        )
        return rows.filter(pk__in=rows.filter(wide | unit).values("pk"))

    def handed_down(self):
        return self.filter(source=Task.Source.HANDED_DOWN)

    def open(self):
        return self.exclude(status=Task.Status.DONE)

    def overdue(self, today: datetime.date):
        """Not done and past their due date (a due date on a day off is judged row by row: `is_overdue`)."""
        return self.open().filter(due_on__lt=today)


class Task(SameOrganization, models.Model):
    """One piece of work with a lead unit, a due date and a result to report."""

    class Source(models.TextChoices):
        PLAN = "plan", _("Nội dung kế hoạch")
        HANDED_DOWN = "handed_down", _("UBND tỉnh, Chủ tịch UBND tỉnh giao")
        OWN = "own", _("Nhiệm vụ khác của cơ quan")

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Chưa triển khai")
        IN_PROGRESS = "in_progress", _("Đang thực hiện")
        DONE = "done", _("Hoàn thành")

    class Recurrence(models.TextChoices):
        NONE = "", _("Không lặp lại")
        MONTHLY = "monthly", _("Hằng tháng")
        QUARTERLY = "quarterly", _("Hằng quý")
        YEARLY = "yearly", _("Hằng năm")

    class Timing(models.TextChoices):
        EARLY = "early", _("Hoàn thành trước hạn")
        ON_TIME = "on_time", _("Hoàn thành đúng hạn")
        LATE = "late", _("Hoàn thành quá hạn")
        OVERDUE = "overdue", _("Quá hạn, chưa hoàn thành")
        OPEN = "open", _("Trong hạn")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    source = models.CharField(_("nguồn nhiệm vụ"), max_length=20, choices=Source, default=Source.PLAN)
    plan = models.ForeignKey(
        Plan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("kế hoạch"),
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("nội dung (mục của kế hoạch)"),
    )
    responsibility = models.ForeignKey(
        Responsibility,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("phân công trong kế hoạch"),
    )
    document_number = models.CharField(_("số, ký hiệu văn bản giao"), max_length=60, blank=True)
    document_date = models.DateField(_("ngày văn bản giao"), null=True, blank=True)
    issuer = models.CharField(_("cấp giao"), max_length=200, blank=True)
    title = models.CharField(_("nhiệm vụ"), max_length=500)
    content = models.TextField(_("nội dung chi tiết"), blank=True)
    lead_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="led_tasks", verbose_name=_("đơn vị chủ trì")
    )
    coordinating_units = models.ManyToManyField(  # type: ignore[var-annotated]
        Unit, blank=True, related_name="joined_tasks", verbose_name=_("đơn vị phối hợp")
    )
    starts_on = models.DateField(_("ngày bắt đầu"), null=True, blank=True)
    due_on = models.DateField(_("hạn hoàn thành"))
    recurrence = models.CharField(
        _("lặp lại"), max_length=20, choices=Recurrence, default=Recurrence.NONE, blank=True
    )
    series = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="occurrences",
        verbose_name=_("thuộc chuỗi nhiệm vụ"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="unit_tasks",
        verbose_name=_("thuộc nhiệm vụ của cơ quan"),
        help_text=_("Nhiệm vụ một phòng, đơn vị tự đặt ra trong kế hoạch của mình để thực hiện nhiệm vụ này"),
    )
    period_label = models.CharField(_("kỳ"), max_length=40, blank=True)
    expected_result = models.TextField(_("kết quả, sản phẩm dự kiến"), blank=True)
    targets = models.ManyToManyField(
        Target, blank=True, related_name="tasks", verbose_name=_("phục vụ chỉ tiêu")
    )
    status = models.CharField(_("tình trạng"), max_length=20, choices=Status, default=Status.NOT_STARTED)
    result = models.TextField(_("kết quả thực hiện"), blank=True)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("xác nhận bởi"),
    )
    confirmed_on = models.DateField(_("ngày Văn phòng xác nhận"), null=True, blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("người giao")
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    objects = TaskQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[coordinating_units, targets])

    same_organization = (
        "plan",
        "section",
        "responsibility",
        "lead_unit",
        "series",
        "parent",
        "coordinating_units",
        "targets",
    )

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["organization", "status", "due_on"], name="task_org_status_due")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="done", completed_on__isnull=False) | ~Q(status="done"),
                name="task_done_has_date",
                violation_error_message=_("Nhiệm vụ hoàn thành cần ngày hoàn thành."),
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(due_on__gte=models.F("starts_on")),
                name="task_due_after_start",
                violation_error_message=_("Hạn hoàn thành phải từ ngày bắt đầu trở đi."),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.period_label})" if self.period_label else self.title

    def get_absolute_url(self):
        return reverse("tasks:detail", args=[self.pk])

    def clean(self):
        super().clean()
        if self.section_id and self.plan_id and self.section.plan_id != self.plan_id:
            raise ValidationError({"section": _("Mục phải thuộc kế hoạch của nhiệm vụ.")})
        if self.source == self.Source.HANDED_DOWN and not self.document_number:
            raise ValidationError({"document_number": _("Nhập số, ký hiệu văn bản giao nhiệm vụ.")})

    def deadline(self, calendar: WorkingCalendar | None = None) -> datetime.date:
        return deadline_of(self.due_on, calendar)

    def timing(self, today: datetime.date, calendar: WorkingCalendar | None = None) -> str:
        """Early, on time or late once done; overdue or open while not."""
        deadline = self.deadline(calendar)
        if self.status == self.Status.DONE and self.completed_on is not None:
            if self.completed_on < self.due_on:
                return self.Timing.EARLY
            return self.Timing.ON_TIME if self.completed_on <= deadline else self.Timing.LATE
        return self.Timing.OVERDUE if deadline < today else self.Timing.OPEN

    def timing_label(self, today: datetime.date) -> str:
        return str(self.Timing(self.timing(today)).label)

    def reportable_by(self, user) -> bool:
        return self.confirmed_on is None and user.acts_for_unit(Capability.REPORT_TASKS, self.lead_unit_id)

    def takes_unit_tasks_from(self, user) -> bool:
        """The head of a unit leading or joining this agency task may add their unit's own tasks under it."""
        return (
            self.parent_id is None
            and bool(user.unit_id)
            and user.acts_for_unit(Capability.SUBMIT_UNIT_PLANS, user.unit)
            and (
                self.lead_unit_id == user.unit_id or self.coordinating_units.filter(pk=user.unit_id).exists()
            )
        )

    def confirmable_by(self, user) -> bool:
        return (
            self.status == self.Status.DONE
            and self.confirmed_on is None
            and user.can(Capability.MANAGE_TASKS, self.organization_id)
        )


def task_evidence_path(report, filename: str) -> str:
    return f"tasks/{report.task.organization_id}/{report.task_id}/{filename}"


class TaskReportQuerySet(TenantQuerySet):
    organization_lookup = "task__organization"

    def visible_to(self, user):
        return self.filter(task__in=Task.objects.visible_to(user))


class TaskReport(SameOrganization, models.Model):
    """What the lead unit reports on a task: its status, a short result and evidence, dated."""

    task = models.ForeignKey(
        Task, on_delete=models.CASCADE, related_name="reports", verbose_name=_("nhiệm vụ")
    )
    status = models.CharField(_("tình trạng"), max_length=20, choices=Task.Status)
    result = models.TextField(_("kết quả thực hiện"))
    reported_on = models.DateField(_("ngày báo cáo"))
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    file = models.FileField(_("minh chứng"), upload_to=task_evidence_path, blank=True)
    original_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    size = models.PositiveIntegerField(_("dung lượng (byte)"), null=True, blank=True)
    reported_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("người báo cáo")
    )
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)

    objects = TaskReportQuerySet.as_manager()
    history = HistoricalRecords()

    organization_from = "task"

    class Meta:
        verbose_name = _("báo cáo nhiệm vụ")
        verbose_name_plural = _("báo cáo nhiệm vụ")
        ordering = ["-reported_on", "-pk"]

    def __str__(self):
        return f"{self.task} — {self.get_status_display()}"


class RegisterQuerySet(TenantQuerySet):
    """The agency's people read the registers of activities and good examples."""

    read_capability = Capability.VIEW_DASHBOARDS


def activity_evidence_path(row, filename: str) -> str:
    return f"activities/{row.organization_id}/{filename}"


class Activity(SameOrganization, models.Model):
    """A propaganda or movement activity: a meeting, an article, a training (tuyên truyền, phát động)."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Hội nghị, lễ phát động")
        ARTICLE = "article", _("Tin, bài tuyên truyền")
        TRAINING = "training", _("Tập huấn, bồi dưỡng")
        OTHER = "other", _("Hoạt động khác")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("kế hoạch")
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị thực hiện"),
    )
    kind = models.CharField(_("loại hoạt động"), max_length=20, choices=Kind)
    title = models.CharField(_("tên hoạt động"), max_length=300)
    held_on = models.DateField(_("ngày"))
    participants = models.PositiveIntegerField(_("số người tham gia"), null=True, blank=True)
    description = models.TextField(_("nội dung"), blank=True)
    file = models.FileField(_("minh chứng"), upload_to=activity_evidence_path, blank=True)
    original_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("người ghi")
    )

    objects = RegisterQuerySet.as_manager()
    history = HistoricalRecords()

    same_organization = ("plan", "unit")

    class Meta:
        verbose_name = _("hoạt động tuyên truyền")
        verbose_name_plural = _("hoạt động tuyên truyền")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return self.title


class GoodExample(SameOrganization, models.Model):
    """A good example found and praised (điển hình tiên tiến): a person, a unit or an enterprise."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Cá nhân")
        COLLECTIVE = "collective", _("Tập thể")
        ENTERPRISE = "enterprise", _("Doanh nghiệp")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("kế hoạch")
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind)
    name = models.CharField(_("tên cá nhân, tập thể, doanh nghiệp"), max_length=300)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thuộc đơn vị"),
    )
    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("doanh nghiệp"),
    )
    achievement = models.TextField(_("thành tích"))
    recognised_on = models.DateField(_("ngày biểu dương"))
    spread_at = models.CharField(_("nơi biểu dương, nhân rộng"), max_length=300, blank=True)
    file = models.FileField(_("minh chứng"), upload_to=activity_evidence_path, blank=True)
    original_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("người ghi")
    )

    objects = RegisterQuerySet.as_manager()
    history = HistoricalRecords()

    same_organization = ("plan", "unit", "enterprise")

    class Meta:
        verbose_name = _("điển hình tiên tiến")
        verbose_name_plural = _("điển hình tiên tiến")
        ordering = ["-recognised_on", "-pk"]

    def __str__(self):
        return self.name
