from thidua.core import personcache
from thidua.notifications.models import Notification


def unread_notifications(request):
    """The signed-in person's unread notifications, for the bell in the header: one COUNT query, kept
    until a notification of theirs is saved (core.personcache)."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}

    def count() -> int:
        return Notification.objects.filter(recipient=user, read_at__isnull=True).count()

    return {"unread_count": personcache.cached(user.pk, personcache.BELL, count)}
