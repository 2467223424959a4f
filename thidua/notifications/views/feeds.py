"""The personal calendar feed (public, behind its secret) and the page where a person manages it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from thidua.notifications.feeds import build_feed
from thidua.notifications.models import CalendarToken


@require_safe
def feed(request, token):
    """The .ics of the token's owner; no login (calendar apps cannot log in), 404 if unknown or revoked."""
    found = CalendarToken.objects.active().select_related("user").filter(token=token).first()
    if found is None:
        raise Http404(_("Địa chỉ lịch không tồn tại hoặc đã bị thu hồi."))
    response = HttpResponse(
        build_feed(found.user, request.build_absolute_uri), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="thidua.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def feed_url(request, token: CalendarToken | None) -> str:
    if token is None:
        return ""
    return request.build_absolute_uri(reverse("notifications:feed", args=[token.token]))


@login_required
@require_http_methods(["GET", "POST"])
def feed_settings(request):
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "rotate":
            had_one = CalendarToken.active_for(request.user) is not None
            CalendarToken.rotate(request.user)
            messages.success(
                request,
                _("Đã tạo địa chỉ lịch mới; địa chỉ cũ không còn dùng được.")
                if had_one
                else _("Đã tạo địa chỉ lịch của bạn."),
            )
        elif action == "revoke":
            if CalendarToken.revoke(request.user):
                messages.success(
                    request, _("Đã thu hồi địa chỉ lịch; các ứng dụng lịch sẽ không cập nhật được nữa.")
                )
            else:
                messages.info(request, _("Bạn chưa có địa chỉ lịch nào đang dùng."))
        else:
            messages.error(request, _("Thao tác không hợp lệ."))
        return redirect("notifications:feed_settings")
    token = CalendarToken.active_for(request.user)
    url = feed_url(request, token)
    context = {
        "token": token,
        "feed_url": url,
        "webcal_url": "webcal://" + url.split("://", 1)[1] if url else "",
    }
    return render(request, "notifications/feed_settings.html", context)
