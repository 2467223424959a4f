"""Enterprise engagement: dialogues, feedback and petitions, and the enterprises' yearly assessment."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.core.scoring import check_points
from thidua.org.models import AgencyRule, Enterprise, Organization, TenantQuerySet, Unit, User
from thidua.org.roles import Capability
from thidua.org.tenancy import SameOrganization


def visible_enterprises(user):
    """Enterprises a person may see: the agency's people see the sector's; an enterprise only itself."""
    rows = Enterprise.objects.visible_to(user)
    if not user.is_authenticated or user.is_superuser:
        return rows
    own = Q(pk=user.enterprise_id) if user.enterprise_id else Q(pk__in=[])
    return rows.filter(Q(organization__in=user.organizations_where(Capability.VIEW_ENTERPRISES)) | own)


def acts_for_enterprise(user, enterprise_id, capability: str, organization) -> bool:
    """Whether `user` represents the enterprise `enterprise_id` and may do `capability` for it there."""
    return (
        enterprise_id is not None
        and user.enterprise_id == enterprise_id
        and user.can(capability, organization)
    )


class FeedbackRule(AgencyRule):
    """How long a unit has to answer a feedback or petition, with the legal text that says so."""

    answer_working_days = models.PositiveSmallIntegerField(
        _("thời hạn trả lời (ngày làm việc)"), default=15, validators=[MinValueValidator(1)]
    )
    history = HistoricalRecords()

    class Meta(AgencyRule.Meta):
        verbose_name = _("quy định thời hạn trả lời")
        verbose_name_plural = _("quy định thời hạn trả lời")

    def __str__(self):
        return _("{days} ngày làm việc — {basis}").format(
            days=self.answer_working_days, basis=self.legal_basis
        )


class DialogueQuerySet(TenantQuerySet):
    def visible_to(self, user):
        """The agency's people see every dialogue; an enterprise only those it takes part in."""
        rows = super().visible_to(user)
        if not user.is_authenticated or user.is_superuser:
            return rows
        own = Q(enterprises=user.enterprise_id) if user.enterprise_id else Q(pk__in=[])
        wide = Q(organization__in=user.organizations_where(Capability.VIEW_ENTERPRISES))
        return rows.filter(wide | own).distinct()

    def held(self):
        return self.filter(status=Dialogue.Status.HELD)

    def open_for_registration(self, today: datetime.date):
        """Planned and still to come: the sector's enterprises may sign up."""
        return self.filter(status=Dialogue.Status.PLANNED, scheduled_on__gte=today)


class Dialogue(SameOrganization, models.Model):
    """A meeting or dialogue with enterprises (gặp gỡ, đối thoại doanh nghiệp)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Dự kiến")
        HELD = "held", _("Đã tổ chức")
        CANCELLED = "cancelled", _("Hủy")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    title = models.CharField(_("tên hội nghị, buổi đối thoại"), max_length=300)
    scheduled_on = models.DateField(_("ngày dự kiến"))
    held_on = models.DateField(_("ngày tổ chức"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=300, blank=True)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status, default=Status.PLANNED)
    enterprises = models.ManyToManyField(
        Enterprise, blank=True, related_name="dialogues", verbose_name=_("doanh nghiệp tham dự")
    )
    units = models.ManyToManyField(
        Unit, blank=True, related_name="+", verbose_name=_("phòng, đơn vị tham dự")
    )
    minutes = models.TextField(_("biên bản, kết luận"), blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    objects = DialogueQuerySet.as_manager()
    # Who takes part is part of the dialogue's history too.
    history = HistoricalRecords(m2m_fields=[enterprises, units])

    same_organization = ("enterprises", "units")

    class Meta:
        verbose_name = _("đối thoại doanh nghiệp")
        verbose_name_plural = _("đối thoại doanh nghiệp")
        ordering = ["-scheduled_on"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("engagement:dialogue", args=[self.pk])

    def clean(self):
        super().clean()
        if self.status == self.Status.HELD and self.held_on is None:
            raise ValidationError({"held_on": _("Nhập ngày đã tổ chức đối thoại.")})


def dialogue_attachment_path(attachment, filename: str) -> str:
    return f"dialogues/{attachment.dialogue.organization_id}/{attachment.dialogue_id}/{filename}"


class DialogueAttachmentQuerySet(TenantQuerySet):
    organization_lookup = "dialogue__organization"

    def visible_to(self, user):
        return self.filter(dialogue__in=Dialogue.objects.visible_to(user))


class DialogueAttachment(SameOrganization, models.Model):
    """A file of a dialogue: the invitation, the minutes signed, the presentations."""

    dialogue = models.ForeignKey(
        Dialogue, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("đối thoại")
    )
    file = models.FileField(_("tệp"), upload_to=dialogue_attachment_path)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    objects = DialogueAttachmentQuerySet.as_manager()
    history = HistoricalRecords()

    organization_from = "dialogue"

    class Meta:
        verbose_name = _("tệp đối thoại")
        verbose_name_plural = _("tệp đối thoại")
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.original_name

    @property
    def organization(self):
        return self.dialogue.organization


class FeedbackQuerySet(TenantQuerySet):
    def visible_to(self, user):
        """The office, leaders and observers see all; a unit what it must answer; an enterprise its own."""
        rows = super().visible_to(user)
        if not user.is_authenticated or user.is_superuser:
            return rows
        wide = Q(organization__in=user.organizations_where(Capability.VIEW_ALL_FEEDBACK))
        unit = Q(unit=user.unit_id) if user.unit_id else Q(pk__in=[])
        own = Q(enterprise=user.enterprise_id) if user.enterprise_id else Q(pk__in=[])
        return rows.filter(wide | unit | own)

    def published(self):
        return self.filter(is_published=True, publish_consent=True, state__in=Feedback.ANSWERED_STATES)

    def on_time_rate(self, end: datetime.date, *, end_is_over: bool = True) -> Decimal | None:
        """% answered by the deadline among those due by `end` (and those already answered by `end`).

        An answer given early is known to be on time, so it counts as soon as it is given; a
        feedback still unanswered counts only once its deadline has passed (counting up to today,
        `end_is_over` False, one due today is still in time). Forwarded ones do not count: another
        authority answers them.
        """
        rows = self.exclude(state=Feedback.State.FORWARDED).filter(answer_due_on__isnull=False)
        due = Q(answer_due_on__lte=end) if end_is_over else Q(answer_due_on__lt=end)
        counted = rows.filter(due | Q(answered_on__lte=end))
        total = counted.count()
        if not total:
            return None
        on_time = (
            counted.filter(answered_on__lte=end).filter(answered_on__lte=models.F("answer_due_on")).count()
        )
        return Decimal(on_time) * 100 / total


class Feedback(SameOrganization, models.Model):
    """A feedback or petition of an enterprise (phản ánh, kiến nghị), until it is answered."""

    class Channel(models.TextChoices):
        WEB = "web", _("Doanh nghiệp gửi trên trang")
        DIALOGUE = "dialogue", _("Nêu tại đối thoại")
        OFFICE = "office", _("Văn phòng tiếp nhận")

    class State(models.TextChoices):
        RECEIVED = "received", _("Mới tiếp nhận")
        ASSIGNED = "assigned", _("Đang xử lý")
        ANSWERED = "answered", _("Đã trả lời")
        CLOSED = "closed", _("Đã kết thúc")
        FORWARDED = "forwarded", _("Chuyển cấp trên")

    ANSWERED_STATES = (State.ANSWERED, State.CLOSED)

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    channel = models.CharField(_("kênh tiếp nhận"), max_length=20, choices=Channel, default=Channel.WEB)
    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="feedback",
        verbose_name=_("doanh nghiệp"),
    )
    dialogue = models.ForeignKey(
        Dialogue,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="issues",
        verbose_name=_("nêu tại đối thoại"),
    )
    subject = models.CharField(_("tiêu đề"), max_length=300)
    content = models.TextField(_("nội dung phản ánh, kiến nghị"))
    received_on = models.DateField(_("ngày tiếp nhận"))
    rule = models.ForeignKey(
        FeedbackRule,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("căn cứ"),
    )
    answer_due_on = models.DateField(_("hạn trả lời"), null=True, blank=True)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị xử lý"),
    )
    state = models.CharField(_("trạng thái"), max_length=20, choices=State, default=State.RECEIVED)
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    answered_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    forwarded_to = models.CharField(_("chuyển đến cơ quan"), max_length=300, blank=True)
    publish_consent = models.BooleanField(_("đồng ý công khai câu hỏi và trả lời"), default=False)
    is_published = models.BooleanField(_("đã công khai"), default=False)
    # What the public page shows: the office's edited copy, without names, phones or addresses.
    public_subject = models.CharField(_("tiêu đề công khai"), max_length=300, blank=True)
    public_content = models.TextField(_("câu hỏi công khai"), blank=True)
    public_answer = models.TextField(_("trả lời công khai"), blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    objects = FeedbackQuerySet.as_manager()
    history = HistoricalRecords()

    same_organization = ("enterprise", "dialogue", "unit", "rule")

    class Meta:
        verbose_name = _("phản ánh, kiến nghị")
        verbose_name_plural = _("phản ánh, kiến nghị")
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["organization", "state"], name="feedback_org_state")]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(publish_consent=True),
                name="feedback_published_with_consent",
                violation_error_message=_("Chỉ công khai khi doanh nghiệp đồng ý."),
            )
        ]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("engagement:feedback", args=[self.pk])

    def clean(self):
        super().clean()
        if self.is_published and not self.answer:
            raise ValidationError(_("Chỉ công khai phản ánh, kiến nghị đã có trả lời."))

    @property
    def is_on_time(self) -> bool | None:
        if self.answered_on is None or self.answer_due_on is None:
            return None
        return self.answered_on <= self.answer_due_on

    def is_overdue(self, today: datetime.date) -> bool:
        return self.answered_on is None and self.answer_due_on is not None and self.answer_due_on < today

    def assignable_by(self, user) -> bool:
        return self.state in (self.State.RECEIVED, self.State.ASSIGNED) and user.can(
            Capability.MANAGE_FEEDBACK, self.organization_id
        )

    def answerable_by(self, user) -> bool:
        return self.state == self.State.ASSIGNED and user.acts_for_unit(
            Capability.ANSWER_FEEDBACK, self.unit_id
        )

    def closable_by(self, user) -> bool:
        return self.state == self.State.ANSWERED and user.can(
            Capability.MANAGE_FEEDBACK, self.organization_id
        )

    def publishable_by(self, user) -> bool:
        """Publish, or edit what is already public: the office, once answered, with consent."""
        return (
            self.state in self.ANSWERED_STATES
            and self.publish_consent
            and user.can(Capability.MANAGE_FEEDBACK, self.organization_id)
        )


class CriterionSetQuerySet(TenantQuerySet):
    def with_totals(self):
        """Each set with its number of criteria, its points and how many enterprises have submitted."""
        submitted = (
            Assessment.objects.filter(criterion_set=models.OuterRef("pk"))
            .exclude(state=Assessment.State.DRAFT)
            .order_by()
            .values("criterion_set")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(
            criteria_count=models.Count("criteria"),
            points=Coalesce(
                models.Sum("criteria__max_points"), Decimal(0), output_field=models.DecimalField()
            ),
            submitted=Coalesce(models.Subquery(submitted), 0),
        )


class CriterionSet(models.Model):
    """An organization's enterprise emulation criteria for one year (plan part II.2)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    name = models.CharField(_("tên bộ tiêu chí"), max_length=300)
    legal_basis = models.CharField(_("căn cứ"), max_length=300, blank=True)

    objects = CriterionSetQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bộ tiêu chí thi đua doanh nghiệp")
        verbose_name_plural = _("bộ tiêu chí thi đua doanh nghiệp")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year"],
                name="criterion_set_one_per_year",
                violation_error_message=_("Cơ quan đã có bộ tiêu chí của năm này."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.year})"

    def get_absolute_url(self):
        return reverse("engagement:criterion_set", args=[self.pk])

    def submitted_count(self) -> int:
        """Enterprises that have sent their points against this set; from the first one, it is fixed."""
        return self.assessments.exclude(state=Assessment.State.DRAFT).count()

    def by_group(self) -> list[dict]:
        """The four groups of the plan (II.2 a–d) in their order, each with its criteria and subtotal."""
        criteria = list(self.criteria.all())
        return [
            {
                "letter": letter,
                "group": group,
                "label": label,
                "criteria": [c for c in criteria if c.group == group],
                "subtotal": sum((c.max_points for c in criteria if c.group == group), Decimal(0)),
            }
            for letter, (group, label) in zip("abcd", Criterion.Group.choices, strict=True)
        ]

    @property
    def total_points(self) -> Decimal:
        return sum((c.max_points for c in self.criteria.all()), Decimal(0))

    def next_position(self) -> int:
        last = self.criteria.aggregate(last=models.Max("position"))["last"]
        return 1 if last is None else last + 1


class CriterionQuerySet(TenantQuerySet):
    organization_lookup = "criterion_set__organization"


class Criterion(SameOrganization, models.Model):
    """One criterion with its maximum points, in one of the four groups of the plan (part II.2 a–d)."""

    class Group(models.TextChoices):
        EFFICIENCY = "efficiency", _("Nâng cao hiệu quả sản xuất kinh doanh")
        COMPLIANCE = "compliance", _("Chấp hành pháp luật")
        INNOVATION = "innovation", _("Đổi mới sáng tạo")
        WORKERS = "workers", _("Chăm lo người lao động")

    criterion_set = models.ForeignKey(
        CriterionSet, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("bộ tiêu chí")
    )
    group = models.CharField(_("nhóm"), max_length=20, choices=Group)
    text = models.CharField(_("tiêu chí"), max_length=500)
    max_points = models.DecimalField(
        _("điểm tối đa"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)]
    )
    position = models.PositiveIntegerField(_("thứ tự"), default=0)

    objects = CriterionQuerySet.as_manager()
    history = HistoricalRecords()

    organization_from = "criterion_set"

    class Meta:
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        ordering = ["criterion_set", "position", "pk"]

    def __str__(self):
        return self.text

    @property
    def organization(self):
        return self.criterion_set.organization


class AssessmentQuerySet(TenantQuerySet):
    def visible_to(self, user):
        """The office, leaders and observers see every enterprise's; an enterprise only its own."""
        rows = super().visible_to(user)
        if not user.is_authenticated or user.is_superuser:
            return rows
        wide = Q(organization__in=user.organizations_where(Capability.VIEW_ASSESSMENTS))
        own = Q(enterprise=user.enterprise_id) if user.enterprise_id else Q(pk__in=[])
        return rows.filter(wide | own)


class Assessment(SameOrganization, models.Model):
    """An enterprise's yearly self-assessment against the criteria, verified by the office."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Đang tự chấm")
        SUBMITTED = "submitted", _("Chờ thẩm định")
        VERIFIED = "verified", _("Đã thẩm định")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("doanh nghiệp")
    )
    criterion_set = models.ForeignKey(
        CriterionSet, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("bộ tiêu chí")
    )
    state = models.CharField(_("trạng thái"), max_length=20, choices=State, default=State.DRAFT)
    self_total = models.DecimalField(_("tổng điểm tự chấm"), max_digits=8, decimal_places=2, default=0)
    total = models.DecimalField(
        _("tổng điểm thẩm định"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    rank = models.PositiveIntegerField(_("xếp hạng"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    verified_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    verified_at = models.DateTimeField(_("thẩm định lúc"), null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()
    history = HistoricalRecords()

    same_organization = ("enterprise", "criterion_set")

    class Meta:
        verbose_name = _("kết quả thi đua doanh nghiệp")
        verbose_name_plural = _("kết quả thi đua doanh nghiệp")
        # Unranked (not yet verified) last on every database; same name, same rank: the older row first.
        ordering = ["criterion_set", models.F("rank").asc(nulls_last=True), "enterprise__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "criterion_set"],
                name="assessment_one_per_enterprise_year",
                violation_error_message=_("Doanh nghiệp đã có bản tự chấm của năm này."),
            )
        ]

    def __str__(self):
        return f"{self.enterprise} — {self.criterion_set.year}"

    def get_absolute_url(self):
        return reverse("engagement:assessment", args=[self.pk])

    def self_assessable_by(self, user) -> bool:
        """The enterprise scores itself until the office has verified its points."""
        return self.state != self.State.VERIFIED and acts_for_enterprise(
            user, self.enterprise_id, Capability.SELF_ASSESS, self.organization_id
        )

    def verifiable_by(self, user) -> bool:
        return self.state == self.State.SUBMITTED and user.can(
            Capability.VERIFY_ASSESSMENTS, self.organization_id
        )


def assessment_evidence_path(score, filename: str) -> str:
    return f"assessments/{score.assessment.organization_id}/{score.assessment_id}/{filename}"


class ScoreQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The scores of the self-assessments `user` may see."""
        return self.filter(assessment__in=Assessment.objects.visible_to(user))


class Score(SameOrganization, models.Model):
    """The points of one criterion: claimed by the enterprise with evidence, then verified."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="scores", verbose_name=_("bản tự chấm")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="+", verbose_name=_("tiêu chí")
    )
    self_score = models.DecimalField(
        _("điểm tự chấm"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)]
    )
    evidence = models.FileField(_("minh chứng"), upload_to=assessment_evidence_path, blank=True)
    verified_score = models.DecimalField(
        _("điểm thẩm định"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    objects = ScoreQuerySet.as_manager()
    history = HistoricalRecords()

    organization_from = "assessment"
    same_organization = ("criterion",)

    class Meta:
        verbose_name = _("điểm tiêu chí")
        verbose_name_plural = _("điểm tiêu chí")
        ordering = ["criterion__position", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="score_one_per_criterion"),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.self_score}"

    def clean(self):
        super().clean()
        if not self.criterion_id:
            return
        for name in ("self_score", "verified_score"):
            try:
                check_points(getattr(self, name), self.criterion.max_points)
            except ValidationError as error:
                raise ValidationError({name: error.messages}) from error
