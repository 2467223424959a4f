from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from thidua.core.admin import TenantScopedAdmin
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


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 1


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "organization", "unit", "position", "is_active"]
    list_filter = ["organization", "is_active"]
    search_fields = ["username", "full_name", "email"]
    inlines = [MembershipInline]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Công tác"), {"fields": ["full_name", "position", "organization", "unit", "enterprise", "phone"]}),
    )
