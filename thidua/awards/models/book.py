"""The reward book: every title and reward given, with its decision."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.awards.models.decisions import Decision, Proposal
from thidua.awards.models.evaluation import HoldFlag
from thidua.awards.models.people import Person, RewardKind, Title
from thidua.org.models import (
    Organization,
    TenantQuerySet,
    Unit,
)
from thidua.org.tenancy import SameOrganization
from thidua.plans.models import Movement

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class Award(SameOrganization, models.Model):
    """One line of the reward book: a title or reward given to a person or a unit, with its decision.

    Thematic (chuyên đề) and sudden (đột xuất) rewards are kept but never count towards chains of
    consecutive titles (Nghị định 152/2025)."""

    Kind = RewardKind

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
        verbose_name=_("cá nhân"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("tập thể")
    )
    year = models.PositiveSmallIntegerField(_("năm thành tích"), validators=YEAR_VALIDATORS)
    title = models.CharField(_("danh hiệu, hình thức"), max_length=30, choices=Title)
    title_text = models.CharField(
        _("tên hình thức khác"), max_length=200, blank=True, help_text=_("Khi chọn “Hình thức khác”")
    )
    kind = models.CharField(_("loại khen thưởng"), max_length=20, choices=Kind, default=Kind.ANNUAL)
    movement = models.ForeignKey(
        Movement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("phong trào thi đua"),
    )
    decision_number = models.CharField(_("số quyết định"), max_length=50)
    decision_date = models.DateField(_("ngày quyết định"))
    signer = models.CharField(_("người ký"), max_length=150, blank=True)
    bonus = models.PositiveBigIntegerField(_("tiền thưởng (đồng)"), default=0)
    # The Director's decision that gave it, or the proposal the province answered; neither for rewards
    # of past years imported from Excel (their number and date are the record).
    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
        verbose_name=_("quyết định"),
    )
    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
        verbose_name=_("tờ trình"),
    )

    same_organization = ("person", "unit", "movement", "decision", "proposal")

    objects = TenantQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("khen thưởng")
        verbose_name_plural = _("sổ khen thưởng")
        ordering = ["-year", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, unit__isnull=True)
                | Q(person__isnull=True, unit__isnull=False),
                name="award_one_subject",
                violation_error_message=_("Mỗi dòng khen thưởng dành cho một cá nhân hoặc một tập thể."),
            ),
            # One achievement, one reward (Luật 2022 Điều 6): a yearly title once a year per subject.
            models.UniqueConstraint(
                fields=["person", "year", "title"],
                condition=Q(kind="annual", person__isnull=False),
                name="award_person_title_once_a_year",
                violation_error_message=_("Cá nhân này đã có danh hiệu này cho năm thành tích này."),
            ),
            models.UniqueConstraint(
                fields=["unit", "year", "title"],
                condition=Q(kind="annual", unit__isnull=False),
                name="award_unit_title_once_a_year",
                violation_error_message=_("Tập thể này đã có danh hiệu này cho năm thành tích này."),
            ),
        ]
        indexes = [models.Index(fields=["organization", "year"], name="award_org_year")]

    def __str__(self):
        name = self.title_text if self.title == Title.OTHER else self.get_title_display()
        return f"{self.person or self.unit} — {name} {self.year}"

    def clean(self):
        super().clean()
        if self.title == Title.OTHER and not self.title_text.strip():
            raise ValidationError({"title_text": _("Ghi tên hình thức khen thưởng.")})
        if self.decision_date and self.year and self.decision_date.year < self.year:
            raise ValidationError({"decision_date": _("Quyết định không thể trước năm thành tích.")})
        if self.pk is None and self.decision_date and self.held_on(self.decision_date):
            raise ValidationError(
                _("Đang tạm dừng xét khen thưởng (kỷ luật, thanh tra, khiếu nại…): không thể khen thưởng.")
            )

    def held_on(self, day) -> bool:
        """Whether a hold flag on the person or unit was open on `day` (Nghị định 152/2025)."""
        subject = {"person_id": self.person_id} if self.person_id else {"unit_id": self.unit_id}
        open_then = Q(closed_on__isnull=True) | Q(closed_on__gt=day)
        return HoldFlag.objects.filter(open_then, opened_on__lte=day, **subject).exists()
