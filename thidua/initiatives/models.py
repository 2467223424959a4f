"""Initiatives (sáng kiến): registration, endorsement, receipt, the council's scores and votes, the decision.

The legal parameters (the council's approval share, the months allowed for a decision) are rows of
InitiativeRule with their legal basis and validity, never constants in code.
"""

import calendar
import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.core.formatting import format_number
from thidua.core.models import PrivateFile
from thidua.org.models import AgencyRule, Organization, TenantQuerySet, Unit, User, validity_ordered
from thidua.org.roles import Capability
from thidua.org.tenancy import SameOrganization

SHARE_STEP = Decimal("0.0001")
FULL_SHARE = Decimal(100)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the month's last day when it is shorter (31/1 + 1 → 28/2)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def clean_author_shares(shares) -> None:
    """Each author's share of the contribution, in %, must add up to exactly 100."""
    shares = [share for share in shares if share is not None]
    if not shares:
        raise ValidationError(_("Sáng kiến phải có ít nhất một tác giả."))
    if sum(shares, Decimal(0)) != FULL_SHARE:
        raise ValidationError(
            _("Tổng tỷ lệ đóng góp của các tác giả phải bằng 100%% (hiện là %(total)s%%)."),
            params={"total": format_number(sum(shares, Decimal(0)))},
        )


class InitiativeRule(AgencyRule):
    """The legal parameters of recognition: the council's approval share and the time for a decision."""

    approval_share = models.DecimalField(
        _("tỷ lệ thành viên hội đồng đồng ý tối thiểu"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.6667"),
        validators=[MinValueValidator(Decimal("0.0001")), MaxValueValidator(1)],
        help_text=_("Ví dụ 0,6667 là 2/3 số thành viên"),
    )
    decision_months = models.PositiveSmallIntegerField(
        _("thời hạn ra quyết định (tháng)"), default=3, help_text=_("Kể từ ngày tiếp nhận đơn")
    )
    history = HistoricalRecords()

    class Meta(AgencyRule.Meta):
        verbose_name = _("quy định xét công nhận sáng kiến")
        verbose_name_plural = _("quy định xét công nhận sáng kiến")
        constraints = [validity_ordered("initiative_rule_validity_ordered")]

    def __str__(self):
        return self.legal_basis

    def is_approved(self, in_favour: int, members: int) -> bool:
        """Whether `in_favour` of `members` reach the share; the ratio is rounded like the share
        (4 places), so 2 of 3 meets 0,6667."""
        if members <= 0:
            return False
        ratio = (Decimal(in_favour) / Decimal(members)).quantize(SHARE_STEP, rounding=ROUND_HALF_UP)
        return ratio >= self.approval_share


class Council(models.Model):
    """The agency's initiative council (Hội đồng sáng kiến) for one year, formed by the Director's
    decision (TT 18/2013 Điều 8) and kept up by the office."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    year = models.PositiveSmallIntegerField(
        _("năm"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    name = models.CharField(_("tên hội đồng"), max_length=200)

    objects = TenantQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hội đồng sáng kiến")
        verbose_name_plural = _("hội đồng sáng kiến")
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year", "name"],
                name="council_unique_name_per_year",
                violation_error_message=_("Cơ quan đã có hội đồng sáng kiến cùng tên trong năm này."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.year})"

    def get_absolute_url(self):
        return reverse("initiatives:council_detail", args=[self.pk])

    def member_for(self, user) -> "CouncilMember | None":
        return self.members.filter(user=user).first() if user.is_authenticated else None


class CouncilPartQuerySet(TenantQuerySet):
    """Members and criteria belong to the agency of their council."""

    organization_lookup = "council__organization"


class CouncilMemberQuerySet(CouncilPartQuerySet):
    def in_order(self):
        """As a council decision lists them: chair, vice-chair, secretary, then the members."""
        rank = models.Case(
            *(models.When(role=role, then=n) for n, role in enumerate(CouncilMember.ROLE_ORDER)),
            default=len(CouncilMember.ROLE_ORDER),
        )
        return self.order_by(rank, "pk")

    def with_reviews(self):
        """Each member with `reviewed`: whether they have scored or voted on any initiative."""
        member = models.OuterRef("pk")
        return self.annotate(
            scored=models.Exists(Score.objects.filter(member=member)),
            voted=models.Exists(Vote.objects.filter(member=member)),
        )


class CouncilMember(SameOrganization, models.Model):
    """A person of the agency sitting on a council (TT 18/2013 Điều 8); each one scores and votes.

    A council has at most one chair and one secretary; a member who has scored or voted stays,
    since the tally of the initiatives they reviewed counts them."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chủ tịch hội đồng")
        VICE_CHAIR = "vice_chair", _("Phó Chủ tịch hội đồng")
        MEMBER = "member", _("Thành viên")
        SECRETARY = "secretary", _("Thư ký")

    ROLE_ORDER = (Role.CHAIR, Role.VICE_CHAIR, Role.SECRETARY, Role.MEMBER)
    SINGLE_ROLES = (Role.CHAIR, Role.SECRETARY)

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="members", verbose_name=_("hội đồng")
    )
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("người"))
    role = models.CharField(_("vai trò"), max_length=20, choices=Role, default=Role.MEMBER)

    objects = CouncilMemberQuerySet.as_manager()
    history = HistoricalRecords()

    organization_from = "council"
    same_organization = ("user",)
    same_organization_messages = {"user": _("Thành viên hội đồng phải thuộc cơ quan.")}

    class Meta:
        verbose_name = _("thành viên hội đồng")
        verbose_name_plural = _("thành viên hội đồng")
        ordering = ["council", "role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "user"],
                name="council_member_unique",
                violation_error_message=_("Người này đã là thành viên hội đồng."),
            ),
            models.UniqueConstraint(
                fields=["council", "role"],
                condition=Q(role__in=["chair", "secretary"]),
                name="council_single_chair_and_secretary",
                violation_error_message=_("Mỗi hội đồng chỉ có một Chủ tịch hội đồng và một Thư ký."),
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()}"

    @property
    def organization(self):
        return self.council.organization

    @staticmethod
    def eligible_users(organization):
        """People of the agency: its own civil servants, not enterprises' representatives or observers."""
        return User.objects.filter(
            organization=organization, memberships__organization=organization, enterprise__isnull=True
        ).distinct()

    def clean(self):
        super().clean()
        if not (self.council_id and self.user_id):
            return
        if not self.eligible_users(self.council.organization).filter(pk=self.user_id).exists():
            raise ValidationError({"user": _("Thành viên hội đồng phải thuộc cơ quan.")})
        if self.role in self.SINGLE_ROLES:
            holder = self.council.members.filter(role=self.role).exclude(pk=self.pk).first()
            if holder is not None:
                message = _("Mỗi hội đồng chỉ có một %(role)s; hiện đã có: %(name)s.") % {
                    "role": self.get_role_display(),
                    "name": holder.user,
                }
                raise ValidationError({"role": message})

    def has_reviewed(self) -> bool:
        """Whether this member has scored or voted on an initiative (then they cannot be removed)."""
        return self.scores.exists() or self.votes.exists()


class CriterionQuerySet(CouncilPartQuerySet):
    def with_use(self):
        """Each criterion with `used`: whether some score already rests on it."""
        return self.annotate(used=models.Exists(Score.objects.filter(criterion=models.OuterRef("pk"))))


class Criterion(SameOrganization, models.Model):
    """One criterion the council scores initiatives on, with its maximum points; fixed once scored."""

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("hội đồng")
    )
    name = models.CharField(_("tiêu chí"), max_length=200)
    max_points = models.DecimalField(
        _("điểm tối đa"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"), message=_("Điểm tối đa phải lớn hơn 0."))],
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    objects = CriterionQuerySet.as_manager()
    history = HistoricalRecords()

    organization_from = "council"

    class Meta:
        verbose_name = _("tiêu chí chấm điểm")
        verbose_name_plural = _("tiêu chí chấm điểm")
        ordering = ["council", "position", "pk"]

    def __str__(self):
        return self.name

    @property
    def organization(self):
        return self.council.organization

    def is_used(self) -> bool:
        """Whether a score rests on this criterion (then its name and points stay as scored)."""
        return self.scores.exists()


class InitiativeQuerySet(TenantQuerySet):
    def visible_to(self, user):
        """Authors see theirs in any state; the unit (its head included) sees the unit's submitted
        ones; council members the ones before their council; the office, leaders and observers all of the
        agency's. Drafts stay the author's."""
        rows = super().visible_to(user)
        if not user.is_authenticated or user.is_superuser:
            return rows
        wide = user.organizations_where(Capability.VIEW_ALL_INITIATIVES)
        own = Q(created_by=user) | Q(pk__in=InitiativeAuthor.objects.filter(user=user).values("initiative"))
        own |= Q(council__in=CouncilMember.objects.filter(user=user).values("council"))
        unit = Q(unit_id=user.unit_id) & ~Q(status=Initiative.Status.DRAFT) if user.unit_id else Q(pk__in=[])
        return rows.filter(Q(organization__in=wide) & ~Q(status=Initiative.Status.DRAFT) | own | unit)

    def recognised_between(
        self, organization_id: int, start: datetime.date, end: datetime.date, *, provincial: bool = False
    ):
        """Initiatives recognised from `start` to `end` (both included): by the agency's decision, or
        with `provincial` by the province's later one."""
        on = "provincial_decision_date" if provincial else "decision_date"
        return self.filter(
            organization_id=organization_id,
            status=Initiative.Status.RECOGNISED,
            **{f"{on}__gte": start, f"{on}__lte": end},
        )


class Initiative(SameOrganization, models.Model):
    """An initiative registered by staff and taken to the Director's decision (ND 13/2012, TT 18/2013)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        SUBMITTED = "submitted", _("Chờ đơn vị xác nhận")
        ENDORSED = "endorsed", _("Đơn vị đã xác nhận")
        RECEIVED = "received", _("Đã tiếp nhận, chờ hội đồng")
        RECOGNISED = "recognised", _("Được công nhận")
        REFUSED = "refused", _("Không công nhận")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị"))
    title = models.CharField(_("tên sáng kiến"), max_length=300)
    field = models.CharField(_("lĩnh vực áp dụng"), max_length=200)
    changes = models.TextField(_("nội dung, điểm mới của sáng kiến"))
    first_applied_on = models.DateField(_("ngày áp dụng lần đầu"))
    effect = models.TextField(_("hiệu quả, lợi ích thu được"))
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status, default=Status.DRAFT)
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("người đăng ký")
    )
    created_at = models.DateTimeField(_("đăng ký lúc"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    endorsed_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người xác nhận"),
    )
    endorsed_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)
    received_on = models.DateField(_("ngày tiếp nhận đơn"), null=True, blank=True)
    council = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("hội đồng xét"),
    )
    rule = models.ForeignKey(
        InitiativeRule,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("quy định áp dụng"),
    )
    decision_due_on = models.DateField(_("hạn ra quyết định"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=50, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    refusal_reason = models.TextField(_("lý do không công nhận"), blank=True)
    provincial_decision_number = models.CharField(
        _("số quyết định công nhận cấp tỉnh"), max_length=50, blank=True
    )
    provincial_decision_date = models.DateField(_("ngày quyết định cấp tỉnh"), null=True, blank=True)

    objects = InitiativeQuerySet.as_manager()
    history = HistoricalRecords()

    same_organization = ("unit", "council", "rule")

    class Meta:
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["organization", "status", "decision_date"], name="initiative_org_status"),
            models.Index(
                fields=["organization", "status", "provincial_decision_date"],
                name="initiative_org_provincial",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("initiatives:detail", args=[self.pk])

    def clean(self):
        super().clean()
        if self.status == self.Status.RECOGNISED and not (self.decision_number and self.decision_date):
            raise ValidationError(_("Cần số và ngày của quyết định công nhận."))
        if self.status == self.Status.REFUSED and not self.refusal_reason.strip():
            raise ValidationError({"refusal_reason": _("Phải ghi rõ lý do không công nhận.")})
        if self.decision_date and self.received_on and self.decision_date < self.received_on:
            raise ValidationError({"decision_date": _("Ngày quyết định không thể trước ngày tiếp nhận đơn.")})

    def is_decision_overdue(self, today: datetime.date) -> bool:
        """Received, not yet decided, and past the time the rule allows for a decision."""
        return (
            self.status == self.Status.RECEIVED
            and self.decision_due_on is not None
            and today > self.decision_due_on
        )

    @property
    def decision_overdue(self) -> bool:
        return self.is_decision_overdue(timezone.localdate())

    def is_author(self, user) -> bool:
        return self.created_by_id == user.pk or self.authors.filter(user=user).exists()

    def editable_by(self, user) -> bool:
        return self.status == self.Status.DRAFT and self.created_by_id == user.pk

    def submittable_by(self, user) -> bool:
        return self.status == self.Status.DRAFT and self.is_author(user)

    def endorsable_by(self, user) -> bool:
        return self.status == self.Status.SUBMITTED and user.acts_for_unit(
            Capability.ENDORSE_INITIATIVES, self.unit_id
        )

    def receivable_by(self, user) -> bool:
        return self.status == self.Status.ENDORSED and user.can(
            Capability.RECEIVE_INITIATIVES, self.organization_id
        )

    def decidable_by(self, user) -> bool:
        return self.status == self.Status.RECEIVED and user.can(
            Capability.DECIDE_INITIATIVES, self.organization_id
        )

    def provincial_recordable_by(self, user) -> bool:
        return self.status == self.Status.RECOGNISED and user.can(
            Capability.DECIDE_INITIATIVES, self.organization_id
        )

    def votable_by(self, user) -> bool:
        """A member of the council that judges it, who is not one of its authors (an author stands aside:
        issue #12, the council does not judge its own members' work)."""
        return (
            self.status == self.Status.RECEIVED
            and self.council_id is not None
            and self.council.member_for(user) is not None
            and not self.is_author(user)
        )

    def author_user_ids(self) -> set[int]:
        """The accounts of its authors: the one who registered it and every co-author with an account."""
        ids = set(self.authors.exclude(user=None).values_list("user_id", flat=True))
        return ids | {self.created_by_id} if self.created_by_id else ids

    def tally(self) -> tuple[int, int]:
        """(votes in favour, members of the council who may judge it): a member who is an author stands
        aside and counts on neither side (the choice is Thi Đua's; TT 18/2013 Điều 8 keeps only a head who
        authored a State-funded initiative off the council)."""
        if self.council_id is None:
            return 0, 0
        authors = self.author_user_ids()
        in_favour = self.votes.filter(in_favour=True).exclude(member__user_id__in=authors).count()
        members = (
            CouncilMember.objects.filter(council_id=self.council_id).exclude(user_id__in=authors).count()
        )
        return in_favour, members


class InitiativeAuthor(SameOrganization, models.Model):
    """An author of the initiative and their share of the contribution (the shares add up to 100%)."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="authors", verbose_name=_("sáng kiến")
    )
    user = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("tài khoản")
    )
    name = models.CharField(_("họ và tên"), max_length=200)
    share = models.DecimalField(
        _("tỷ lệ đóng góp (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(100)],
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    history = HistoricalRecords()

    organization_from = "initiative"
    same_organization = ("user",)

    class Meta:
        verbose_name = _("tác giả sáng kiến")
        verbose_name_plural = _("tác giả sáng kiến")
        ordering = ["initiative", "position", "pk"]

    def __str__(self):
        return f"{self.name} ({self.share}%)"


def attachment_path(attachment, filename: str) -> str:
    return f"initiatives/{attachment.initiative.organization_id}/{attachment.initiative_id}/{filename}"


class AttachmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(initiative__in=Initiative.objects.visible_to(user))


class InitiativeAttachment(SameOrganization, PrivateFile):
    """A file of the application (description, proof of effect); private, served only to those who see it."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("sáng kiến")
    )
    file = models.FileField(_("tệp đính kèm"), upload_to=attachment_path)

    objects = AttachmentQuerySet.as_manager()
    history = HistoricalRecords()

    organization_from = "initiative"

    class Meta(PrivateFile.Meta):
        verbose_name = _("tệp đính kèm sáng kiến")
        verbose_name_plural = _("tệp đính kèm sáng kiến")


class Score(SameOrganization, models.Model):
    """One council member's points for one initiative on one criterion (never above its maximum)."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="scores", verbose_name=_("sáng kiến")
    )
    # RESTRICT: a scored member or criterion is never deleted on its own (a deleted initiative or
    # agency still takes its scores along).
    member = models.ForeignKey(
        CouncilMember, on_delete=models.RESTRICT, related_name="scores", verbose_name=_("thành viên")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.RESTRICT, related_name="scores", verbose_name=_("tiêu chí")
    )
    points = models.DecimalField(_("điểm"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)])

    history = HistoricalRecords()

    organization_from = "initiative"
    same_organization = ("member", "criterion")

    class Meta:
        verbose_name = _("điểm chấm")
        verbose_name_plural = _("điểm chấm")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "member", "criterion"],
                name="score_unique",
                violation_error_message=_("Thành viên đã chấm tiêu chí này."),
            )
        ]

    def __str__(self):
        return f"{self.criterion}: {self.points}"

    def clean(self):
        super().clean()
        if self.criterion_id and self.points is not None and self.points > self.criterion.max_points:
            message = _("Điểm “%(criterion)s” không được vượt %(max)s.") % {
                "criterion": self.criterion.name,
                "max": format_number(self.criterion.max_points),
            }
            raise ValidationError({"points": message})


class Vote(SameOrganization, models.Model):
    """One council member's vote on one initiative."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="votes", verbose_name=_("sáng kiến")
    )
    member = models.ForeignKey(
        CouncilMember, on_delete=models.RESTRICT, related_name="votes", verbose_name=_("thành viên")
    )
    in_favour = models.BooleanField(_("đồng ý công nhận"))
    voted_at = models.DateTimeField(_("biểu quyết lúc"), auto_now=True)

    history = HistoricalRecords()

    organization_from = "initiative"
    same_organization = ("member",)

    class Meta:
        verbose_name = _("phiếu biểu quyết")
        verbose_name_plural = _("phiếu biểu quyết")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "member"],
                name="vote_unique",
                violation_error_message=_("Thành viên đã biểu quyết sáng kiến này."),
            )
        ]

    def __str__(self):
        return f"{self.member}: {self.in_favour}"


class Recusal(SameOrganization, models.Model):
    """A council member who does not score or vote on an initiative, and why (an author of it): written
    when the initiative is put to the council, or when the member joins a council already judging it."""

    class Reason(models.TextChoices):
        AUTHOR = "author", _("Là tác giả sáng kiến")

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="recusals", verbose_name=_("sáng kiến")
    )
    member = models.ForeignKey(
        CouncilMember, on_delete=models.CASCADE, related_name="recusals", verbose_name=_("thành viên")
    )
    reason = models.CharField(_("lý do"), max_length=20, choices=Reason, default=Reason.AUTHOR)

    history = HistoricalRecords()

    organization_from = "initiative"
    same_organization = ("member",)

    class Meta:
        verbose_name = _("thành viên không tham gia xét sáng kiến")
        verbose_name_plural = _("thành viên không tham gia xét sáng kiến")
        ordering = ["initiative", "member"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "member"],
                name="initiative_recusal_once",
                violation_error_message=_("Đã ghi nhận thành viên không tham gia xét sáng kiến này."),
            )
        ]

    def __str__(self):
        return f"{self.member} — {self.get_reason_display()}"
