"""The REST API (django-ninja): OpenAPI 3 at /api/openapi.json, its docs page at /api/docs.

Every request carries a token of one agency (`auth.TokenAuth`) and is limited per token
(`auth.TokenRateThrottle`, settings.API_RATE_LIMIT). The endpoints are thin like the pages: find the
row through `visible_to` / `get_for_user` (another agency's row is a 404), check the same permission
as the page, call the same service. A GET answers with an ETag and 304 to a matching If-None-Match;
every error is JSON `{"detail": "…"}` in Vietnamese.
"""

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags, quote_etag
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as RequestValidationError
from ninja.renderers import JSONRenderer

from thidua.api import endpoints, reports  # noqa: F401  (reports adds its endpoints to endpoints.router)
from thidua.api.auth import TokenAuth, TokenRateThrottle
from thidua.tracking.services import TrackingError


class VietnameseJSON(JSONRenderer):
    """UTF-8 as it is: Vietnamese text readable in the answer, not \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


class ThiDuaAPI(NinjaAPI):
    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(request, data, status=status, temporal_response=temporal_response)
        patch_vary_headers(response, ["Authorization"])
        if request.method != "GET" or response.status_code != 200:
            return response
        etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:40])
        response["ETag"] = etag
        response["Cache-Control"] = "private, no-cache"
        if (
            etag in parse_etags(request.headers.get("If-None-Match", ""))
            or request.headers.get("If-None-Match") == "*"
        ):
            not_modified = HttpResponseNotModified()
            not_modified["ETag"] = etag
            patch_vary_headers(not_modified, ["Authorization"])
            return not_modified
        return response


api = ThiDuaAPI(
    title="Thi Đua API",
    version="1",
    description=_(
        "Đọc kế hoạch, chỉ tiêu và tình hình thực hiện, phòng, đơn vị, việc giao chỉ tiêu, báo cáo, lịch "
        "thời hạn, sáng kiến, trả lời công khai, sổ khen thưởng của một cơ quan; nhập và gửi số liệu báo "
        "cáo của một phòng, đơn vị. Mã truy cập do Văn phòng Sở cấp."
    ),
    renderer=VietnameseJSON(),
    auth=TokenAuth(),
    throttle=[TokenRateThrottle()],
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
api.add_router("/", endpoints.router)


def _detail(request, message: str, status: int, **extra):
    return api.create_response(request, {"detail": message, **extra}, status=status)


@api.exception_handler(AuthenticationError)
def _unauthorized(request, exc):
    response = _detail(request, _("Thiếu mã truy cập, mã không đúng hoặc đã bị thu hồi."), 401)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(Throttled)
def _throttled(request, exc):
    return _detail(request, _("Quá nhiều yêu cầu với mã truy cập này; hãy thử lại sau ít phút."), 429)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _detail(request, _("Không tìm thấy, hoặc không thuộc cơ quan của mã truy cập."), 404)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return _detail(request, str(exc) or _("Mã truy cập không có quyền làm việc này."), 403)


@api.exception_handler(TrackingError)
def _refused(request, exc):
    return _detail(request, str(exc), 409)


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    errors = exc.message_dict if hasattr(exc, "error_dict") else None
    return _detail(request, " ".join(exc.messages), 422, errors=errors)


@api.exception_handler(RequestValidationError)
def _malformed(request, exc):
    fields = [".".join(str(part) for part in error.get("loc", ())[1:]) for error in exc.errors]
    message = _("Yêu cầu không hợp lệ: {fields}.").format(fields=", ".join(f for f in fields if f) or "—")
    return _detail(request, message, 422)


@api.exception_handler(HttpError)
def _http_error(request, exc):
    return _detail(request, str(exc), exc.status_code)
