from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from thidua.core.models import DayOff


class TenantScopedAdmin(SimpleHistoryAdmin):
    """Admin pages show a staff member only their organizations' rows, and offer only those in choices."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset.visible_to(request.user) if hasattr(queryset, "visible_to") else queryset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model._default_manager.all()
        if hasattr(related, "visible_to"):
            kwargs.setdefault("queryset", related.visible_to(request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class WorkflowWrittenAdmin(TenantScopedAdmin):
    """Rows that change only through their workflow (which records who and why): read-only here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class SuperuserEditsAdmin(SimpleHistoryAdmin):
    """National data (rules, days off): every agency reads it, platform administrators keep it."""

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(DayOff)
class DayOffAdmin(SuperuserEditsAdmin):
    """The government's yearly days off and make-up days: national data, kept by platform administrators."""

    list_display = ["date", "kind", "name", "legal_basis"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    search_fields = ["name", "legal_basis"]
