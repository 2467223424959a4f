"""Chấm điểm thi đua: the agency's yearly criteria table for its units, each unit's sheet (points fed
from Thi Đua's own records, the rest self-scored with evidence), verified by the office and ranked.

The same shape as the enterprises' assessment (engagement: CriterionSet, Criterion, Assessment, Score),
and the same core (`thidua.core.scoring`: bounds, totals, ranking, the points form)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.core.scoring import check_points
from thidua.org.models import Organization, TenantQuerySet, Unit, User
from thidua.org.roles import Capability
from thidua.org.tenancy import SameOrganization

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class ScoringTable(SameOrganization, models.Model):
    """The agency's criteria for scoring its units in one year (bảng tiêu chí chấm điểm thi đua)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR_VALIDATORS)
    name = models.CharField(_("tên bảng tiêu chí"), max_length=300)
    legal_basis = models.CharField(_("căn cứ"), max_length=300, blank=True)

    objects = TenantQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bảng tiêu chí chấm điểm thi đua đơn vị")
        verbose_name_plural = _("bảng tiêu chí chấm điểm thi đua đơn vị")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year"],
                name="scoring_table_one_per_year",
                violation_error_message=_("Cơ quan đã có bảng tiêu chí chấm điểm của năm này."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.year})"

    def get_absolute_url(self):
        return reverse("awards:scoring_table", args=[self.pk])

    def submitted_count(self) -> int:
        """Units that have sent their sheet: from the first one, the criteria are fixed."""
        return self.sheets.exclude(state=UnitScore.State.DRAFT).count()

    @property
    def total_points(self) -> Decimal:
        return sum(
            (c.max_points for c in self.criteria.all() if c.kind == ScoringCriterion.Kind.POINTS), Decimal(0)
        )

    def next_position(self) -> int:
        last = self.criteria.aggregate(last=models.Max("position"))["last"]
        return 1 if last is None else last + 1


class ScoringCriterionQuerySet(TenantQuerySet):
    organization_lookup = "table__organization"


class ScoringCriterion(SameOrganization, models.Model):
    """One line of the table: points to earn (or a deduction, điểm trừ), in a group, with its maximum.
    A criterion fed from Thi Đua's records earns its maximum when the measure reaches `threshold`, and
    a proportional share below it; the rest the unit scores itself, with evidence."""

    class Kind(models.TextChoices):
        POINTS = "points", _("Điểm cộng")
        DEDUCTION = "deduction", _("Điểm trừ")

    class Source(models.TextChoices):
        SELF = "self", _("Đơn vị tự chấm, có minh chứng")
        TARGETS = "targets_reached", _("Tỷ lệ chỉ tiêu được giao đã đạt, đúng tiến độ (%)")
        REPORTS = "reports_on_time", _("Tỷ lệ báo cáo gửi đúng hạn (%)")
        INITIATIVES = "initiatives_recognised", _("Số sáng kiến được công nhận trong năm")
        FEEDBACK = "feedback_on_time", _("Tỷ lệ phản ánh, kiến nghị trả lời đúng hạn (%)")

    table = models.ForeignKey(
        ScoringTable, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("bảng tiêu chí")
    )
    group = models.CharField(_("nhóm tiêu chí"), max_length=200)
    text = models.CharField(_("tiêu chí"), max_length=500)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind, default=Kind.POINTS)
    source = models.CharField(_("cách chấm"), max_length=30, choices=Source, default=Source.SELF)
    threshold = models.DecimalField(
        _("mức đạt điểm tối đa"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Với tiêu chí tính từ dữ liệu: đạt mức này được điểm tối đa, dưới mức được điểm tỷ lệ"),
    )
    max_points = models.DecimalField(
        _("điểm tối đa"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)]
    )
    position = models.PositiveIntegerField(_("thứ tự"), default=0)

    objects = ScoringCriterionQuerySet.as_manager()
    history = HistoricalRecords()

    organization_from = "table"

    class Meta:
        verbose_name = _("tiêu chí chấm điểm đơn vị")
        verbose_name_plural = _("tiêu chí chấm điểm đơn vị")
        ordering = ["table", "position", "pk"]

    def __str__(self):
        return self.text

    @property
    def organization(self):
        return self.table.organization

    @property
    def is_computed(self) -> bool:
        return self.source != self.Source.SELF

    def clean(self):
        super().clean()
        if self.is_computed and self.kind == self.Kind.DEDUCTION:
            raise ValidationError({"source": _("Điểm trừ do đơn vị tự chấm, có minh chứng.")})
        if self.is_computed and self.threshold is None:
            raise ValidationError({"threshold": _("Tiêu chí tính từ dữ liệu cần mức đạt điểm tối đa.")})


class UnitScoreQuerySet(TenantQuerySet):
    def visible_to(self, user):
        """The office, leaders and observers see every unit's sheet; a unit head their unit's."""
        rows = super().visible_to(user)
        if not user.is_authenticated or user.is_superuser:
            return rows
        wide = Q(organization__in=user.organizations_where(Capability.VIEW_UNIT_SCORES))
        own = (
            Q(unit_id=user.unit_id, organization__in=user.organizations_where(Capability.SCORE_OWN_UNIT))
            if user.unit_id
            else Q(pk__in=[])
        )
        return rows.filter(wide | own)


class UnitScore(SameOrganization, models.Model):
    """One unit's sheet for the year: self-scored, sent, verified by the office, ranked."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Đang tự chấm")
        SUBMITTED = "submitted", _("Chờ thẩm định")
        VERIFIED = "verified", _("Đã thẩm định")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    table = models.ForeignKey(
        ScoringTable, on_delete=models.PROTECT, related_name="sheets", verbose_name=_("bảng tiêu chí")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị"))
    state = models.CharField(_("trạng thái"), max_length=20, choices=State, default=State.DRAFT)
    self_total = models.DecimalField(_("tổng điểm tự chấm"), max_digits=8, decimal_places=2, default=0)
    total = models.DecimalField(
        _("tổng điểm thẩm định"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    rank = models.PositiveIntegerField(_("xếp hạng"), null=True, blank=True)
    submitted_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    verified_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    verified_at = models.DateTimeField(_("thẩm định lúc"), null=True, blank=True)

    objects = UnitScoreQuerySet.as_manager()
    history = HistoricalRecords()

    same_organization = ("table", "unit")

    class Meta:
        verbose_name = _("kết quả chấm điểm thi đua đơn vị")
        verbose_name_plural = _("kết quả chấm điểm thi đua đơn vị")
        ordering = ["table", models.F("rank").asc(nulls_last=True), "unit__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["table", "unit"],
                name="unit_score_one_per_unit_year",
                violation_error_message=_("Đơn vị đã có bản chấm điểm của năm này."),
            )
        ]

    def __str__(self):
        return f"{self.unit} — {self.table.year}"

    def get_absolute_url(self):
        return reverse("awards:unit_score", args=[self.pk])

    def self_scorable_by(self, user) -> bool:
        """The unit scores itself (its head) until it has sent the sheet."""
        return self.state == self.State.DRAFT and user.acts_for_unit(Capability.SCORE_OWN_UNIT, self.unit_id)

    def verifiable_by(self, user) -> bool:
        return self.state == self.State.SUBMITTED and user.can(
            Capability.VERIFY_UNIT_SCORES, self.organization_id
        )


def unit_score_evidence_path(line, filename: str) -> str:
    return f"unit-scores/{line.sheet.organization_id}/{line.sheet_id}/{filename}"


class UnitScoreLineQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(sheet__in=UnitScore.objects.visible_to(user))


class UnitScoreLine(SameOrganization, models.Model):
    """One criterion of a unit's sheet: what Thi Đua measured (for a computed criterion, with its
    figures), the points claimed with evidence, and the office's points (a changed one with a reason)."""

    sheet = models.ForeignKey(
        UnitScore, on_delete=models.CASCADE, related_name="lines", verbose_name=_("bản chấm điểm")
    )
    criterion = models.ForeignKey(
        ScoringCriterion, on_delete=models.PROTECT, related_name="+", verbose_name=_("tiêu chí")
    )
    measured = models.DecimalField(
        _("số liệu tính được"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    detail = models.JSONField(_("căn cứ số liệu"), default=dict, blank=True)
    self_points = models.DecimalField(_("điểm tự chấm"), max_digits=6, decimal_places=2, default=0)
    evidence = models.FileField(_("minh chứng"), upload_to=unit_score_evidence_path, blank=True)
    verified_points = models.DecimalField(
        _("điểm thẩm định"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    adjust_reason = models.TextField(_("lý do điều chỉnh"), blank=True)

    objects = UnitScoreLineQuerySet.as_manager()
    history = HistoricalRecords()

    organization_from = "sheet"
    same_organization = ("criterion",)

    class Meta:
        verbose_name = _("điểm tiêu chí của đơn vị")
        verbose_name_plural = _("điểm tiêu chí của đơn vị")
        ordering = ["criterion__position", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="unit_score_line_one_per_criterion"),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.self_points}"

    @property
    def organization(self):
        return self.sheet.organization

    @property
    def points(self) -> Decimal:
        """The points that count: the office's once verified, else the claim."""
        return self.self_points if self.verified_points is None else self.verified_points

    def clean(self):
        super().clean()
        if not self.criterion_id:
            return
        for name in ("self_points", "verified_points"):
            try:
                check_points(getattr(self, name), self.criterion.max_points)
            except ValidationError as error:
                raise ValidationError({name: error.messages}) from error
        changed = self.verified_points is not None and self.verified_points != self.self_points
        if changed and not self.adjust_reason.strip():
            raise ValidationError({"adjust_reason": _("Ghi lý do khi điều chỉnh điểm tự chấm.")})
