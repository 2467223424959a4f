from django.contrib import admin

from thidua.core.admin import TenantScopedAdmin, TenantStackedInline, TenantTabularInline
from thidua.plans.models import Deadline, Movement, Phase, Plan, Reference, Responsibility, Section, Target


@admin.register(Movement)
class MovementAdmin(TenantScopedAdmin):
    list_display = ["name", "organization", "form"]
    list_filter = ["organization", "form"]
    search_fields = ["name"]


class TargetInline(TenantStackedInline):
    model = Target
    extra = 0
    fields = [
        ("text",),
        ("comparator", "value", "value_max", "unit_of_measure"),
        ("period_kind", "per_unit", "starts_on", "ends_on"),
        ("lead_unit", "measurement", "indicator"),
    ]
    autocomplete_fields = ["lead_unit"]


class DeadlineInline(TenantTabularInline):
    model = Deadline
    extra = 0
    fields = ["due_on", "bound", "kind", "text", "responsible_unit"]


class PhaseInline(TenantTabularInline):
    model = Phase
    extra = 0
    fields = ["name", "starts_on", "ends_on"]


class ReferenceInline(TenantTabularInline):
    model = Reference
    extra = 0
    fields = ["kind", "number", "issued_on", "issuer"]


@admin.register(Plan)
class PlanAdmin(TenantScopedAdmin):
    list_display = ["__str__", "organization", "issued_on", "status"]
    list_filter = ["organization", "status"]
    search_fields = ["title", "number"]
    inlines = [TargetInline, DeadlineInline, PhaseInline, ReferenceInline]
    exclude = ["source_text"]


@admin.register(Target)
class TargetAdmin(TenantScopedAdmin):
    list_display = [
        "text",
        "plan",
        "comparator",
        "value",
        "value_max",
        "unit_of_measure",
        "period_kind",
        "lead_unit",
    ]
    list_filter = ["plan__organization", "period_kind", "per_unit"]
    search_fields = ["text"]


@admin.register(Section)
class SectionAdmin(TenantScopedAdmin):
    list_display = ["label", "heading", "plan"]
    list_filter = ["plan__organization"]


@admin.register(Deadline)
class DeadlineAdmin(TenantScopedAdmin):
    list_display = ["due_on", "bound", "kind", "text", "plan"]
    list_filter = ["plan__organization", "kind"]


@admin.register(Responsibility)
class ResponsibilityAdmin(TenantScopedAdmin):
    list_display = ["unit_name", "unit", "role", "plan"]
    list_filter = ["plan__organization", "role"]
