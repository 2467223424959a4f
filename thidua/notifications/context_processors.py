from thidua.notifications.models import Notification


def unread_notifications(request):
    """The signed-in person's unread notifications, for the bell in the header: one COUNT query."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    return {"unread_count": Notification.objects.filter(recipient=user, read_at__isnull=True).count()}
