"""A person's in-app notifications: the list, opening one, marking all read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from thidua.notifications.models import Notification

PER_PAGE = 20


@login_required
@require_http_methods(["GET", "POST"])
def inbox(request):
    mine = Notification.objects.for_user(request.user)
    if request.method == "POST":
        count = mine.unread().update(read_at=timezone.now())
        if count:
            messages.success(request, _("Đã đánh dấu đã đọc {n} thông báo.").format(n=count))
        return redirect("notifications:inbox")
    page = Paginator(mine.only("pk", "title", "body", "created_at", "read_at", "url"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notifications/inbox.html",
        {"page": page, "notifications": page.object_list, "unread_total": mine.unread().count()},
    )


@login_required
@require_safe
def notification(request, pk):
    """Open one notification: it is marked read and the person goes where it points."""
    found = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    found.mark_read()
    if found.url and url_has_allowed_host_and_scheme(
        found.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(found.url)
    return redirect("notifications:inbox")
