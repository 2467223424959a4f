"""Rewards (thi đua, khen thưởng): the staff register, yearly ratings, discipline and hold flags,
registrations, the title rules with their legal basis, and the reward book.

What a title requires is never a constant in code: each title's criteria and parameters are a
TitleRule row (national, or the agency's own) with the document and article it rests on and its
validity; the judgement itself is the pure engine in `thidua.awards.engine`.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.awards import engine
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
from thidua.plans.models import Movement

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class Category(models.TextChoices):
    CIVIL_SERVANT = engine.Category.CIVIL_SERVANT, _("Công chức")
    PUBLIC_EMPLOYEE = engine.Category.PUBLIC_EMPLOYEE, _("Viên chức")
    WORKER = engine.Category.WORKER, _("Người lao động")


class Rating(models.TextChoices):
    EXCELLENT = engine.Rating.EXCELLENT, _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = engine.Rating.GOOD, _("Hoàn thành tốt nhiệm vụ")
    COMPLETED = engine.Rating.COMPLETED, _("Hoàn thành nhiệm vụ")
    NOT_COMPLETED = engine.Rating.NOT_COMPLETED, _("Không hoàn thành nhiệm vụ")


class Title(models.TextChoices):
    """Titles and reward forms a Sở decides or proposes (Luật Thi đua, khen thưởng 2022)."""

    LDTT = engine.Title.LDTT, _("Lao động tiên tiến")
    CSTDCS = engine.Title.CSTDCS, _("Chiến sĩ thi đua cơ sở")
    CSTD_TINH = engine.Title.CSTD_TINH, _("Chiến sĩ thi đua cấp tỉnh")
    GIAY_KHEN = engine.Title.GIAY_KHEN, _("Giấy khen của Giám đốc Sở")
    BANG_KHEN_TINH = engine.Title.BANG_KHEN_TINH, _("Bằng khen của Chủ tịch UBND tỉnh")
    TTLDTT = engine.Title.TTLDTT, _("Tập thể lao động tiên tiến")
    TTLDXS = engine.Title.TTLDXS, _("Tập thể lao động xuất sắc")
    CO_THI_DUA_TINH = engine.Title.CO_THI_DUA_TINH, _("Cờ thi đua của UBND tỉnh")
    OTHER = "other", _("Hình thức khác")


class SubjectKind(models.TextChoices):
    PERSON = engine.SubjectKind.PERSON, _("Cá nhân")
    UNIT = engine.SubjectKind.UNIT, _("Tập thể")


class Person(SameOrganization, models.Model):
    """One person on the agency's staff register (cán bộ, công chức, viên chức, người lao động), whether
    or not they log in; a login account links to its person."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị"))
    full_name = models.CharField(_("họ và tên"), max_length=150)
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    category = models.CharField(
        _("đối tượng"), max_length=20, choices=Category, default=Category.CIVIL_SERVANT
    )
    started_on = models.DateField(_("ngày bắt đầu công tác"), null=True, blank=True)
    user = models.OneToOneField(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff_record",
        verbose_name=_("tài khoản đăng nhập"),
    )
    is_active = models.BooleanField(_("đang công tác"), default=True)

    same_organization = ("unit", "user")

    objects = TenantQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cán bộ, công chức, viên chức")
        verbose_name_plural = _("danh sách cán bộ, công chức, viên chức")
        ordering = ["organization", "unit", "full_name", "pk"]

    def __str__(self):
        return self.full_name


class TitleRuleQuerySet(AgencyRuleQuerySet):
    def in_force_by_title(self, organization, day) -> dict[str, "TitleRule"]:
        """Every title's rule valid on `day`, in one query: the agency's own row wins over the national
        one, and the newest valid row wins among equals."""
        chosen: dict[str, TitleRule] = {}
        for rule in self.valid_on(organization, day):
            chosen.setdefault(rule.title, rule)
        return chosen


class TitleRule(AgencyRule):
    """What one title or reward requires, as data: criteria parameters (shares, counts, the rating
    needed, who decides), the document and article they rest on, and where the law is unsettled.

    `parameters` keys the engine reads are listed in `thidua.awards.engine` (each judge's docstring);
    unknown keys are kept but ignored."""

    title = models.CharField(_("danh hiệu, hình thức"), max_length=30, choices=Title)
    subject = models.CharField(_("đối tượng"), max_length=10, choices=SubjectKind)
    article = models.CharField(_("điều, khoản"), max_length=200, blank=True)
    parameters = models.JSONField(_("tham số"), default=dict, blank=True)
    note = models.TextField(
        _("ghi chú pháp lý"), blank=True, help_text=_("Điểm pháp luật chưa rõ, cần kiểm tra lại văn bản gốc")
    )

    objects = TitleRuleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta(AgencyRule.Meta):
        verbose_name = _("tiêu chuẩn danh hiệu, hình thức khen thưởng")
        verbose_name_plural = _("tiêu chuẩn danh hiệu, hình thức khen thưởng")
        constraints = [validity_ordered("title_rule_validity_ordered")]

    def __str__(self):
        return f"{self.get_title_display()} — {self.legal_basis}"

    def clean(self):
        super().clean()
        if self.title not in set(engine.Title):
            raise ValidationError({"title": _("Hình thức này không có tiêu chuẩn để xét.")})
        if not isinstance(self.parameters, dict):
            raise ValidationError({"parameters": _("Tham số phải là một đối tượng JSON.")})
        problems = engine.parameter_problems(engine.Title(self.title), self.parameters)
        if problems:
            message = _("Thiếu hoặc sai tham số: %(keys)s.") % {"keys": ", ".join(problems)}
            raise ValidationError({"parameters": message})

    def to_engine(self) -> engine.RuleVersion:
        return engine.RuleVersion(
            title=engine.Title(self.title),
            document=self.legal_basis,
            article=self.article,
            parameters=dict(self.parameters),
            note=self.note,
        )


class RatingRule(AgencyRule):
    """The cap on "Hoàn thành xuất sắc nhiệm vụ" ratings: at most a share of those rated "Hoàn thành
    tốt", within each unit, for the categories the rating decree covers (Nghị định 335/2025: công chức)."""

    excellent_cap_share = models.DecimalField(
        _("tỷ lệ tối đa xuất sắc so với số hoàn thành tốt"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.2000"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    categories = models.JSONField(
        _("đối tượng áp dụng"), default=list, blank=True, help_text=_('Ví dụ ["civil_servant"]')
    )
    article = models.CharField(_("điều, khoản"), max_length=200, blank=True)
    note = models.TextField(_("ghi chú pháp lý"), blank=True)
    history = HistoricalRecords()

    class Meta(AgencyRule.Meta):
        verbose_name = _("quy định tỷ lệ xếp loại xuất sắc")
        verbose_name_plural = _("quy định tỷ lệ xếp loại xuất sắc")
        constraints = [validity_ordered("rating_rule_validity_ordered")]

    def __str__(self):
        return self.legal_basis

    def clean(self):
        super().clean()
        if not isinstance(self.categories, list) or not set(self.categories) <= set(Category.values):
            raise ValidationError({"categories": _("Đối tượng áp dụng không hợp lệ.")})

    def to_engine(self) -> engine.RatingCap:
        return engine.RatingCap(
            share=self.excellent_cap_share,
            categories=frozenset(engine.Category(c) for c in self.categories),
            document=self.legal_basis,
            article=self.article,
        )


class YearRating(SameOrganization, models.Model):
    """A rating for one year (Nghị định 335/2025 grades): entered by the unit, confirmed by the office."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR_VALIDATORS)
    rating = models.CharField(_("xếp loại"), max_length=20, choices=Rating)
    confirmed = models.BooleanField(_("Văn phòng đã xác nhận"), default=False)

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


class Award(SameOrganization, models.Model):
    """One line of the reward book: a title or reward given to a person or a unit, with its decision.

    Thematic (chuyên đề) and sudden (đột xuất) rewards are kept but never count towards chains of
    consecutive titles (Nghị định 152/2025)."""

    class Kind(models.TextChoices):
        ANNUAL = engine.AwardKind.ANNUAL, _("Thường xuyên, hằng năm")
        THEMATIC = engine.AwardKind.THEMATIC, _("Theo chuyên đề")
        SUDDEN = engine.AwardKind.SUDDEN, _("Đột xuất")

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

    same_organization = ("person", "unit", "movement")

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

    same_organization = ("unit", "person")

    objects = TenantQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đề nghị khen thưởng (bình xét)")
        verbose_name_plural = _("đề nghị khen thưởng (bình xét)")
        ordering = ["-year", "unit", "title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "year", "title"],
                condition=Q(person__isnull=False),
                name="nomination_person_once",
                violation_error_message=_("Người này đã được đề nghị danh hiệu này trong năm."),
            ),
            models.UniqueConstraint(
                fields=["unit", "year", "title"],
                condition=Q(person__isnull=True),
                name="nomination_unit_once",
                violation_error_message=_("Đơn vị đã tự đề nghị danh hiệu này trong năm."),
            ),
        ]

    def __str__(self):
        return f"{self.subject} — {self.get_title_display()} {self.year}"

    @property
    def subject(self):
        return self.person if self.person_id else self.unit

    @property
    def subject_kind(self) -> str:
        return SubjectKind.PERSON if self.person_id else SubjectKind.UNIT

    def clean(self):
        super().clean()
        if self.person_id and self.unit_id and self.person.unit_id != self.unit_id:
            raise ValidationError({"person": _("Đơn vị chỉ đề nghị cho người của đơn vị mình.")})
        if self.title and self.unit_id:
            wanted = SubjectKind.PERSON if self.title in engine.PERSON_TITLES else SubjectKind.UNIT
            if wanted != self.subject_kind:
                raise ValidationError({"title": _("Danh hiệu này không dành cho đối tượng được đề nghị.")})
        if self.status == self.Status.RETURNED and not self.return_reason.strip():
            raise ValidationError({"return_reason": _("Phải ghi rõ lý do trả lại.")})


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
