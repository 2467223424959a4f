"""Bình xét: the units' nominations of people and of themselves."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.awards import engine
from thidua.awards.models.people import Person, RewardKind, SubjectKind, Title
from thidua.org.models import (
    Enterprise,
    Organization,
    TenantQuerySet,
    Unit,
    User,
)
from thidua.org.tenancy import SameOrganization
from thidua.plans.models import Movement

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class Nomination(SameOrganization, models.Model):
    """Bình xét: a unit puts one of its people, or itself, forward for a title for a year, with an
    achievement summary. The office sees the engine's verdict beside it and may return it."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Đã đề nghị")
        RETURNED = "returned", _("Trả lại")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị đề nghị")
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name=_("cá nhân được đề nghị"),
        help_text=_("Để trống khi đơn vị tự đề nghị cho tập thể mình"),
    )
    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("doanh nghiệp được đề nghị"),
        help_text=_("Khen thưởng theo chuyên đề của phong trào: doanh nghiệp tiêu biểu"),
    )
    kind = models.CharField(
        _("loại khen thưởng"), max_length=20, choices=RewardKind, default=RewardKind.ANNUAL
    )
    movement = models.ForeignKey(
        Movement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("phong trào thi đua"),
    )
    year = models.PositiveSmallIntegerField(_("năm thành tích"), validators=YEAR_VALIDATORS)
    title = models.CharField(
        _("danh hiệu, hình thức"), max_length=30, choices=[c for c in Title.choices if c[0] != Title.OTHER]
    )
    summary = models.TextField(_("tóm tắt thành tích"))
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status, default=Status.SUBMITTED)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("người đề nghị")
    )

    same_organization = ("unit", "person", "enterprise", "movement")

    objects = TenantQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đề nghị khen thưởng (bình xét)")
        verbose_name_plural = _("đề nghị khen thưởng (bình xét)")
        ordering = ["-year", "unit", "title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "year", "title"],
                condition=Q(person__isnull=False, kind="annual"),
                name="nomination_person_once",
                violation_error_message=_("Người này đã được đề nghị danh hiệu này trong năm."),
            ),
            models.UniqueConstraint(
                fields=["unit", "year", "title"],
                condition=Q(person__isnull=True, enterprise__isnull=True, kind="annual"),
                name="nomination_unit_once",
                violation_error_message=_("Đơn vị đã tự đề nghị danh hiệu này trong năm."),
            ),
            # A movement's own (thematic) reward: once per subject, movement, year and form.
            models.UniqueConstraint(
                fields=["movement", "year", "title", "unit", "person", "enterprise"],
                condition=~Q(kind="annual"),
                name="nomination_thematic_once",
                violation_error_message=_("Đã có đề nghị này cho phong trào trong năm."),
            ),
        ]

    def __str__(self):
        return f"{self.subject} — {self.get_title_display()} {self.year}"

    @property
    def subject(self):
        if self.enterprise_id:
            return self.enterprise
        return self.person if self.person_id else self.unit

    @property
    def is_thematic(self) -> bool:
        """A movement's own reward (chuyên đề): outside the yearly titles' criteria and chains."""
        return self.kind != RewardKind.ANNUAL

    @property
    def subject_kind(self) -> str:
        return SubjectKind.PERSON if self.person_id else SubjectKind.UNIT

    def clean(self):
        super().clean()
        if self.person_id and self.unit_id and self.person.unit_id != self.unit_id:
            raise ValidationError({"person": _("Đơn vị chỉ đề nghị cho người của đơn vị mình.")})
        if self.enterprise_id and (self.person_id or not self.is_thematic):
            raise ValidationError(
                {"enterprise": _("Doanh nghiệp chỉ được đề nghị khen thưởng theo chuyên đề của phong trào.")}
            )
        if self.is_thematic and not self.movement_id:
            raise ValidationError({"movement": _("Khen thưởng theo chuyên đề phải gắn với một phong trào.")})
        if self.title and self.unit_id and not self.is_thematic:
            wanted = SubjectKind.PERSON if self.title in engine.PERSON_TITLES else SubjectKind.UNIT
            if wanted != self.subject_kind:
                raise ValidationError({"title": _("Danh hiệu này không dành cho đối tượng được đề nghị.")})
        if self.status == self.Status.RETURNED and not self.return_reason.strip():
            raise ValidationError({"return_reason": _("Phải ghi rõ lý do trả lại.")})
