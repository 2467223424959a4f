"""Reminders, the in-app inbox and personal calendar feeds.

- `ReminderRule`: when an organization's people are reminded of their obligations.
- `Notification`: one message in a person's in-app inbox.
- `ReminderDelivery`: the ledger that makes `thidua remind` idempotent: one row per obligation, person
  and step, inserted before anything is sent; the e-mail is sent from the row and the row marked sent.
- `CalendarToken`: the secret of a person's personal iCalendar feed.
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.utils import update_change_reason

from thidua.core import personcache
from thidua.core.audit import save_audited
from thidua.org.models import Organization, TenantQuerySet, User
from thidua.org.tenancy import SameOrganization

MAX_DAYS_BEFORE = 365


def default_days_before() -> list[int]:
    return [7, 1]


class ReminderRule(models.Model):
    """When an organization reminds: N days before each obligation, then every few working days late."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="reminder_rule", verbose_name=_("cơ quan")
    )
    days_before = models.JSONField(
        _("nhắc trước (ngày)"),
        default=default_days_before,
        help_text=_("Danh sách số ngày trước hạn, ví dụ [7, 1]: nhắc trước 7 ngày và trước 1 ngày."),
    )
    overdue_every_working_days = models.PositiveSmallIntegerField(
        _("khi quá hạn, nhắc mỗi (ngày làm việc)"),
        default=3,
        help_text=_(
            "Khi quá hạn, nhắc lại sau mỗi chừng này ngày làm việc (không tính thứ Bảy, Chủ nhật, lễ, Tết)."
        ),
    )
    is_active = models.BooleanField(_("đang bật"), default=True)

    objects = TenantQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quy tắc nhắc việc")
        verbose_name_plural = _("quy tắc nhắc việc")

    def __str__(self):
        return _("Nhắc việc — {organization}").format(organization=self.organization)

    def clean(self):
        super().clean()
        days = self.days_before
        if not isinstance(days, list) or not all(
            isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= MAX_DAYS_BEFORE for n in days
        ):
            raise ValidationError(
                {
                    "days_before": _("Nhập một danh sách số nguyên từ 1 đến {max}, ví dụ [7, 1].").format(
                        max=MAX_DAYS_BEFORE
                    )
                }
            )
        if len(set(days)) != len(days):
            raise ValidationError({"days_before": _("Mỗi số ngày chỉ được nhập một lần.")})
        if self.overdue_every_working_days < 1:
            raise ValidationError({"overdue_every_working_days": _("Phải từ 1 ngày làm việc trở lên.")})

    @classmethod
    def for_organization(cls, organization) -> "ReminderRule":
        """The organization's rule, created with the defaults (7 and 1 days before, every 3 working days)."""
        rule, created = cls.objects.get_or_create(organization=organization)
        if created:
            update_change_reason(rule, str(_("Quy tắc nhắc việc mặc định")))
        return rule

    @property
    def offsets(self) -> list[int]:
        """The days before, valid ones only, nearest last: [7, 1]."""
        valid = {n for n in self.days_before or [] if isinstance(n, int) and 1 <= n <= MAX_DAYS_BEFORE}
        return sorted(valid, reverse=True)


class NotificationQuerySet(TenantQuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def for_user(self, user):
        return self.filter(recipient=user) if user.is_authenticated else self.none()

    # Writes that send no signal tell the recipients' bells themselves (core.personcache).
    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        personcache.changed([row.recipient_id for row in created], personcache.BELL)
        return created

    def update(self, **kwargs):
        recipients = set(self.values_list("recipient_id", flat=True))
        count = super().update(**kwargs)
        personcache.changed(recipients, personcache.BELL)
        return count


class Notification(SameOrganization, models.Model):
    """One message in a person's in-app inbox."""

    recipient = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("người nhận")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    title = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    delivery = models.OneToOneField(
        "ReminderDelivery",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notification",
        verbose_name=_("lần nhắc"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    read_at = models.DateTimeField(_("đọc lúc"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    same_organization = ("delivery",)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_recipient_read")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("notifications:notification", args=[self.pk])

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    def mark_read(self) -> None:
        if self.read_at is None:
            self.read_at = timezone.now()
            Notification.objects.filter(pk=self.pk, read_at__isnull=True).update(read_at=self.read_at)


class ReminderDelivery(models.Model):
    """The idempotency ledger: one reminder step of one obligation for one person, sent at most once.

    A row is inserted (with its in-app notification, in the same transaction) before the e-mail goes
    out; the e-mail is sent from the row, then the row is marked sent. The unique constraint is what
    makes a second run, or two overlapping runs, create nothing twice.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Chờ gửi thư")
        SENT = "sent", _("Đã gửi thư")
        SKIPPED = "skipped", _("Không gửi thư (người nhận chưa có địa chỉ thư điện tử)")
        FAILED = "failed", _("Gửi thư không được (đã thử nhiều lần)")

    MAX_ATTEMPTS = 10  # then the row is given up (FAILED): a refused address is not retried forever

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    key = models.CharField(_("mã việc"), max_length=200, help_text=_("Obligation.key, hoặc mã bản tin tuần"))
    recipient = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="reminder_deliveries", verbose_name=_("người nhận")
    )
    step = models.CharField(
        _("bước nhắc"), max_length=40, help_text=_("before-7, before-1, due, overdue-2, digest-2026-W47…")
    )
    state = models.CharField(_("trạng thái"), max_length=10, choices=State, default=State.PENDING)
    subject = models.CharField(_("tiêu đề thư"), max_length=300)
    body = models.TextField(_("nội dung thư"))
    attempts = models.PositiveSmallIntegerField(_("số lần gửi lỗi"), default=0)
    last_error = models.TextField(_("lỗi lần gửi gần nhất"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    sent_at = models.DateTimeField(_("gửi thư lúc"), null=True, blank=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("lần nhắc việc")
        verbose_name_plural = _("lần nhắc việc")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["state"], condition=Q(state="pending"), name="delivery_pending"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["key", "recipient", "step"], name="delivery_once_per_step"),
        ]

    def __str__(self):
        return f"{self.key} — {self.step} — {self.recipient}"


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarTokenQuerySet(TenantQuerySet):
    organization_lookup = "user__organization"

    def active(self):
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class CalendarToken(SameOrganization, models.Model):
    """The secret in a person's calendar feed address (…/lich/ics/<token>.ics).

    The token is stored as is, not hashed, so that the person can copy the address again for a second
    device without breaking the first subscription. Hashing would protect nothing here: the token only
    lets one read, without changing anything, deadlines that live in this same database. It is kept out
    of the history table; rotating replaces it and revoking disables it at once.
    """

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="calendar_token", verbose_name=_("người dùng")
    )
    token = models.CharField(_("mã bí mật"), max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    objects = CalendarTokenQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["token"])

    organization_from = "user"

    class Meta:
        verbose_name = _("địa chỉ lịch cá nhân")
        verbose_name_plural = _("địa chỉ lịch cá nhân")

    def __str__(self):
        return _("Lịch của {user}").format(user=self.user)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @classmethod
    def active_for(cls, user) -> "CalendarToken | None":
        return cls.objects.filter(user=user, revoked_at__isnull=True).first()

    @classmethod
    def rotate(cls, user) -> "CalendarToken":
        """A new secret for `user`; the old address stops working at once."""
        token = cls.objects.filter(user=user).first() or cls(user=user)
        reason = _("Tạo địa chỉ lịch mới") if token.pk else _("Tạo địa chỉ lịch")
        token.token = new_calendar_token()
        token.created_at = timezone.now()
        token.revoked_at = None
        return save_audited(token, user=user, reason=reason)

    @classmethod
    def revoke(cls, user) -> bool:
        """Disable `user`'s address; False when there was none to disable."""
        token = cls.active_for(user)
        if token is None:
            return False
        token.revoked_at = timezone.now()
        save_audited(token, user=user, reason=_("Thu hồi địa chỉ lịch"))
        return True
