"""Movement rewards: at sơ kết or tổng kết of a movement, nominees proposed from what Thi Đua recorded
(units that reached their targets, recognised initiatives and their authors, enterprises at the top of
the verified ranking), each with its evidence; the office confirms (a thematic nomination) or discards."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.awards.models.nominations import Nomination
from thidua.awards.models.people import Person, Title
from thidua.initiatives.models import Initiative
from thidua.org.models import Enterprise, Organization, TenantQuerySet, Unit, User
from thidua.org.tenancy import SameOrganization
from thidua.plans.models import Movement

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class MovementRewardProposal(SameOrganization, models.Model):
    """One nominee the records suggest for a movement's own reward, with the figures and links that
    show why; `key` names the subject once per movement, stage and year, so proposing again adds only
    what is new."""

    class Stage(models.TextChoices):
        INTERIM = "interim", _("Sơ kết")
        FINAL = "final", _("Tổng kết")

    class Source(models.TextChoices):
        TARGETS = "targets", _("Đơn vị hoàn thành chỉ tiêu")
        INITIATIVE = "initiative", _("Sáng kiến được công nhận")
        AUTHOR = "author", _("Tác giả sáng kiến")
        ENTERPRISE = "enterprise", _("Doanh nghiệp tiêu biểu")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Chờ Văn phòng xem xét")
        CONFIRMED = "confirmed", _("Đã xác nhận, chuyển bình xét")
        DISCARDED = "discarded", _("Không đề nghị")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    movement = models.ForeignKey(
        Movement, on_delete=models.CASCADE, related_name="+", verbose_name=_("phong trào thi đua")
    )
    stage = models.CharField(_("đợt"), max_length=10, choices=Stage)
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR_VALIDATORS)
    source = models.CharField(_("căn cứ đề xuất"), max_length=20, choices=Source)
    key = models.CharField(max_length=40)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị"), null=True, blank=True
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("cá nhân"), null=True, blank=True
    )
    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("doanh nghiệp"),
        null=True,
        blank=True,
    )
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("sáng kiến"),
        null=True,
        blank=True,
    )
    subject_name = models.CharField(_("cá nhân, tập thể"), max_length=300)
    title = models.CharField(
        _("hình thức khen thưởng"),
        max_length=30,
        choices=[c for c in Title.choices if c[0] != Title.OTHER],
        default=Title.GIAY_KHEN,
    )
    evidence = models.JSONField(_("căn cứ, số liệu"), default=list, blank=True)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status, default=Status.PROPOSED)
    discard_reason = models.TextField(_("lý do không đề nghị"), blank=True)
    nomination = models.OneToOneField(
        Nomination,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="movement_proposal",
        verbose_name=_("đề nghị khen thưởng"),
    )
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(_("xem xét lúc"), null=True, blank=True)

    objects = TenantQuerySet.as_manager()
    history = HistoricalRecords()

    same_organization = ("movement", "unit", "person", "enterprise", "initiative", "nomination")

    class Meta:
        verbose_name = _("đề xuất khen thưởng phong trào")
        verbose_name_plural = _("đề xuất khen thưởng phong trào")
        ordering = ["movement", "-year", "stage", "source", "subject_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["movement", "stage", "year", "key"],
                name="movement_proposal_once",
                violation_error_message=_("Đã có đề xuất này trong đợt."),
            )
        ]

    def __str__(self):
        return f"{self.subject_name} — {self.movement}"

    def clean(self):
        super().clean()
        if self.status == self.Status.DISCARDED and not self.discard_reason.strip():
            raise ValidationError({"discard_reason": _("Ghi lý do không đề nghị.")})
