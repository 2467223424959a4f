"""Registration (đăng ký thi đua): what each unit aims at for the year."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.awards.models.people import Person, Title
from thidua.org.models import (
    Organization,
    TenantQuerySet,
    Unit,
    User,
)
from thidua.org.roles import Capability
from thidua.org.tenancy import SameOrganization
from thidua.plans.models import Movement

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class Registration(SameOrganization, models.Model):
    """A unit's emulation registration (đăng ký thi đua) for a year, optionally for one movement: the
    collective title it aims at and the people aiming at LĐTT or CSTĐCS."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Chưa gửi")
        SUBMITTED = "submitted", _("Chờ duyệt")
        RETURNED = "returned", _("Trả lại")
        APPROVED = "approved", _("Đã duyệt")

    COLLECTIVE_TITLES = (Title.TTLDTT, Title.TTLDXS)

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+", verbose_name=_("đơn vị"))
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR_VALIDATORS)
    movement = models.ForeignKey(
        Movement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("phong trào thi đua"),
    )
    collective_title = models.CharField(
        _("danh hiệu tập thể đăng ký"),
        max_length=30,
        choices=[(t.value, t.label) for t in COLLECTIVE_TITLES],
        blank=True,
    )
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status, default=Status.DRAFT)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("người duyệt")
    )
    reviewed_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)

    same_organization = ("unit", "movement")

    objects = TenantQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        ordering = ["-year", "unit"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"],
                condition=Q(movement__isnull=True),
                name="registration_once_a_year",
                violation_error_message=_("Đơn vị đã đăng ký thi đua năm này."),
            ),
            models.UniqueConstraint(
                fields=["unit", "year", "movement"],
                name="registration_once_per_movement",
                violation_error_message=_("Đơn vị đã đăng ký thi đua cho phong trào này trong năm."),
            ),
        ]

    def __str__(self):
        return f"{self.unit} — {self.year}"

    def clean(self):
        super().clean()
        if self.status == self.Status.RETURNED and not self.return_reason.strip():
            raise ValidationError({"return_reason": _("Phải ghi rõ lý do trả lại.")})

    @property
    def is_editable(self) -> bool:
        """A draft, or one the office returned: the unit still changes its title and people."""
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    def editable_by(self, user) -> bool:
        return self.is_editable and self.submittable_by(user)

    def submittable_by(self, user) -> bool:
        """The unit's head sends the unit's registration; the office may send it on the unit's behalf."""
        return user.acts_for_unit(Capability.REGISTER_AWARDS, self.unit) or user.can(
            Capability.MANAGE_AWARDS, self.organization
        )


class RegistrationEntryQuerySet(TenantQuerySet):
    organization_lookup = "registration__organization"


class RegistrationEntry(SameOrganization, models.Model):
    """One person of the registering unit and the individual title they aim at."""

    INDIVIDUAL_TITLES = (Title.LDTT, Title.CSTDCS)

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="entries", verbose_name=_("đăng ký")
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", verbose_name=_("người"))
    title = models.CharField(
        _("danh hiệu đăng ký"), max_length=30, choices=[(t.value, t.label) for t in INDIVIDUAL_TITLES]
    )

    organization_from = "registration"
    same_organization = ("person",)

    objects = RegistrationEntryQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cá nhân đăng ký thi đua")
        verbose_name_plural = _("cá nhân đăng ký thi đua")
        ordering = ["registration", "person"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "person"],
                name="registration_entry_once",
                violation_error_message=_("Người này đã có trong bản đăng ký."),
            )
        ]

    def __str__(self):
        return f"{self.person} — {self.get_title_display()}"

    def clean(self):
        super().clean()
        if self.registration_id and self.person_id and self.person.unit_id != self.registration.unit_id:
            raise ValidationError({"person": _("Chỉ đăng ký cho người của đơn vị mình.")})
