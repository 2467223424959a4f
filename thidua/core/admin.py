from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

from thidua.core.models import DayOff


class GuardedHistoryAdmin(SimpleHistoryAdmin):
    """simple-history's pages, held to the admin's own rules.

    Its history pages load a row by primary key, past `get_queryset`, and its version page saves a
    reverted version after checking only the view permission: here a row outside the admin's
    queryset does not exist (404), and a revert needs the change permission on that row.
    """

    def _reachable(self, request, object_id):
        obj = self.get_queryset(request).filter(pk=unquote(object_id)).first()
        if obj is None:
            raise Http404
        return obj

    def history_view(self, request, object_id, extra_context=None):
        self._reachable(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        obj = self._reachable(request, object_id)
        if request.method == "POST" and not self.has_change_permission(request, obj):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class TenantScopedAdmin(GuardedHistoryAdmin):
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


class SuperuserEditsAdmin(GuardedHistoryAdmin):
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
