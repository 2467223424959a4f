"""Movements and their plans: the document's structure, targets, phases, deadlines, citations."""

import datetime
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from tree_queries.models import TreeNode
from tree_queries.query import TreeQuerySet

from thidua.core.formatting import format_date, format_number, format_quantity
from thidua.core.workdays import last_day_to_comply
from thidua.org.models import Organization, TenantQuerySet, Unit
from thidua.org.roles import Capability
from thidua.org.tenancy import SameOrganization


class Movement(models.Model):
    """A named emulation movement (phong trào thi đua) that one or more plans carry out."""

    class Form(models.TextChoices):
        REGULAR = "regular", _("Thường xuyên")
        THEMATIC = "thematic", _("Theo chuyên đề")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="movements", verbose_name=_("cơ quan")
    )
    name = models.CharField(_("tên phong trào"), max_length=500)
    form = models.CharField(_("hình thức"), max_length=20, choices=Form, default=Form.THEMATIC)
    description = models.TextField(_("mô tả"), blank=True)

    objects = TenantQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"],
                name="movement_name_unique_in_organization",
                violation_error_message=_("Cơ quan đã có phong trào cùng tên."),
            )
        ]

    def __str__(self):
        return self.name


class PlanQuerySet(TenantQuerySet):
    read_capability = Capability.VIEW_DASHBOARDS

    def visible_to(self, user):
        """The agency's people see its issued plans; drafts only where they may work on drafts."""
        plans = super().visible_to(user)
        if not user.is_authenticated or user.is_superuser:
            return plans
        draft_organizations = user.organizations_where(Capability.VIEW_DRAFT_PLANS)
        return plans.filter(~Q(status=Plan.Status.DRAFT) | Q(organization__in=draft_organizations))

    def published(self):
        return self.filter(status=Plan.Status.PUBLISHED)


class Plan(SameOrganization, models.Model):
    """One issued plan document (Kế hoạch) of a movement."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        PUBLISHED = "published", _("Đang thực hiện")
        CLOSED = "closed", _("Đã kết thúc")

    class Rhythm(models.TextChoices):
        MONTHLY = "monthly", _("Hằng tháng")
        QUARTERLY = "quarterly", _("Hằng quý")
        YEARLY = "yearly", _("Hằng năm")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="plans", verbose_name=_("cơ quan")
    )
    movement = models.ForeignKey(
        Movement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
        verbose_name=_("phong trào"),
    )
    kind = models.CharField(_("loại văn bản"), max_length=50, default="Kế hoạch")
    number = models.CharField(_("số, ký hiệu"), max_length=50, blank=True)
    title = models.TextField(_("trích yếu"))
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    province = models.CharField(_("tỉnh, thành phố"), max_length=100, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=150, blank=True)
    signer_on_behalf_of = models.CharField(_("ký thay"), max_length=150, blank=True)
    recipients = models.JSONField(_("nơi nhận"), default=list, blank=True)
    source_file = models.FileField(_("tệp văn bản gốc"), upload_to="plans/%Y/", blank=True)
    source_text = models.TextField(_("nội dung văn bản"), blank=True)
    starts_on = models.DateField(_("bắt đầu"), null=True, blank=True)
    ends_on = models.DateField(_("kết thúc"), null=True, blank=True)
    reporting_rhythm = models.CharField(
        _("kỳ báo cáo"), max_length=20, choices=Rhythm, default=Rhythm.QUARTERLY
    )
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(_("ban hành trên hệ thống lúc"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    objects = PlanQuerySet.as_manager()
    history = HistoricalRecords()

    same_organization = ("movement",)

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-issued_on", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "number"],
                condition=~Q(number=""),
                name="plan_number_unique_in_organization",
                violation_error_message=_("Cơ quan đã có kế hoạch mang số này."),
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="plan_span_ordered",
                violation_error_message=_("Ngày kết thúc phải sau ngày bắt đầu."),
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.number}".strip() if self.number else self.title[:80]

    def get_absolute_url(self):
        return reverse("plans:detail", args=[self.pk])

    def unit_plans_open_to(self, user) -> bool:
        """Who opens the page of the units' own plans: those who read every unit's reports, and a
        unit of this agency that sends its own plan."""
        if user.can(Capability.VIEW_ALL_REPORTS, self.organization_id):
            return True
        return self.sendable_unit_plan_by(user)

    def sendable_unit_plan_by(self, user) -> bool:
        """A unit of the plan's agency sends its own plan, through whoever sends its reports."""
        return (
            user.unit_id is not None
            and user.unit.organization_id == self.organization_id
            and user.acts_for_unit(Capability.SUBMIT_UNIT_PLANS, user.unit)
        )

    @property
    def signer_display(self) -> str:
        prefix = f"KT. {self.signer_on_behalf_of} – " if self.signer_on_behalf_of else ""
        return f"{prefix}{self.signer_position} {self.signer_name}".strip()


class PlanChildQuerySet(models.QuerySet):
    """Rows of a plan are visible exactly when their plan is."""

    def visible_to(self, user):
        return self.filter(plan__in=Plan.objects.visible_to(user))


class PlanPart(models.Model):
    """What every part of a plan shares: its plan, its place in the text, its history."""

    source_start = models.PositiveIntegerField(_("vị trí đầu trong văn bản"), null=True, blank=True)
    source_end = models.PositiveIntegerField(_("vị trí cuối trong văn bản"), null=True, blank=True)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)

    objects = PlanChildQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["position", "pk"]

    @property
    def organization(self):
        return self.plan.organization


class Reference(SameOrganization, PlanPart):
    """A document the plan cites (Kế hoạch số 184/KH-UBND ngày 08/6/2026 của UBND tỉnh)."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="references", verbose_name=_("kế hoạch")
    )
    kind = models.CharField(_("loại văn bản"), max_length=50)
    number = models.CharField(_("số, ký hiệu"), max_length=60)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)

    history = HistoricalRecords()

    organization_from = "plan"

    class Meta(PlanPart.Meta):
        verbose_name = _("văn bản được trích dẫn")
        verbose_name_plural = _("văn bản được trích dẫn")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="reference_unique_in_plan",
                violation_error_message=_("Văn bản này đã có trong danh sách trích dẫn."),
            )
        ]

    def __str__(self):
        return f"{self.kind} số {self.number}"


ROMAN_LABEL = re.compile(r"^[IVXLC]+$")
NUMBER_LABEL = re.compile(r"^\d+(\.\d+)*$")
LETTER_LABEL = re.compile(r"^[a-zđ]$")


def outline_label(label: str) -> str:
    """A section's number as the plan writes it: "I.", "1.", "2.1.", "a)", "-", "+"."""
    label = (label or "").strip()
    if ROMAN_LABEL.match(label) or NUMBER_LABEL.match(label):
        return f"{label}."
    if LETTER_LABEL.match(label):
        return f"{label})"
    return label


class SectionQuerySet(PlanChildQuerySet, TreeQuerySet):
    pass


class Section(SameOrganization, PlanPart, TreeNode):
    """A numbered part of the plan's text (I, 1, a, -, +), kept as a tree."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="sections", verbose_name=_("kế hoạch")
    )
    label = models.CharField(_("số thứ tự"), max_length=20, blank=True)
    heading = models.TextField(_("tiêu đề"))

    objects = SectionQuerySet.as_manager(with_tree_fields=True)
    history = HistoricalRecords()

    organization_from = "plan"
    same_organization = ("parent",)

    class Meta(PlanPart.Meta):
        verbose_name = _("mục")
        verbose_name_plural = _("mục")

    def __str__(self):
        return f"{self.outline_label} {self.heading}".strip()

    @property
    def outline_label(self) -> str:
        return outline_label(self.label)

    def clean(self):
        super().clean()
        if self.parent_id and self.parent.plan_id != self.plan_id:
            raise ValidationError({"parent": _("Mục cha phải thuộc cùng kế hoạch.")})


class Target(SameOrganization, PlanPart):
    """A quantified commitment of the plan (chỉ tiêu)."""

    class Comparator(models.TextChoices):
        GTE = ">=", _("từ … trở lên (≥)")
        LTE = "<=", _("không quá (≤)")
        EQ = "=", _("bằng (=)")
        GT = ">", _("trên (>)")
        LT = "<", _("dưới (<)")
        RANGE = "range", _("trong khoảng")

    class PeriodKind(models.TextChoices):
        ANNUAL = "annual", _("Hằng năm")
        CUMULATIVE = "cumulative", _("Lũy kế cả giai đoạn")
        BY_DATE = "by_date", _("Đạt đến thời điểm")
        AVERAGE = "average", _("Bình quân giai đoạn")
        PLAN = "plan", _("Suốt kế hoạch")

    class Measurement(models.TextChoices):
        ENTERED = "entered", _("Đơn vị báo cáo số liệu")
        COMPUTED = "computed", _("Tính tự động từ sổ theo dõi")

    SYMBOLS = {">=": "≥", "<=": "≤", "=": "=", ">": ">", "<": "<"}

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="targets", verbose_name=_("kế hoạch")
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="targets",
        verbose_name=_("mục"),
    )
    text = models.TextField(_("nội dung chỉ tiêu"))
    comparator = models.CharField(_("so sánh"), max_length=10, choices=Comparator, default=Comparator.GTE)
    value = models.DecimalField(
        _("giá trị"), max_digits=16, decimal_places=4, validators=[MinValueValidator(0)]
    )
    value_max = models.DecimalField(
        _("giá trị tối đa"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    unit_of_measure = models.CharField(_("đơn vị tính"), max_length=50)
    period_kind = models.CharField(_("cách tính theo thời gian"), max_length=20, choices=PeriodKind)
    per_unit = models.BooleanField(
        _("áp dụng cho từng đơn vị"),
        default=False,
        help_text=_("Mỗi phòng, ban, đơn vị phải tự đạt chỉ tiêu"),
    )
    starts_on = models.DateField(_("từ ngày"), null=True, blank=True)
    ends_on = models.DateField(_("đến ngày"), null=True, blank=True)
    lead_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_targets",
        verbose_name=_("đơn vị chủ trì"),
    )
    measurement = models.CharField(
        _("cách đo"), max_length=20, choices=Measurement, default=Measurement.ENTERED
    )
    indicator = models.CharField(
        _("chỉ số tự động"), max_length=80, blank=True, help_text=_("Mã chỉ số khi đo từ sổ theo dõi")
    )
    milestones = models.JSONField(
        _("lộ trình từng năm"),
        default=list,
        blank=True,
        help_text=_("[[ngày ISO, mức cần đạt đến ngày đó], …]: mức (hoặc tổng cộng dồn) theo lộ trình"),
    )
    indicator_topic = models.CharField(
        _("chỉ tính theo chủ đề"),
        max_length=200,
        blank=True,
        help_text=_(
            "Từ khóa, cách nhau bởi dấu phẩy: chỉ tính những bản ghi (sáng kiến…) có lĩnh vực hoặc tên "
            "chứa một trong các từ này"
        ),
    )

    history = HistoricalRecords()

    organization_from = "plan"
    same_organization = ("section", "lead_unit")
    same_organization_messages = {"lead_unit": _("Đơn vị chủ trì phải thuộc cơ quan ban hành kế hoạch.")}

    class Meta(PlanPart.Meta):
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        constraints = [
            models.CheckConstraint(
                condition=(Q(comparator="range") & Q(value_max__gt=F("value")))
                | (~Q(comparator="range") & Q(value_max__isnull=True)),
                name="target_range_has_upper_bound",
                violation_error_message=_(
                    "Chỉ tiêu dạng khoảng cần giá trị tối đa lớn hơn giá trị tối thiểu."
                ),
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="target_span_ordered",
                violation_error_message=_("Ngày kết thúc phải sau ngày bắt đầu."),
            ),
        ]

    def __str__(self):
        return self.text[:120]

    def clean(self):
        super().clean()
        errors = {}
        if self.comparator == self.Comparator.RANGE:
            if self.value_max is None or (self.value is not None and self.value_max <= self.value):
                errors["value_max"] = _("Chỉ tiêu dạng khoảng cần giá trị tối đa lớn hơn giá trị tối thiểu.")
        elif self.value_max is not None:
            errors["value_max"] = _("Chỉ nhập giá trị tối đa khi chỉ tiêu là một khoảng.")
        if self.unit_of_measure == "%" and self.value is not None and self.value > Decimal(1000):
            errors["value"] = _("Tỷ lệ phần trăm không hợp lệ.")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("Ngày kết thúc phải sau ngày bắt đầu.")
        if self.measurement == self.Measurement.COMPUTED and not self.indicator:
            errors["indicator"] = _("Chỉ tiêu tính tự động cần chọn chỉ số để tính.")
        if errors:
            raise ValidationError(errors)

    @property
    def requirement(self) -> str:
        """The commitment in short: "≥ 99%", "3 – 4 đường hầm", "= 100%"."""
        if self.comparator == self.Comparator.RANGE:
            return f"{format_number(self.value)} – {format_quantity(self.value_max, self.unit_of_measure)}"
        return f"{self.SYMBOLS[self.comparator]} {format_quantity(self.value, self.unit_of_measure)}"


class Phase(SameOrganization, PlanPart):
    """A named period of the plan (Giai đoạn 1: từ năm 2026 đến hết tháng 6 năm 2028)."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="phases", verbose_name=_("kế hoạch")
    )
    name = models.CharField(_("tên giai đoạn"), max_length=200)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    description = models.TextField(_("nội dung"), blank=True)

    history = HistoricalRecords()

    organization_from = "plan"

    class Meta(PlanPart.Meta):
        verbose_name = _("giai đoạn")
        verbose_name_plural = _("giai đoạn")
        ordering = ["starts_on", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="phase_span_ordered",
                violation_error_message=_("Ngày kết thúc giai đoạn phải sau ngày bắt đầu."),
            )
        ]

    def __str__(self):
        return self.name


class Deadline(SameOrganization, PlanPart):
    """A dated obligation of the plan: submit, report, review."""

    class Bound(models.TextChoices):
        BEFORE = "before", _("trước ngày")
        ON = "on", _("vào ngày")
        BY_END = "by_end", _("chậm nhất hết ngày")

    class Kind(models.TextChoices):
        UNIT_PLAN = "unit_plan", _("Gửi kế hoạch của đơn vị")
        INTERIM = "interim", _("Sơ kết")
        FINAL = "final", _("Tổng kết")
        REPORT = "report", _("Báo cáo")
        OTHER = "other", _("Khác")

    class Recurrence(models.TextChoices):
        ONCE = "", _("Một lần")
        YEARLY = "yearly", _("Hằng năm")
        SEMIANNUAL = "semiannual", _("Định kỳ 6 tháng")
        QUARTERLY = "quarterly", _("Hằng quý")
        MONTHLY = "monthly", _("Hằng tháng")

    SOON_DAYS = 30

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="deadlines", verbose_name=_("kế hoạch")
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deadlines",
        verbose_name=_("mục"),
    )
    due_on = models.DateField(_("thời hạn"))
    bound = models.CharField(_("cách tính hạn"), max_length=10, choices=Bound, default=Bound.BEFORE)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind, default=Kind.OTHER)
    recurrence = models.CharField(
        _("lặp lại"),
        max_length=20,
        choices=Recurrence,
        default=Recurrence.ONCE,
        blank=True,
        help_text=_("Một thời hạn lặp lại được tạo thành từng lần trong thời gian của kế hoạch"),
    )
    text = models.TextField(_("nội dung"))
    responsible_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deadlines",
        verbose_name=_("đơn vị chịu trách nhiệm"),
    )
    completed_on = models.DateField(
        _("hoàn thành ngày"),
        null=True,
        blank=True,
        help_text=_("Với việc của cả cơ quan (sơ kết, tổng kết); việc của từng đơn vị được theo dõi riêng"),
    )

    history = HistoricalRecords()

    organization_from = "plan"
    same_organization = ("section", "responsible_unit")

    class Meta(PlanPart.Meta):
        verbose_name = _("thời hạn")
        verbose_name_plural = _("thời hạn")
        ordering = ["due_on", "position"]

    def __str__(self):
        return f"{self.get_bound_display()} {self.due_on:%d/%m/%Y}: {self.text[:80]}"

    @property
    def comply_by(self) -> datetime.date:
        """The last day on which doing it still meets the deadline: "trước ngày X" means X-1."""
        return last_day_to_comply(self.due_on, self.bound)

    @property
    def meaning(self) -> str:
        return _("Hoàn thành chậm nhất ngày %(date)s") % {"date": format_date(self.comply_by)}

    def timing(self, today: datetime.date) -> str:
        """Where the deadline stands on `today`; a unit-plan deadline is followed unit by unit instead."""
        if self.completed_on:
            return "done"
        days_left = (self.comply_by - today).days
        if days_left < 0:
            return "overdue"
        if days_left <= self.SOON_DAYS:
            return "soon"
        return "open"


class Responsibility(SameOrganization, PlanPart):
    """Who leads, coordinates or carries out what, as the plan's "Tổ chức thực hiện" says."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Chủ trì")
        COORDINATE = "coordinate", _("Phối hợp")
        CARRY_OUT = "carry_out", _("Thực hiện")

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="responsibilities", verbose_name=_("kế hoạch")
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsibilities",
        verbose_name=_("mục"),
    )
    unit_name = models.CharField(_("đơn vị (theo văn bản)"), max_length=300)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responsibilities",
        verbose_name=_("đơn vị"),
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role, default=Role.CARRY_OUT)
    text = models.TextField(_("nhiệm vụ"), blank=True)

    history = HistoricalRecords()

    organization_from = "plan"
    same_organization = ("section", "unit")

    class Meta(PlanPart.Meta):
        verbose_name = _("phân công thực hiện")
        verbose_name_plural = _("phân công thực hiện")

    def __str__(self):
        return f"{self.get_role_display()}: {self.unit_name}"


class PlanDraftQuerySet(TenantQuerySet):
    read_capability = Capability.VIEW_DRAFT_PLANS


class PlanDraft(SameOrganization, models.Model):
    """A plan document as the reader understood it, while the office reviews and corrects it.

    `data` holds the reader's output (format thidua.plan/v1 with sections, spans and the
    text); publishing turns it into a Plan with all its parts in one transaction.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Đang rà soát")
        PUBLISHED = "published", _("Đã ban hành")
        DISCARDED = "discarded", _("Đã hủy")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="plan_drafts", verbose_name=_("cơ quan")
    )
    source_file = models.FileField(_("tệp văn bản"), upload_to="plan-drafts/%Y/", blank=True)
    source_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    data = models.JSONField(_("nội dung đọc được"))
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status, default=Status.OPEN)
    plan = models.OneToOneField(
        Plan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="draft",
        verbose_name=_("kế hoạch"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = PlanDraftQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["data"])

    same_organization = ("plan",)

    class Meta:
        verbose_name = _("bản nháp kế hoạch")
        verbose_name_plural = _("bản nháp kế hoạch")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title or self.source_name

    def get_absolute_url(self):
        return reverse("plans:draft", args=[self.pk])

    @property
    def title(self) -> str:
        return (self.data.get("document") or {}).get("title") or ""

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN
