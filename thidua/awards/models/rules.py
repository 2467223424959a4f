"""Title and rating rules as data, each with its legal basis and validity."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.awards import engine
from thidua.awards.models.people import Category, SubjectKind, Title
from thidua.org.models import (
    AgencyRule,
    AgencyRuleQuerySet,
    validity_ordered,
)

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


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
