"""Data every agency shares: the official changes to the working calendar decided for each year."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.core.public_holidays import public_holidays


class DayOff(models.Model):
    """One day the government moved for a year: an extra day off, or a weekend day worked in exchange.

    Statutory holidays (Tết Dương lịch, Tết Nguyên đán, Giỗ Tổ, 30/4, 1/5, 2/9…) and their statutory
    compensatory days come from the `holidays` library (see `thidua.core.workdays`); only the yearly
    decisions on top of them are kept here. A row wins over the library for its date.
    """

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Nghỉ lễ, Tết (bổ sung hoặc hoán đổi)")
        WORKDAY = "workday", _("Làm bù")

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind, default=Kind.HOLIDAY)
    name = models.CharField(
        _("tên"), max_length=200, help_text=_("Ví dụ: Nghỉ bù Tết Bính Ngọ; Làm bù ngày 2/1")
    )
    legal_basis = models.CharField(
        _("căn cứ"), max_length=300, blank=True, help_text=_("Ví dụ: Thông báo số …/TB-BNV")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ngày nghỉ, ngày làm bù")
        verbose_name_plural = _("ngày nghỉ, ngày làm bù")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} – {self.get_kind_display()}: {self.name}"

    def clean(self):
        super().clean()
        if (
            self.kind == self.Kind.WORKDAY
            and self.date is not None
            and self.date.weekday() < 5
            and self.date not in public_holidays(self.date.year)
        ):
            message = _("Ngày này vốn là ngày làm việc: làm bù là thứ Bảy, Chủ nhật hoặc ngày lễ.")
            raise ValidationError({"date": message})


class PrivateFile(models.Model):
    """What is kept of an uploaded file beside the file, which each model stores where it serves it."""

    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(_("loại tệp"), max_length=100)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người tải lên")
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.original_name


class JobRun(models.Model):
    """When a scheduled job (`thidua remind`, `thidua progress refresh`) last completed, for `/suc-khoe/`."""

    name = models.CharField(_("công việc"), max_length=50, unique=True)
    finished_at = models.DateTimeField(_("hoàn thành lúc"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lần chạy công việc định kỳ")
        verbose_name_plural = _("lần chạy công việc định kỳ")

    def __str__(self):
        return f"{self.name}: {self.finished_at:%d/%m/%Y %H:%M}"
