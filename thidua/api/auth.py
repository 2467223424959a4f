"""Who calls the API: a token of one agency (Authorization: Bearer td_…), and how often it may."""

import datetime

from django.conf import settings
from django.utils import timezone
from ninja.security import HttpBearer
from ninja.throttling import SimpleRateThrottle

from thidua.api.models import ApiToken, IntegrationAccount

# The time of last use is written at most this often per token, not on every request.
LAST_USED_EVERY = datetime.timedelta(minutes=1)


class TokenAuth(HttpBearer):
    """The token's account, or None (401): unknown, malformed and revoked tokens alike."""

    openapi_description = "Mã truy cập do Văn phòng Sở cấp (trang Kết nối API): Bearer td_…"

    def authenticate(self, request, token: str):
        found = ApiToken.objects.matching(token)
        if found is None:
            return None
        account = IntegrationAccount.objects.select_related("unit").get(pk=found.account_id)
        account.__dict__["token"] = found  # the cached property: no second query
        _touch(found)
        request.user = account  # the request log and the history name the integration
        return account


def _touch(token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        # One column kept out of the history on purpose (it is no change of the token): a plain update.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)


class TokenRateThrottle(SimpleRateThrottle):
    """At most settings.API_RATE_LIMIT requests per token (in the Django cache, shared by the servers
    when CACHE_URL points at a shared cache)."""

    scope = "api-token"

    def __init__(self):
        super().__init__(settings.API_RATE_LIMIT)

    def allow_request(self, request) -> bool:
        self.rate = settings.API_RATE_LIMIT  # read on each request: a changed setting applies at once
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request) -> str | None:
        account = getattr(request, "auth", None)
        if account is None:
            return None  # refused by the authentication anyway
        return self.cache_format % {"scope": self.scope, "ident": account.pk}
