"""Decisions (quyết định) of the Director and proposals (tờ trình) to the province, with their lists,
and the bonus tables they are paid from: the base salary by date and the multiple of each form.

Which form the Director decides is not decided here: it is the `decided_by` parameter of the title's
rule (Luật Thi đua, khen thưởng 2022, Điều 80 khoản 1), read by `thidua.awards.decisions`.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.awards import engine
from thidua.awards.models.nominations import Nomination
from thidua.awards.models.people import Person, RewardKind, SubjectKind, Title
from thidua.org.models import (
    AgencyRule,
    AgencyRuleQuerySet,
    Organization,
    TenantQuerySet,
    Unit,
    User,
    validity_ordered,
)
from thidua.org.roles import Capability
from thidua.org.tenancy import SameOrganization

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]
RULE_TITLES = [c for c in Title.choices if c[0] != Title.OTHER]


class BaseSalary(AgencyRule):
    """The base salary (mức lương cơ sở) from a date, with the decree that set it: bonuses are multiples
    of the one in force on the date of the decision."""

    amount = models.PositiveBigIntegerField(_("mức lương cơ sở (đồng/tháng)"))
    note = models.TextField(_("ghi chú pháp lý"), blank=True)
    history = HistoricalRecords()

    class Meta(AgencyRule.Meta):
        verbose_name = _("mức lương cơ sở")
        verbose_name_plural = _("mức lương cơ sở")
        constraints = [validity_ordered("base_salary_validity_ordered")]

    def __str__(self):
        return f"{self.amount:,} đ — {self.legal_basis}".replace(",", ".")


class BonusMultipleQuerySet(AgencyRuleQuerySet):
    def in_force_by_form(self, organization, day) -> dict[tuple[str, str], "BonusMultiple"]:
        """Each (title, subject)'s multiple valid on `day`, in one query; the agency's own row first."""
        chosen: dict[tuple[str, str], BonusMultiple] = {}
        for row in self.valid_on(organization, day):
            chosen.setdefault((row.title, row.subject), row)
        return chosen


class BonusMultiple(AgencyRule):
    """How many base salaries a title or reward brings to a person or to a collective."""

    title = models.CharField(_("danh hiệu, hình thức"), max_length=30, choices=RULE_TITLES)
    subject = models.CharField(_("đối tượng"), max_length=10, choices=SubjectKind)
    multiple = models.DecimalField(
        _("hệ số so với mức lương cơ sở"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)]
    )
    article = models.CharField(_("điều, khoản"), max_length=200, blank=True)
    note = models.TextField(_("ghi chú pháp lý"), blank=True)

    objects = BonusMultipleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta(AgencyRule.Meta):
        verbose_name = _("hệ số tiền thưởng")
        verbose_name_plural = _("hệ số tiền thưởng")
        constraints = [validity_ordered("bonus_multiple_validity_ordered")]

    def __str__(self):
        return f"{self.get_title_display()} ({self.get_subject_display()}): {self.multiple}"


class ReadableQuerySet(TenantQuerySet):
    """Decisions, proposals and their lines: the office and the leaders read them."""

    read_capability = Capability.VIEW_AWARDS


class Paper(SameOrganization, models.Model):
    """What a decision and a proposal share: the year and kind of the achievements, the summary."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    year = models.PositiveSmallIntegerField(_("năm thành tích"), validators=YEAR_VALIDATORS)
    kind = models.CharField(
        _("loại khen thưởng"), max_length=20, choices=RewardKind, default=RewardKind.ANNUAL
    )
    content = models.CharField(_("trích yếu"), max_length=300)
    number = models.CharField(_("số"), max_length=50, blank=True)
    signed_on = models.DateField(_("ngày ký"), null=True, blank=True)
    signer = models.CharField(_("người ký"), max_length=150, blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("người lập")
    )

    objects = ReadableQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-year", "-pk"]

    def clean(self):
        super().clean()
        if self.signed_on and self.year and self.signed_on.year < self.year:
            raise ValidationError({"signed_on": _("Ngày ký không thể trước năm thành tích.")})


class Decision(Paper):
    """A decision of the Director (quyết định khen thưởng) for the forms within the Director's authority.
    Once issued, each line is a line of the reward book."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        ISSUED = "issued", _("Đã ban hành")

    status = models.CharField(_("trạng thái"), max_length=20, choices=Status, default=Status.DRAFT)
    issued_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("người ghi")
    )
    issued_at = models.DateTimeField(_("thời điểm ghi"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta(Paper.Meta):
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "number", "signed_on"],
                condition=~Q(number=""),
                name="decision_number_once",
                violation_error_message=_("Đã có quyết định cùng số và ngày ký."),
            )
        ]

    def __str__(self):
        number = self.number or _("dự thảo")
        return f"{_('Quyết định')} {number} — {self.content}"


class Proposal(Paper):
    """A proposal (tờ trình) to the Chủ tịch UBND tỉnh for the forms beyond the Director's authority; its
    outcome, with the province's decision, is recorded when it comes back."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        SENT = "sent", _("Đã trình")
        ACCEPTED = "accepted", _("Được khen thưởng")
        PARTLY = "partly", _("Được khen thưởng một phần")
        REFUSED = "refused", _("Không được khen thưởng")

    status = models.CharField(_("trạng thái"), max_length=20, choices=Status, default=Status.DRAFT)
    recipient = models.CharField(_("trình"), max_length=200, default=_("Chủ tịch UBND tỉnh"))
    result_number = models.CharField(_("số quyết định của tỉnh"), max_length=50, blank=True)
    result_date = models.DateField(_("ngày quyết định của tỉnh"), null=True, blank=True)
    result_signer = models.CharField(_("người ký quyết định của tỉnh"), max_length=150, blank=True)
    result_note = models.TextField(_("ghi chú kết quả"), blank=True)
    recorded_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người ghi kết quả"),
    )
    history = HistoricalRecords()

    class Meta(Paper.Meta):
        verbose_name = _("tờ trình đề nghị khen thưởng")
        verbose_name_plural = _("tờ trình đề nghị khen thưởng")

    def __str__(self):
        number = self.number or _("dự thảo")
        return f"{_('Tờ trình')} {number} — {self.content}"

    @property
    def answered(self) -> bool:
        return self.status in (self.Status.ACCEPTED, self.Status.PARTLY, self.Status.REFUSED)


class Line(SameOrganization, models.Model):
    """One person or unit on a decision's or a proposal's list, for one form."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("cá nhân")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("tập thể")
    )
    title = models.CharField(_("danh hiệu, hình thức"), max_length=30, choices=RULE_TITLES)
    nomination = models.ForeignKey(
        Nomination,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đề nghị (bình xét)"),
    )
    bonus = models.PositiveBigIntegerField(_("tiền thưởng (đồng)"), default=0)

    same_organization: tuple[str, ...] = ("person", "unit", "nomination")

    objects = ReadableQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["title", "pk"]

    def __str__(self):
        return f"{self.subject} — {self.get_title_display()}"

    @property
    def subject(self):
        return self.person if self.person_id else self.unit

    @property
    def subject_kind(self) -> str:
        return SubjectKind.PERSON if self.person_id else SubjectKind.UNIT

    def clean(self):
        super().clean()
        if bool(self.person_id) == bool(self.unit_id):
            raise ValidationError(_("Mỗi dòng dành cho một cá nhân hoặc một tập thể."))
        wanted = SubjectKind.PERSON if self.title in engine.PERSON_TITLES else SubjectKind.UNIT
        if self.title and self.title != Title.GIAY_KHEN and wanted != self.subject_kind:
            raise ValidationError({"title": _("Danh hiệu này không dành cho đối tượng này.")})


class DecisionLine(Line):
    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="lines", verbose_name=_("quyết định")
    )
    same_organization = ("person", "unit", "nomination", "decision")
    history = HistoricalRecords()

    class Meta(Line.Meta):
        verbose_name = _("dòng quyết định khen thưởng")
        verbose_name_plural = _("danh sách quyết định khen thưởng")


class ProposalLine(Line):
    class Outcome(models.TextChoices):
        PENDING = "pending", _("Chờ kết quả")
        ACCEPTED = "accepted", _("Được khen thưởng")
        REFUSED = "refused", _("Không được khen thưởng")

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="lines", verbose_name=_("tờ trình")
    )
    outcome = models.CharField(_("kết quả"), max_length=20, choices=Outcome, default=Outcome.PENDING)
    same_organization = ("person", "unit", "nomination", "proposal")
    history = HistoricalRecords()

    class Meta(Line.Meta):
        verbose_name = _("dòng tờ trình đề nghị khen thưởng")
        verbose_name_plural = _("danh sách tờ trình đề nghị khen thưởng")
