"""The staff register: people of the agency and the choices of ratings and titles."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.awards import engine
from thidua.org.models import (
    Organization,
    TenantQuerySet,
    Unit,
    User,
)
from thidua.org.tenancy import SameOrganization

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


class RewardKind(models.TextChoices):
    """Thematic (chuyên đề) and sudden (đột xuất) rewards never count towards chains of titles."""

    ANNUAL = engine.AwardKind.ANNUAL, _("Thường xuyên, hằng năm")
    THEMATIC = engine.AwardKind.THEMATIC, _("Theo chuyên đề")
    SUDDEN = engine.AwardKind.SUDDEN, _("Đột xuất")


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
