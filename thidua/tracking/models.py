"""Who carries out each target (assignments), what they report each period, and where each target stands."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.core.formatting import format_number
from thidua.core.models import PrivateFile
from thidua.org.models import Organization, TenantQuerySet, Unit, User
from thidua.org.roles import Capability
from thidua.org.tenancy import SameOrganization
from thidua.plans.models import Deadline, Plan, Target
from thidua.tracking.progress import Status

VALUE_STEP = Decimal("0.0001")
# A typed rate agrees with its numerator and denominator when it is their rate to two decimals.
RATE_TOLERANCE = Decimal("0.01")


def rate_of(numerator: Decimal, denominator: Decimal) -> Decimal:
    return (numerator / denominator * 100).quantize(VALUE_STEP)


def pair_contradiction(value, numerator, denominator) -> str | None:
    """The message when a typed result says otherwise than its numerator and denominator (100 with 9/11)."""
    if value is None or numerator is None or not denominator or numerator > denominator:
        return None
    rate = rate_of(numerator, denominator)
    if abs(Decimal(value) - rate) <= RATE_TOLERANCE:
        return None
    return _(
        "Kết quả %(value)s%% không khớp với tử số/mẫu số %(numerator)s/%(denominator)s (= %(rate)s%%). "
        "Sửa kết quả, hoặc để trống để tính tự động từ tử số và mẫu số."
    ) % {
        "value": format_number(Decimal(value)),
        "numerator": format_number(numerator, places=4),
        "denominator": format_number(denominator, places=4),
        "rate": format_number(rate),
    }


# The engine's status labels, marked here for translation: the engine itself stays free of Django.
STATUS_CHOICES = [
    (Status.ACHIEVED.value, _("Đã đạt")),
    (Status.ON_TRACK.value, _("Đúng tiến độ")),
    (Status.AT_RISK.value, _("Có nguy cơ")),
    (Status.BEHIND.value, _("Chậm tiến độ")),
    (Status.NO_DATA.value, _("Chưa có số liệu")),
    (Status.NOT_STARTED.value, _("Chưa đến kỳ")),
]


class UnitScopedQuerySet(TenantQuerySet):
    """Rows about one unit: the office, leaders and observers see all; a unit sees its own."""

    unit_lookup = "unit"

    def visible_to(self, user):
        rows = super().visible_to(user)
        if not user.is_authenticated or user.is_superuser:
            return rows
        wide = user.organizations_where(Capability.VIEW_ALL_REPORTS)
        own = Q(**{self.unit_lookup: user.unit_id}) if user.unit_id else Q(pk__in=[])
        return rows.filter(Q(**{f"{self.organization_lookup}__in": wide}) | own)


class Assignment(SameOrganization, models.Model):
    """A target given to a unit: who leads or coordinates it, its share and its due date."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Chủ trì")
        COORDINATE = "coordinate", _("Phối hợp")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    target = models.ForeignKey(
        Target, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("chỉ tiêu")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("đơn vị")
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role, default=Role.LEAD)
    share = models.DecimalField(
        _("phần chỉ tiêu của đơn vị"),
        max_digits=16,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Để trống khi đơn vị không nhận một phần số lượng riêng"),
    )
    due_on = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    is_automatic = models.BooleanField(_("giao tự động cho mọi đơn vị"), default=False)
    created_at = models.DateTimeField(_("giao lúc"), auto_now_add=True)

    objects = UnitScopedQuerySet.as_manager()
    history = HistoricalRecords()

    same_organization = ("target", "unit")
    same_organization_messages = {"unit": _("Đơn vị phải thuộc cơ quan ban hành kế hoạch.")}

    class Meta:
        verbose_name = _("giao chỉ tiêu")
        verbose_name_plural = _("giao chỉ tiêu")
        ordering = ["target__position", "role", "unit__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "unit"],
                name="assignment_unique_per_unit",
                violation_error_message=_("Chỉ tiêu này đã được giao cho đơn vị."),
            )
        ]

    def __str__(self):
        return f"{self.unit} — {self.target}"

    def get_absolute_url(self):
        return reverse("tracking:assignment", args=[self.pk])


class ReportQuerySet(UnitScopedQuerySet):
    unit_lookup = "assignment__unit"

    def counted(self):
        """The approved figures in force: the newest approved version of each period."""
        return self.filter(status=Report.Status.APPROVED, superseded_at__isnull=True)


class Report(SameOrganization, models.Model):
    """A unit's figure for one assignment and one period, with evidence and a review state.

    An approved report is never edited: a correction is a new version of the same period,
    and the approved one stays in force until the correction is approved.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        SUBMITTED = "submitted", _("Chờ duyệt")
        APPROVED = "approved", _("Đã duyệt")
        RETURNED = "returned", _("Bị trả lại")

    class Confidence(models.TextChoices):
        ON_TRACK = "on_track", _("Đúng tiến độ")
        AT_RISK = "at_risk", _("Có nguy cơ")
        LATE = "late", _("Chậm")

    EDITABLE = (Status.DRAFT, Status.RETURNED)

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="reports", verbose_name=_("chỉ tiêu được giao")
    )
    period_start = models.DateField(_("kỳ từ ngày"))
    period_end = models.DateField(_("kỳ đến ngày"))
    period_label = models.CharField(_("kỳ báo cáo"), max_length=30)
    version = models.PositiveSmallIntegerField(_("lần báo cáo"), default=1)
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bản được đính chính"),
    )
    value = models.DecimalField(_("kết quả"), max_digits=16, decimal_places=4, null=True, blank=True)
    numerator = models.DecimalField(_("tử số"), max_digits=16, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField(_("mẫu số"), max_digits=16, decimal_places=4, null=True, blank=True)
    analysis = models.TextField(_("phân tích, đánh giá"), blank=True)
    confidence = models.CharField(_("tự đánh giá tiến độ"), max_length=20, choices=Confidence, blank=True)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status, default=Status.DRAFT)
    submitted_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("người gửi")
    )
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("người duyệt")
    )
    reviewed_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    review_comment = models.TextField(_("ý kiến của người duyệt"), blank=True)
    superseded_at = models.DateTimeField(_("được thay thế lúc"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    objects = ReportQuerySet.as_manager()
    history = HistoricalRecords()

    same_organization = ("assignment", "previous")

    class Meta:
        verbose_name = _("báo cáo kết quả")
        verbose_name_plural = _("báo cáo kết quả")
        ordering = ["-period_start", "-version"]
        indexes = [
            models.Index(fields=["assignment", "status", "period_end"], name="report_assignment_status"),
            models.Index(fields=["organization", "status"], name="report_organization_status"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "period_start", "version"],
                name="report_version_unique",
                violation_error_message=_("Kỳ này đã có báo cáo lần này."),
            ),
            models.UniqueConstraint(
                fields=["assignment", "period_start"],
                condition=~Q(status="approved"),
                name="report_one_open_version",
                violation_error_message=_("Kỳ này đang có một báo cáo chưa được duyệt."),
            ),
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | Q(denominator__gt=0),
                name="report_denominator_positive",
                violation_error_message=_("Mẫu số phải lớn hơn 0."),
            ),
        ]

    def __str__(self):
        return f"{self.assignment.unit} — {self.period_label} — {self.assignment.target}"

    def get_absolute_url(self):
        return reverse("tracking:report", args=[self.pk])

    def clean(self):
        super().clean()
        has_pair = self.numerator is not None or self.denominator is not None
        if has_pair and (self.numerator is None or self.denominator is None):
            raise ValidationError(_("Nhập đủ cả tử số và mẫu số, hoặc bỏ trống cả hai."))
        if self.numerator is not None and self.denominator and self.numerator > self.denominator:
            raise ValidationError({"numerator": _("Tử số không được lớn hơn mẫu số.")})
        if has_pair and self.denominator:
            self.value = rate_of(self.numerator, self.denominator)
        if self.status != self.Status.DRAFT and self.value is None:
            raise ValidationError({"value": _("Chưa nhập kết quả của kỳ báo cáo.")})

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    def editable_by(self, user) -> bool:
        """Figures are entered by people of the unit itself, while the report is a draft or returned."""
        return self.is_editable and user.acts_for_unit(Capability.ENTER_REPORTS, self.assignment.unit_id)

    def submittable_by(self, user) -> bool:
        return self.is_editable and user.acts_for_unit(Capability.SUBMIT_REPORTS, self.assignment.unit_id)

    def reviewable_by(self, user) -> bool:
        return self.status == self.Status.SUBMITTED and user.can(
            Capability.REVIEW_REPORTS, self.organization_id
        )

    def correctable_by(self, user) -> bool:
        return (
            self.status == self.Status.APPROVED
            and self.superseded_at is None
            and user.acts_for_unit(Capability.SUBMIT_REPORTS, self.assignment.unit_id)
        )

    @property
    def unit(self):
        return self.assignment.unit


def evidence_path(evidence, filename: str) -> str:
    return f"evidence/{evidence.report.organization_id}/{evidence.report_id}/{filename}"


class EvidenceQuerySet(UnitScopedQuerySet):
    organization_lookup = "report__organization"
    unit_lookup = "report__assignment__unit"


class Evidence(SameOrganization, PrivateFile):
    """A file that proves a reported figure; stored privately, served only to those who may see the report."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("báo cáo")
    )
    file = models.FileField(_("tệp minh chứng"), upload_to=evidence_path)

    objects = EvidenceQuerySet.as_manager()
    history = HistoricalRecords()

    organization_from = "report"

    class Meta(PrivateFile.Meta):
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")

    @property
    def organization(self):
        return self.report.organization


class ProgressSnapshot(SameOrganization, models.Model):
    """Where a target stands, for the whole agency (unit empty) or one unit: kept up to date on write.

    Dashboards read these rows instead of aggregating millions of reports per request.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    target = models.ForeignKey(
        Target, on_delete=models.CASCADE, related_name="snapshots", verbose_name=_("chỉ tiêu")
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    status = models.CharField(_("tình trạng"), max_length=20, choices=STATUS_CHOICES)
    actual = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    expected = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    projected = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    # Why it stands there, as progress.Reason.as_json() gives it ({"code": …, "params": {…}}): rendered
    # in the reader's language by tracking/reasons.py, never stored as words.
    reason = models.JSONField(default=dict, blank=True)
    as_of = models.DateField(null=True, blank=True)
    series = models.JSONField(default=list, help_text="[[period_end ISO, value], …] for charts")
    computed_on = models.DateField()
    updated_at = models.DateTimeField(auto_now=True)

    objects = TenantQuerySet.as_manager()

    same_organization = ("target", "unit")

    class Meta:
        verbose_name = _("tình hình thực hiện")
        verbose_name_plural = _("tình hình thực hiện")
        indexes = [models.Index(fields=["organization", "unit", "status"], name="snapshot_org_unit_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["target"], condition=Q(unit=None), name="snapshot_one_per_target"
            ),
            models.UniqueConstraint(fields=["target", "unit"], name="snapshot_one_per_target_unit"),
        ]

    def __str__(self):
        return f"{self.target} — {self.get_status_display()}"

    @property
    def status_enum(self) -> Status:
        return Status(self.status)


def unit_plan_path(unit_plan, filename: str) -> str:
    return f"unit-plans/{unit_plan.organization_id}/{unit_plan.plan_id}/{unit_plan.unit_id}/{filename}"


class UnitPlan(SameOrganization, models.Model):
    """A unit's own implementation plan for a plan of the agency (kế hoạch thực hiện của đơn vị).

    The reader's draft of it is kept, so that its targets can be linked to the parent plan's.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.CASCADE, related_name="unit_plans", verbose_name=_("kế hoạch của Sở")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="unit_plans", verbose_name=_("đơn vị")
    )
    file = models.FileField(_("tệp kế hoạch"), upload_to=unit_plan_path)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    data = models.JSONField(_("nội dung đọc được"), default=dict)
    submitted_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("người gửi")
    )
    submitted_at = models.DateTimeField(_("gửi lúc"))

    objects = UnitScopedQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["data"])

    same_organization = ("plan", "unit")

    class Meta:
        verbose_name = _("kế hoạch của đơn vị")
        verbose_name_plural = _("kế hoạch của đơn vị")
        ordering = ["plan", "unit__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "unit"],
                name="unit_plan_one_per_unit",
                violation_error_message=_("Đơn vị đã gửi kế hoạch; hãy thay tệp thay vì gửi thêm."),
            )
        ]

    def __str__(self):
        return f"{self.unit} — {self.plan}"

    def get_absolute_url(self):
        return reverse("tracking:unit_plan", args=[self.pk])


class UnitPlanLink(SameOrganization, models.Model):
    """A target of a unit's plan matched to a target of the agency's plan; the office confirms it."""

    unit_plan = models.ForeignKey(
        UnitPlan, on_delete=models.CASCADE, related_name="links", verbose_name=_("kế hoạch của đơn vị")
    )
    parent = models.ForeignKey(
        Target,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="unit_commitments",
        verbose_name=_("chỉ tiêu của Sở"),
    )
    text = models.TextField(_("chỉ tiêu của đơn vị"))
    comparator = models.CharField(_("so sánh"), max_length=10, choices=Target.Comparator)
    value = models.DecimalField(_("mức"), max_digits=16, decimal_places=4)
    value_max = models.DecimalField(_("mức tối đa"), max_digits=16, decimal_places=4, null=True, blank=True)
    unit_of_measure = models.CharField(_("đơn vị tính"), max_length=50)
    score = models.FloatField(_("độ khớp"), default=0)
    confirmed = models.BooleanField(_("đã xác nhận"), default=False)

    history = HistoricalRecords()

    organization_from = "unit_plan"
    same_organization = ("parent",)

    class Meta:
        verbose_name = _("liên kết chỉ tiêu")
        verbose_name_plural = _("liên kết chỉ tiêu")
        ordering = ["unit_plan", "pk"]

    def __str__(self):
        return self.text[:80]


# ——— What the units report in words: their sơ kết / tổng kết, ad-hoc reports, their difficulties ———


class ReportRequestQuerySet(TenantQuerySet):
    """The office, leaders and observers see every request of their agency; a unit the ones addressed
    to it, once the plan they belong to is in force."""

    def visible_to(self, user):
        rows = super().visible_to(user)
        if not user.is_authenticated or user.is_superuser:
            return rows
        wide = Q(organization__in=user.organizations_where(Capability.VIEW_ALL_REPORTS))
        if not user.unit_id:
            return rows.filter(wide)
        addressed = Q(all_units=True) | Q(
            pk__in=ReportRequest.units.through.objects.filter(unit_id=user.unit_id).values("reportrequest_id")
        )
        in_force = Q(plan=None) | Q(plan__status__in=[Plan.Status.PUBLISHED, Plan.Status.CLOSED])
        own = Q(organization_id=user.unit.organization_id) & addressed & in_force
        return rows.filter(wide | own)


class ReportRequest(SameOrganization, models.Model):
    """What the office asks the units to report in words, by a date: their sơ kết or tổng kết of a plan
    (one per sơ kết / tổng kết deadline of the plan, kept in step with it) or an ad-hoc report
    (báo cáo đột xuất) on a subject, of every unit or of chosen ones. Each unit owes one `UnitReport`."""

    class Kind(models.TextChoices):
        INTERIM = "interim", _("Báo cáo sơ kết")
        FINAL = "final", _("Báo cáo tổng kết")
        AD_HOC = "ad_hoc", _("Báo cáo đột xuất")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    plan = models.ForeignKey(
        "plans.Plan",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="report_requests",
        verbose_name=_("kế hoạch"),
    )
    deadline = models.OneToOneField(
        "plans.Deadline",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="report_request",
        verbose_name=_("thời hạn của kế hoạch"),
    )
    kind = models.CharField(_("loại báo cáo"), max_length=10, choices=Kind, default=Kind.AD_HOC)
    subject = models.CharField(_("nội dung báo cáo"), max_length=300)
    details = models.TextField(_("yêu cầu cụ thể"), blank=True)
    due_on = models.DateField(_("thời hạn gửi"))
    bound = models.CharField(
        _("cách tính hạn"), max_length=10, choices=Deadline.Bound, default=Deadline.Bound.BY_END
    )
    all_units = models.BooleanField(_("gửi mọi phòng, đơn vị"), default=True)
    units: models.ManyToManyField = models.ManyToManyField(
        Unit, blank=True, related_name="+", verbose_name=_("các phòng, đơn vị")
    )
    created_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người yêu cầu"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    objects = ReportRequestQuerySet.as_manager()
    history = HistoricalRecords()

    same_organization = ("plan", "deadline", "units")

    class Meta:
        verbose_name = _("yêu cầu báo cáo")
        verbose_name_plural = _("yêu cầu báo cáo")
        ordering = ["-due_on", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject}"

    def get_absolute_url(self):
        return reverse("tracking:unit_report_request", args=[self.pk])

    def addressed_units(self):
        """The units that owe a report: every unit that carries out plans, or the chosen ones."""
        units = Unit.objects.filter(organization_id=self.organization_id).carrying_out()
        if not self.all_units:
            units = units.filter(pk__in=self.units.values("pk"))
        return units.order_by("position", "name")

    def is_addressed_to(self, unit) -> bool:
        return self.addressed_units().filter(pk=getattr(unit, "pk", unit)).exists()


class UnitReport(SameOrganization, models.Model):
    """A unit's report in words for one request: what it did, its results, its shortcomings and its
    proposals, with attachments; drafted by the unit, sent, then received or returned by the office."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        SUBMITTED = "submitted", _("Đã gửi, chờ tiếp nhận")
        RECEIVED = "received", _("Đã tiếp nhận")
        RETURNED = "returned", _("Bị trả lại")

    SECTIONS = ("done", "results", "shortcomings", "proposals")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    request = models.ForeignKey(
        ReportRequest, on_delete=models.CASCADE, related_name="unit_reports", verbose_name=_("yêu cầu")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị"))
    done = models.TextField(_("Công việc đã triển khai"), blank=True)
    results = models.TextField(_("Kết quả đạt được"), blank=True)
    shortcomings = models.TextField(_("Tồn tại, hạn chế và nguyên nhân"), blank=True)
    proposals = models.TextField(_("Đề xuất, kiến nghị"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status, default=Status.DRAFT)
    submitted_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("người gửi")
    )
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("người xử lý")
    )
    reviewed_at = models.DateTimeField(_("xử lý lúc"), null=True, blank=True)
    office_comment = models.TextField(_("ý kiến của Văn phòng"), blank=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    objects = UnitScopedQuerySet.as_manager()
    history = HistoricalRecords()

    same_organization = ("request", "unit")

    class Meta:
        verbose_name = _("báo cáo của đơn vị")
        verbose_name_plural = _("báo cáo của đơn vị")
        ordering = ["request", "unit__position", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "unit"],
                name="unit_report_one_per_request",
                violation_error_message=_("Đơn vị đã có báo cáo cho yêu cầu này."),
            )
        ]

    def __str__(self):
        return f"{self.unit} — {self.request}"

    def get_absolute_url(self):
        return reverse("tracking:unit_report", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def is_sent(self) -> bool:
        return self.status in (self.Status.SUBMITTED, self.Status.RECEIVED)

    @property
    def sections(self) -> list[tuple[str, str]]:
        """(heading, text) of each part of the report, in order."""
        fields = {field.name: field.verbose_name for field in self._meta.fields}
        return [(str(fields[name]), getattr(self, name)) for name in self.SECTIONS]


def unit_report_file_path(attachment, filename: str) -> str:
    return f"unit-reports/{attachment.report.organization_id}/{attachment.report_id}/{filename}"


class UnitReportAttachmentQuerySet(UnitScopedQuerySet):
    organization_lookup = "report__organization"
    unit_lookup = "report__unit"


class UnitReportAttachment(SameOrganization, PrivateFile):
    """A file sent with a unit's report (the signed report, tables, pictures)."""

    report = models.ForeignKey(
        UnitReport, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("báo cáo")
    )
    file = models.FileField(_("tệp đính kèm"), upload_to=unit_report_file_path)

    objects = UnitReportAttachmentQuerySet.as_manager()
    history = HistoricalRecords()

    organization_from = "report"

    class Meta(PrivateFile.Meta):
        verbose_name = _("tệp đính kèm báo cáo")
        verbose_name_plural = _("tệp đính kèm báo cáo")

    @property
    def organization(self):
        return self.report.organization


class DifficultyRule(models.Model):
    """How many days the office has to answer a unit's difficulty, for each agency (default 7)."""

    DEFAULT_DAYS = 7

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="difficulty_rule", verbose_name=_("cơ quan")
    )
    answer_days = models.PositiveSmallIntegerField(
        _("thời hạn trả lời (ngày)"),
        default=DEFAULT_DAYS,
        validators=[MinValueValidator(1)],
        help_text=_("Số ngày kể từ ngày đơn vị gửi vướng mắc, Văn phòng phải trả lời."),
    )

    objects = TenantQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thời hạn trả lời vướng mắc")
        verbose_name_plural = _("thời hạn trả lời vướng mắc")

    def __str__(self):
        return f"{self.organization}: {self.answer_days}"

    @classmethod
    def days_for(cls, organization) -> int:
        rule = cls.objects.filter(organization=organization).first()
        return rule.answer_days if rule else cls.DEFAULT_DAYS


class Difficulty(SameOrganization, models.Model):
    """A difficulty (vướng mắc) a unit raises to the office, which answers it by a due date."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị"))
    plan = models.ForeignKey(
        "plans.Plan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kế hoạch liên quan"),
    )
    subject = models.CharField(_("vướng mắc"), max_length=300)
    details = models.TextField(_("nội dung chi tiết"), blank=True)
    raised_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("người gửi")
    )
    raised_on = models.DateField(_("ngày gửi"))
    answer_due_on = models.DateField(_("hạn trả lời"))
    answer = models.TextField(_("trả lời của Văn phòng"), blank=True)
    answered_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người trả lời"),
    )
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)

    objects = UnitScopedQuerySet.as_manager()
    history = HistoricalRecords()

    same_organization = ("unit", "plan")

    class Meta:
        verbose_name = _("vướng mắc")
        verbose_name_plural = _("vướng mắc")
        ordering = ["-raised_on", "-pk"]

    def __str__(self):
        return f"{self.unit}: {self.subject}"

    def get_absolute_url(self):
        return reverse("tracking:difficulty", args=[self.pk])

    @property
    def is_answered(self) -> bool:
        return self.answered_on is not None

    def is_overdue(self, today) -> bool:
        return not self.is_answered and self.answer_due_on < today
