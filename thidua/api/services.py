"""Tokens of the REST API: made by the agency's office, revoked by it; both recorded in the history."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.api.models import ApiToken, IntegrationAccount, new_secret
from thidua.core.audit import save_audited


class TokenError(Exception):
    """A rule refused the change; the message is for the user."""


@transaction.atomic
def token_create(*, organization, name: str, scope: str, unit, user) -> tuple[ApiToken, str]:
    """A new token and the secret to show once (only its hash is kept), with the account it acts through."""
    secret, prefix, secret_hash = new_secret()
    account = IntegrationAccount(
        username=f"api-{prefix}",
        full_name=_("Hệ thống tích hợp: {name}").format(name=name)[:150],
        organization=organization,
        unit=unit if scope == ApiToken.Scope.READ_WRITE else None,
        is_active=False,
    )
    account.set_unusable_password()
    save_audited(account, user=user, reason=_("Tài khoản của mã truy cập API"))
    token = ApiToken(
        organization=organization,
        name=name,
        scope=scope,
        unit=unit,
        prefix=prefix,
        secret_hash=secret_hash,
        account=account,
        created_by=user,
    )
    save_audited(token, user=user, reason=_("Cấp mã truy cập API"))
    return token, secret


@transaction.atomic
def token_revoke(*, token: ApiToken, user) -> ApiToken:
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        raise TokenError(_("Mã truy cập này đã bị thu hồi."))
    token.revoked_at = timezone.now()
    return save_audited(token, user=user, reason=_("Thu hồi mã truy cập API"))
