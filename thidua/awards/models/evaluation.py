"""Yearly ratings of people and units, discipline, and the flags that hold a reward."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.awards import engine
from thidua.awards.models.people import Person, Rating
from thidua.org.models import (
    Organization,
    TenantQuerySet,
    Unit,
    User,
)
from thidua.org.tenancy import SameOrganization

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class RatingStatus(models.TextChoices):
    """Where a rating stands: the unit enters and sends it, the office confirms it or returns it."""

    DRAFT = "draft", _("Đơn vị đang nhập")
    SUBMITTED = "submitted", _("Chờ Văn phòng xác nhận")
    RETURNED = "returned", _("Văn phòng trả lại")
    CONFIRMED = "confirmed", _("Văn phòng đã xác nhận")


class YearRating(SameOrganization, models.Model):
    """A rating for one year (Nghị định 335/2025 grades): entered by the unit, sent, then confirmed (or
    returned with a reason) by the office; only a confirmed rating counts for titles."""

    Status = RatingStatus

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR_VALIDATORS)
    rating = models.CharField(_("xếp loại"), max_length=20, choices=Rating)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=RatingStatus, default=RatingStatus.DRAFT, db_index=True
    )
    entered_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("người nhập")
    )
    submitted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("người gửi")
    )
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người xác nhận hoặc trả lại"),
    )
    reviewed_at = models.DateTimeField(_("xác nhận hoặc trả lại lúc"), null=True, blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)

    subject_field = ""  # the field naming who is rated

    objects = TenantQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-year"]

    def __str__(self):
        return f"{self.subject} — {self.year}: {self.get_rating_display()}"

    @property
    def subject(self):
        return getattr(self, self.subject_field) if getattr(self, f"{self.subject_field}_id") else None

    @property
    def confirmed(self) -> bool:
        return self.status == RatingStatus.CONFIRMED

    @property
    def editable(self) -> bool:
        """The unit may still change it: not sent, or returned."""
        return self.status in (RatingStatus.DRAFT, RatingStatus.RETURNED)


class AnnualRating(YearRating):
    """A person's rating for one year."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("người")
    )
    subject_field = "person"
    same_organization = ("person",)
    history = HistoricalRecords()

    class Meta(YearRating.Meta):
        verbose_name = _("xếp loại cá nhân hằng năm")
        verbose_name_plural = _("xếp loại cá nhân hằng năm")
        ordering = ["-year", "person"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "year"],
                name="annual_rating_once_a_year",
                violation_error_message=_("Người này đã có xếp loại của năm này."),
            )
        ]


class UnitRating(YearRating):
    """A unit's (collective's) rating for one year."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+", verbose_name=_("đơn vị"))
    subject_field = "unit"
    same_organization = ("unit",)
    history = HistoricalRecords()

    class Meta(YearRating.Meta):
        verbose_name = _("xếp loại tập thể hằng năm")
        verbose_name_plural = _("xếp loại tập thể hằng năm")
        ordering = ["-year", "unit"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"],
                name="unit_rating_once_a_year",
                violation_error_message=_("Đơn vị này đã có xếp loại của năm này."),
            )
        ]


class Discipline(SameOrganization, models.Model):
    """A disciplinary measure against a person, in force from one date to another."""

    class Measure(models.TextChoices):
        REPRIMAND = engine.Measure.REPRIMAND, _("Khiển trách")
        WARNING = engine.Measure.WARNING, _("Cảnh cáo")
        SALARY_DOWNGRADE = engine.Measure.SALARY_DOWNGRADE, _("Hạ bậc lương")
        DEMOTION = engine.Measure.DEMOTION, _("Giáng chức")
        DISMISSAL_FROM_POST = engine.Measure.DISMISSAL_FROM_POST, _("Cách chức")
        DISMISSAL = engine.Measure.DISMISSAL, _("Buộc thôi việc")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="disciplines", verbose_name=_("người")
    )
    measure = models.CharField(_("hình thức kỷ luật"), max_length=30, choices=Measure)
    decision_number = models.CharField(_("số quyết định"), max_length=50, blank=True)
    starts_on = models.DateField(_("có hiệu lực từ ngày"))
    ends_on = models.DateField(_("hết hiệu lực ngày"), null=True, blank=True)
    reason = models.TextField(_("lý do"), blank=True)

    same_organization = ("person",)

    objects = TenantQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="discipline_dates_ordered",
                violation_error_message=_("Ngày hết hiệu lực phải sau ngày có hiệu lực."),
            )
        ]

    def __str__(self):
        return f"{self.person} — {self.get_measure_display()}"


class Leave(SameOrganization, models.Model):
    """A period of leave in a year. Leave the law counts as worked time (maternity, treatment after a
    heroic act or a work accident…) never shortens the time worked; other long leave (unpaid leave…)
    does, when the office records it as not counted (TT 02/2011, TT 01/2024/TT-BNV; legal.md §1.4)."""

    class Kind(models.TextChoices):
        MATERNITY = "maternity", _("Nghỉ thai sản")
        HEROIC_TREATMENT = "heroic_treatment", _("Điều trị, điều dưỡng do tham gia chiến đấu, cứu người")
        WORK_ACCIDENT = "work_accident", _("Điều trị tai nạn lao động, bệnh nghề nghiệp")
        SICK = "sick", _("Nghỉ ốm")
        UNPAID = "unpaid", _("Nghỉ không hưởng lương")
        OTHER = "other", _("Nghỉ khác")

    # What the kind says by default; the office may decide otherwise for one leave.
    COUNTED_KINDS = frozenset({Kind.MATERNITY, Kind.HEROIC_TREATMENT, Kind.WORK_ACCIDENT, Kind.SICK})

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="leaves", verbose_name=_("người")
    )
    kind = models.CharField(_("loại nghỉ"), max_length=30, choices=Kind)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    counts_as_worked = models.BooleanField(
        _("được tính là thời gian công tác"),
        default=True,
        help_text=_("Nghỉ thai sản, điều trị do tham gia chiến đấu, cứu người… được tính để xét danh hiệu."),
    )
    note = models.TextField(_("ghi chú"), blank=True)

    same_organization = ("person",)

    objects = TenantQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thời gian nghỉ")
        verbose_name_plural = _("thời gian nghỉ")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="leave_dates_ordered",
                violation_error_message=_("Ngày kết thúc nghỉ phải từ ngày bắt đầu nghỉ trở đi."),
            )
        ]

    def __str__(self):
        return f"{self.person} — {self.get_kind_display()}"


class HoldFlag(SameOrganization, models.Model):
    """An open disciplinary review, investigation, inspection or audit with signs of violation,
    complaint or denunciation, or press report under verification: while open, the person or unit can be
    neither proposed nor rewarded (Nghị định 152/2025)."""

    class Kind(models.TextChoices):
        DISCIPLINE_REVIEW = "discipline_review", _("Đang xem xét kỷ luật")
        INVESTIGATION = "investigation", _("Đang bị điều tra")
        INSPECTION = "inspection", _("Đang thanh tra, kiểm toán có dấu hiệu vi phạm")
        COMPLAINT = "complaint", _("Đang có khiếu nại, tố cáo chưa giải quyết")
        PRESS = "press", _("Đang xác minh thông tin báo chí phản ánh")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="holds", verbose_name=_("người")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("đơn vị")
    )
    kind = models.CharField(_("lý do"), max_length=30, choices=Kind)
    opened_on = models.DateField(_("từ ngày"))
    closed_on = models.DateField(_("kết thúc ngày"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    same_organization = ("person", "unit")

    objects = TenantQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tạm dừng xét khen thưởng")
        verbose_name_plural = _("tạm dừng xét khen thưởng")
        ordering = ["-opened_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, unit__isnull=True)
                | Q(person__isnull=True, unit__isnull=False),
                name="hold_flag_one_subject",
                violation_error_message=_("Tạm dừng xét khen thưởng áp dụng cho một người hoặc một đơn vị."),
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                name="hold_flag_dates_ordered",
                violation_error_message=_("Ngày kết thúc phải sau ngày bắt đầu."),
            ),
        ]

    def __str__(self):
        return f"{self.person or self.unit} — {self.get_kind_display()}"
