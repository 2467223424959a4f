from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from thidua.core.admin import TenantScopedAdmin, TenantTabularInline
from thidua.org.models import Enterprise, Membership, Organization, Unit, User


@admin.register(Organization)
class OrganizationAdmin(TenantScopedAdmin):
    list_display = ["name", "province", "parent_authority"]
    search_fields = ["name", "province"]
    prepopulated_fields = {"slug": ["name"]}

    # Agencies are created and removed by the platform's administrators only.
    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Unit)
class UnitAdmin(TenantScopedAdmin):
    list_display = ["name", "organization", "parent", "kind", "is_active"]
    list_filter = ["organization", "kind", "is_active"]
    search_fields = ["name", "short_name"]


@admin.register(Enterprise)
class EnterpriseAdmin(TenantScopedAdmin):
    list_display = ["name", "tax_code", "sector", "ownership", "organization"]
    list_filter = ["organization", "sector", "ownership"]
    search_fields = ["name", "tax_code"]


class MembershipInline(TenantTabularInline):
    """A person's roles: a staff member sees and grants roles in their own agency only (the choice of
    organization is scoped, and a membership must be in the person's own agency, see `Membership`)."""

    model = Membership
    fk_name = "user"
    extra = 1


@admin.register(User)
class UserAdmin(TenantScopedAdmin, BaseUserAdmin):
    """People of the staff member's own agency, never a superuser; who is staff or superuser, groups and
    permissions are the platform administrators' to set."""

    list_display = ["username", "full_name", "organization", "unit", "position", "is_active"]
    list_filter = ["organization", "is_active"]
    search_fields = ["username", "full_name", "email"]
    inlines = [MembershipInline]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Công tác"), {"fields": ["full_name", "position", "organization", "unit", "enterprise", "phone"]}),
    )
    PLATFORM_FIELDS = ("is_superuser", "groups", "user_permissions")

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        # A person's own agency only: an observer holds roles in several and is kept by the platform.
        return queryset.filter(organization__in=request.user.organization_ids, is_superuser=False)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in self.PLATFORM_FIELDS]})
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly.append("is_staff")
        return readonly

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "organization" and not request.user.is_superuser:
            field.required = True  # a person without an agency would leave the staff member's reach
        return field

    def save_model(self, request, obj, form, change):
        if not change and not request.user.is_superuser and obj.organization_id is None:
            obj.organization = request.user.organization  # a new person of the staff member's own agency
        super().save_model(request, obj, form, change)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # A reverted version restores every column, is_superuser and is_staff included.
        if request.method == "POST" and not request.user.is_superuser:
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
