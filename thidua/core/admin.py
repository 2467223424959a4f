from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.admin.utils import NotRelationField, get_fields_from_path, unquote
from django.contrib.auth.models import Group
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured, PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from thidua.core.models import DayOff


class GuardedHistoryAdmin(SimpleHistoryAdmin):
    """simple-history's pages, held to the admin's own rules.

    Its history pages load a row by primary key, past `get_queryset`, and its version page saves a
    reverted version after checking only the view permission: here a row outside the admin's
    queryset does not exist (404), and a revert needs the change permission on that row.
    """

    change_reason = _("Sửa trong trang quản trị")

    def save_model(self, request, obj, form, change):
        obj._change_reason = str(self.change_reason)
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        obj._change_reason = str(self.change_reason)
        super().delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        """Rows of the inlines too are saved with the reason, so their history says where they changed."""
        for inline_form in formset.forms:
            inline_form.instance._change_reason = str(self.change_reason)
        super().save_formset(request, form, formset, change)

    def _reachable(self, request, object_id):
        if getattr(self.model._meta, "simple_history_manager_attribute", None) is None:
            raise Http404  # a model that keeps no history has no history pages (simple-history fails on them)
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


def is_tenant_scoped(model) -> bool:
    """Whether the rows of `model` can be scoped to an organization: its queryset has `visible_to`."""
    return hasattr(model._default_manager.all(), "visible_to")


def scoped_choices(queryset, user):
    """The rows of `queryset` a form of the admin may offer `user`: those they may see; for a model
    whose rows cannot be scoped to an organization, none unless they are a superuser (fail closed)."""
    if user.is_superuser:
        return queryset
    if hasattr(queryset, "visible_to"):
        return queryset.visible_to(user)
    return queryset.none()


class TenantScopedChoices:
    """Every choice a form of the admin offers — foreign keys, many-to-many, autocomplete, raw ids —
    is a row the user may see: other agencies' rows are neither listed nor accepted when posted.

    Shared by `TenantScopedAdmin` and the inlines below, so every app's admin gets it by inheritance.
    """

    def get_field_queryset(self, db, db_field, request):
        queryset = super().get_field_queryset(db, db_field, request)
        if queryset is None:
            queryset = db_field.remote_field.model._default_manager.using(db).all()
        return scoped_choices(queryset, request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if kwargs.get("queryset") is not None:
            kwargs["queryset"] = scoped_choices(kwargs["queryset"], request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if kwargs.get("queryset") is not None:
            kwargs["queryset"] = scoped_choices(kwargs["queryset"], request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class TenantScopedPermissions:
    """Rows of a model that cannot be scoped to an organization are the superusers' alone: a staff
    member neither sees, adds, changes nor deletes them (fail closed)."""

    def _in_reach(self, request) -> bool:
        return request.user.is_superuser or is_tenant_scoped(self.model)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.visible_to(request.user) if hasattr(queryset, "visible_to") else queryset.none()

    def has_view_permission(self, request, obj=None):
        return self._in_reach(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return self._in_reach(request) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return self._in_reach(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._in_reach(request) and super().has_delete_permission(request, obj)


class TenantScopedAdmin(TenantScopedPermissions, TenantScopedChoices, GuardedHistoryAdmin):
    """Admin pages show a staff member only their organizations' rows, and offer only those in choices.

    Every inline must be a `TenantScopedInline` (`TenantTabularInline`, `TenantStackedInline`);
    list filters on a relation list only the values found in the user's own rows.
    """

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        for inline in inlines:
            if not isinstance(inline, TenantScopedInline):
                raise ImproperlyConfigured(f"{type(inline).__name__} must extend TenantScopedInline")
        return inlines

    def get_list_filter(self, request):
        return [_only_own_values(self.model, entry) for entry in super().get_list_filter(request)]


def _only_own_values(model, entry):
    """A filter on a relation ("organization", "plan__organization") offers only the values found in
    the rows the admin shows, never the names of other agencies."""
    if not isinstance(entry, str):
        return entry
    try:
        field = get_fields_from_path(model, entry)[-1]
    except (FieldDoesNotExist, NotRelationField):
        return entry
    return (entry, admin.RelatedOnlyFieldListFilter) if field.is_relation else entry


class TenantScopedInline(TenantScopedPermissions, TenantScopedChoices, InlineModelAdmin):
    """An inline of a `TenantScopedAdmin`: its rows and its choices scoped like the page's own."""


class TenantTabularInline(TenantScopedInline, admin.TabularInline):
    pass


class TenantStackedInline(TenantScopedInline, admin.StackedInline):
    pass


class WorkflowWrittenAdmin(TenantScopedAdmin):
    """Rows that change only through their workflow (which records who and why): read-only here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class SuperuserEditsAdmin(TenantScopedChoices, GuardedHistoryAdmin):
    """National data (rules, days off): every agency reads it, platform administrators keep it.

    A rule kept per agency (an `organization` field, empty for the national row) is read by a staff
    member for the national rows and their own agency's only.
    """

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser or not any(f.name == "organization" for f in self.model._meta.fields):
            return queryset
        own = Q(organization__in=request.user.organization_ids)
        return queryset.filter(Q(organization__isnull=True) | own)

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class SuperuserOnlyAdmin(admin.ModelAdmin):
    """Platform pages (groups and permissions, login attempts): superusers only, whatever the model
    permissions a staff member holds."""

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


def make_superuser_only(site, *models) -> None:
    """Register again, as superuser-only, the admins other packages registered for `models`."""
    for model in models:
        registered = type(site._registry[model])
        site.unregister(model)
        site.register(model, type(registered.__name__, (SuperuserOnlyAdmin, registered), {}))


# Django's groups and django-axes' login records: they cross every agency (a group carries
# permissions, a login record names people and addresses), so only the platform's administrators.
make_superuser_only(admin.site, Group, AccessAttempt, AccessLog, AccessFailureLog)


@admin.register(DayOff)
class DayOffAdmin(SuperuserEditsAdmin):
    """The government's yearly days off and make-up days: national data, kept by platform administrators."""

    list_display = ["date", "kind", "name", "legal_basis"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    search_fields = ["name", "legal_basis"]
