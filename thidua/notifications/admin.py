from django.contrib import admin

from thidua.core.admin import TenantScopedAdmin, WorkflowWrittenAdmin
from thidua.notifications.models import CalendarToken, Notification, ReminderDelivery, ReminderRule


@admin.register(ReminderRule)
class ReminderRuleAdmin(TenantScopedAdmin):
    """Each organization's reminder rule; staff change it for their own organizations only."""

    list_display = ["organization", "days_before", "overdue_every_working_days", "is_active"]
    list_filter = ["is_active"]

    def has_delete_permission(self, request, obj=None):
        return False  # turn reminders off with is_active; a deleted rule would come back with the defaults


@admin.register(ReminderDelivery)
class ReminderDeliveryAdmin(WorkflowWrittenAdmin):
    list_display = ["created_at", "organization", "recipient", "key", "step", "state", "sent_at", "attempts"]
    list_filter = ["organization", "state"]
    search_fields = ["key", "step", "recipient__username", "recipient__full_name", "subject"]
    date_hierarchy = "created_at"


@admin.register(Notification)
class NotificationAdmin(WorkflowWrittenAdmin):
    list_display = ["created_at", "recipient", "title", "read_at"]
    list_filter = ["organization"]
    search_fields = ["title", "recipient__username", "recipient__full_name"]
    date_hierarchy = "created_at"


@admin.register(CalendarToken)
class CalendarTokenAdmin(WorkflowWrittenAdmin):
    """Who has a calendar address; the secret itself is never shown here."""

    list_display = ["user", "created_at", "revoked_at"]
    fields = ["user", "created_at", "revoked_at"]
