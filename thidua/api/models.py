"""Access tokens of the REST API: one per integration (another system), scoped to one agency.

The secret is shown once, when the token is made, and stored only as its SHA-256: it is 32 random
bytes, so a fast hash is enough (nothing to guess from a dictionary), and the lookup goes by the short
prefix written in front of it. A token acts through an account of its own (`IntegrationAccount`), so
what it writes is recorded in the history under its name, and the pages' permission checks
(`user.can`, `acts_for_unit`, `visible_to`) answer for it from `org.roles.INTEGRATION_CAPABILITIES`.
"""

import hashlib
import hmac
import secrets
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.org.models import Organization, TenantQuerySet, Unit, User
from thidua.org.roles import INTEGRATION_CAPABILITIES
from thidua.org.tenancy import SameOrganization

TOKEN_PREFIX = "td_"


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_secret() -> tuple[str, str, str]:
    """A new token: (the whole secret to show once, its lookup prefix, the hash to keep)."""
    prefix = secrets.token_hex(4)
    secret = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    return secret, prefix, hash_secret(secret)


class ApiTokenQuerySet(TenantQuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)

    def matching(self, secret: str) -> "ApiToken | None":
        """The active token whose secret this is, or None (unknown, malformed or revoked)."""
        if not secret.startswith(TOKEN_PREFIX) or secret.count("_") < 2:
            return None
        prefix = secret[len(TOKEN_PREFIX) :].split("_", 1)[0]
        token = self.active().select_related("organization", "account", "unit").filter(prefix=prefix).first()
        if token is None or not hmac.compare_digest(token.secret_hash, hash_secret(secret)):
            return None
        return token


class ApiToken(SameOrganization, models.Model):
    """An access token for one integration (another system) of one agency: read, or read and write."""

    class Scope(models.TextChoices):
        READ = "read", _("Chỉ đọc")
        READ_WRITE = "read_write", _("Đọc và gửi số liệu của một phòng, đơn vị")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    name = models.CharField(
        _("hệ thống tích hợp"), max_length=150, help_text=_("Ví dụ: Trung tâm điều hành thông minh tỉnh")
    )
    scope = models.CharField(_("quyền"), max_length=20, choices=Scope, default=Scope.READ)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("phòng, đơn vị gửi số liệu"),
        help_text=_("Bắt buộc với mã được gửi số liệu: hệ thống gửi số liệu thay cho phòng, đơn vị này"),
    )
    prefix = models.CharField(_("tiền tố"), max_length=16, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    account = models.OneToOneField(
        User, on_delete=models.PROTECT, related_name="api_token", editable=False, verbose_name=_("tài khoản")
    )
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("người cấp")
    )
    created_at = models.DateTimeField(_("cấp lúc"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()
    # The hash stays out of the history; the time of last use changes on every request, it is no event.
    history = HistoricalRecords(excluded_fields=["secret_hash", "last_used_at"])

    same_organization = ("unit",)

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({TOKEN_PREFIX}{self.prefix}…)"

    def clean(self):
        super().clean()
        if self.scope == self.Scope.READ_WRITE and self.unit_id is None:
            raise ValidationError({"unit": _("Mã được gửi số liệu phải gắn với một phòng, đơn vị.")})
        if self.scope == self.Scope.READ:
            self.unit = None

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def capabilities(self) -> frozenset[str]:
        return INTEGRATION_CAPABILITIES[self.scope]


class IntegrationAccount(User):
    """The account a token acts through: what it may do comes from the token, not from roles.

    It has no password and is inactive, so nobody logs in with it; it exists so that every row a token
    writes names who wrote it, like any other change.
    """

    class Meta:
        proxy = True
        verbose_name = _("tài khoản tích hợp")
        verbose_name_plural = _("tài khoản tích hợp")

    @cached_property
    def token(self) -> ApiToken:
        return self.api_token

    @cached_property
    def roles_by_organization(self) -> dict[int, set[str]]:
        return {self.token.organization_id: set()}

    def can(self, capability: str, organization) -> bool:
        organization_id = getattr(organization, "pk", organization)
        return organization_id == self.token.organization_id and capability in self.token.capabilities

    def organizations_where(self, capability: str) -> list[int]:
        return [self.token.organization_id] if capability in self.token.capabilities else []
