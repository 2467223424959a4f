"""The council of thi đua – khen thưởng, its meetings and the secret ballot."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.awards.models.nominations import Nomination
from thidua.org.models import (
    AgencyRule,
    Organization,
    TenantQuerySet,
    User,
    validity_ordered,
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
    base = models.PositiveSmallIntegerField(
        _("số thành viên làm căn cứ tính ngưỡng"),
        null=True,
        blank=True,
        help_text=_(
            "Chốt khi kết thúc: tổng số thành viên, trừ người không tham gia xét nếu quy định như vậy"
        ),
    )
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


class CouncilVotingRule(AgencyRule):
    """How the council's ballot is counted where the law leaves it open, as data with its basis: whether
    absent members' written opinions count, who stands aside from an item (the nominee always; the head
    of a nominated unit when `recuse_unit_head`), whether those who stand aside leave the threshold's
    base, and the share asked for when a title's rule names none."""

    count_written_opinions = models.BooleanField(
        _("tính ý kiến bằng văn bản của thành viên vắng mặt"),
        default=True,
        help_text=_(
            "Nghị định 91/2017/NĐ-CP Điều 45 khoản 8 (cũ): thành viên vắng mặt gửi ý kiến bằng văn bản"
        ),
    )
    recuse_unit_head = models.BooleanField(
        _("thủ trưởng đơn vị được đề nghị khen tập thể không bỏ phiếu cho đơn vị mình"), default=True
    )
    base_excludes_recused = models.BooleanField(
        _("không tính người không tham gia xét vào tổng số thành viên khi tính ngưỡng"), default=True
    )
    default_share = models.DecimalField(
        _("tỷ lệ đồng ý khi tiêu chuẩn danh hiệu không quy định"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.0001")), MaxValueValidator(1)],
        help_text=_("Để trống: Thủ trưởng cơ quan xem xét từng trường hợp"),
    )
    article = models.CharField(_("điều, khoản"), max_length=200, blank=True)
    note = models.TextField(
        _("ghi chú pháp lý"), blank=True, help_text=_("Điểm pháp luật chưa rõ, cần kiểm tra lại văn bản gốc")
    )
    history = HistoricalRecords()

    class Meta(AgencyRule.Meta):
        verbose_name = _("quy định bỏ phiếu của Hội đồng Thi đua – Khen thưởng")
        verbose_name_plural = _("quy định bỏ phiếu của Hội đồng Thi đua – Khen thưởng")
        constraints = [validity_ordered("council_voting_rule_validity_ordered")]

    def __str__(self):
        return self.legal_basis


class MeetingAttendance(SameOrganization, models.Model):
    """Whether a member sat in the meeting, or was absent and sent a written opinion (its content is
    counted per item, never kept against the member), for the minutes."""

    class Presence(models.TextChoices):
        PRESENT = "present", _("Có mặt")
        WRITTEN = "written", _("Vắng mặt, có ý kiến bằng văn bản")
        ABSENT = "absent", _("Vắng mặt")

    meeting = models.ForeignKey(
        CouncilMeeting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("cuộc họp")
    )
    member = models.ForeignKey(
        AwardCouncilMember, on_delete=models.PROTECT, related_name="attendance", verbose_name=_("thành viên")
    )
    presence = models.CharField(_("tham dự"), max_length=10, choices=Presence, default=Presence.PRESENT)

    organization_from = "meeting"
    same_organization = ("member",)

    objects = AgendaItemQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thành phần tham dự họp Hội đồng")
        verbose_name_plural = _("thành phần tham dự họp Hội đồng")
        ordering = ["meeting", "member"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"],
                name="meeting_attendance_once",
                violation_error_message=_("Đã ghi nhận tham dự của thành viên này."),
            )
        ]

    def __str__(self):
        return f"{self.member} — {self.get_presence_display()}"


class AgendaRecusalQuerySet(TenantQuerySet):
    organization_lookup = "item__meeting__council__organization"


class AgendaRecusal(SameOrganization, models.Model):
    """A member who does not take part in judging one item, and why (the nominee, or the head of the
    nominated unit): recorded when the item is put to the council, shown on the page and the minutes."""

    class Reason(models.TextChoices):
        NOMINEE = "nominee", _("Là người được đề nghị")
        UNIT_HEAD = "unit_head", _("Là thủ trưởng đơn vị được đề nghị")

    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="recusals", verbose_name=_("nội dung")
    )
    member = models.ForeignKey(
        AwardCouncilMember, on_delete=models.PROTECT, related_name="recusals", verbose_name=_("thành viên")
    )
    reason = models.CharField(_("lý do"), max_length=20, choices=Reason)

    organization_from = "item"
    same_organization = ("member",)

    objects = AgendaRecusalQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thành viên không tham gia xét")
        verbose_name_plural = _("thành viên không tham gia xét")
        ordering = ["item", "member"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "member"],
                name="agenda_recusal_once",
                violation_error_message=_("Thành viên đã được ghi nhận không tham gia xét nội dung này."),
            )
        ]

    def __str__(self):
        return f"{self.member} — {self.get_reason_display()}"
