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
from thidua.plans.models import Target
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
    submitted_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    reviewed_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
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

    unit_plan = models.ForeignKey(UnitPlan, on_delete=models.CASCADE, related_name="links")
    parent = models.ForeignKey(
        Target,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="unit_commitments",
        verbose_name=_("chỉ tiêu của Sở"),
    )
    text = models.TextField(_("chỉ tiêu của đơn vị"))
    comparator = models.CharField(max_length=10)
    value = models.DecimalField(max_digits=16, decimal_places=4)
    value_max = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    unit_of_measure = models.CharField(max_length=50)
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
