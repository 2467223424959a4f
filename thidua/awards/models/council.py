"""The council of thi đua – khen thưởng, its meetings and the secret ballot."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.awards.models.nominations import Nomination
from thidua.org.models import (
    Organization,
    TenantQuerySet,
    User,
)
from thidua.org.tenancy import SameOrganization

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class AwardCouncil(SameOrganization, models.Model):
    """The agency's Hội đồng Thi đua – Khen thưởng for one year: it advises the head, who decides."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR_VALIDATORS)
    name = models.CharField(_("tên hội đồng"), max_length=200)
    decision_number = models.CharField(_("số quyết định thành lập"), max_length=50, blank=True)

    objects = TenantQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hội đồng thi đua – khen thưởng")
        verbose_name_plural = _("hội đồng thi đua – khen thưởng")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year"],
                name="award_council_once_a_year",
                violation_error_message=_("Cơ quan đã có hội đồng thi đua – khen thưởng năm này."),
            )
        ]

    def __str__(self):
        return self.name


class AwardCouncilPartQuerySet(TenantQuerySet):
    organization_lookup = "council__organization"


class AwardCouncilMember(SameOrganization, models.Model):
    """One member of the council, a person with a login account (each votes from their own browser)."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chủ tịch")
        VICE_CHAIR = "vice_chair", _("Phó Chủ tịch")
        MEMBER = "member", _("Ủy viên")
        SECRETARY = "secretary", _("Thư ký")

    council = models.ForeignKey(
        AwardCouncil, on_delete=models.CASCADE, related_name="members", verbose_name=_("hội đồng")
    )
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("thành viên"))
    role = models.CharField(_("vai trò"), max_length=20, choices=Role, default=Role.MEMBER)

    organization_from = "council"
    same_organization = ("user",)

    objects = AwardCouncilPartQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thành viên hội đồng thi đua – khen thưởng")
        verbose_name_plural = _("thành viên hội đồng thi đua – khen thưởng")
        ordering = ["council", "role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "user"],
                name="award_council_member_once",
                violation_error_message=_("Người này đã là thành viên hội đồng."),
            ),
            models.UniqueConstraint(
                fields=["council", "role"],
                condition=Q(role__in=["chair", "secretary"]),
                name="award_council_single_roles",
                violation_error_message=_("Hội đồng chỉ có một Chủ tịch và một Thư ký."),
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()}"


class CouncilMeeting(SameOrganization, models.Model):
    """A meeting of the council: its agenda is the nominations put to it; while open each member casts
    a secret ballot per nominee; closing it freezes the ballots and fixes the result."""

    class Status(models.TextChoices):
        OPEN = "open", _("Đang bỏ phiếu")
        CLOSED = "closed", _("Đã kết thúc")

    council = models.ForeignKey(
        AwardCouncil, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("hội đồng")
    )
    held_on = models.DateField(_("ngày họp"))
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status, default=Status.OPEN)
    members_total = models.PositiveSmallIntegerField(
        _("tổng số thành viên hội đồng"), default=0, help_text=_("Chốt khi kết thúc cuộc họp")
    )
    absent_note = models.TextField(_("ghi chú ý kiến bằng văn bản của thành viên vắng mặt"), blank=True)
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)

    organization_from = "council"

    objects = AwardCouncilPartQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cuộc họp hội đồng thi đua – khen thưởng")
        verbose_name_plural = _("cuộc họp hội đồng thi đua – khen thưởng")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.council} — {self.held_on:%d/%m/%Y}"


class AgendaItemQuerySet(TenantQuerySet):
    organization_lookup = "meeting__council__organization"


class AgendaItem(SameOrganization, models.Model):
    """One nominee put to a meeting, and its totals. The totals are counters bumped with F() in the
    transaction that records THAT a member voted (BallotCast): no row anywhere says who chose what.
    The counters are left out of this table's history, so its timestamps cannot be matched with a
    member's BallotCast either."""

    meeting = models.ForeignKey(
        CouncilMeeting, on_delete=models.CASCADE, related_name="items", verbose_name=_("cuộc họp")
    )
    nomination = models.ForeignKey(
        Nomination, on_delete=models.PROTECT, related_name="agenda_items", verbose_name=_("đề nghị")
    )
    agree = models.PositiveSmallIntegerField(_("số phiếu đồng ý"), default=0, editable=False)
    disagree = models.PositiveSmallIntegerField(_("số phiếu không đồng ý"), default=0, editable=False)
    written_agree = models.PositiveSmallIntegerField(_("ý kiến bằng văn bản đồng ý"), default=0)
    written_disagree = models.PositiveSmallIntegerField(_("ý kiến bằng văn bản không đồng ý"), default=0)
    passed = models.BooleanField(_("đạt ngưỡng"), null=True, blank=True)
    threshold = models.DecimalField(
        _("ngưỡng đồng ý (tỷ lệ so với tổng số thành viên)"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
    )

    organization_from = "meeting"
    same_organization = ("nomination",)

    objects = AgendaItemQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["agree", "disagree"])

    class Meta:
        verbose_name = _("nội dung bỏ phiếu")
        verbose_name_plural = _("nội dung bỏ phiếu")
        ordering = ["meeting", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "nomination"],
                name="agenda_item_once",
                violation_error_message=_("Đề nghị này đã có trong chương trình họp."),
            )
        ]

    def __str__(self):
        return str(self.nomination)

    @property
    def total_agree(self) -> int:
        return self.agree + self.written_agree

    @property
    def total_disagree(self) -> int:
        return self.disagree + self.written_disagree


class BallotCastQuerySet(TenantQuerySet):
    organization_lookup = "item__meeting__council__organization"


class BallotCast(SameOrganization, models.Model):
    """THAT a member voted on one agenda item — never what: the choice only bumps the item's counter.
    Unique, so nobody votes twice. No timestamp: the order of rows must not be matched with anything."""

    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="casts", verbose_name=_("nội dung")
    )
    member = models.ForeignKey(
        AwardCouncilMember, on_delete=models.PROTECT, related_name="casts", verbose_name=_("thành viên")
    )

    organization_from = "item"
    same_organization = ("member",)

    objects = BallotCastQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đã bỏ phiếu")
        verbose_name_plural = _("đã bỏ phiếu")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "member"],
                name="ballot_cast_once",
                violation_error_message=_("Thành viên đã bỏ phiếu cho nội dung này."),
            )
        ]

    def __str__(self):
        return f"{self.member} — {self.item}"
