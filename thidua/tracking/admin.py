from django.contrib import admin

from thidua.core.admin import TenantScopedAdmin, TenantTabularInline, WorkflowWrittenAdmin
from thidua.tracking.models import Assignment, Evidence, Report


@admin.register(Assignment)
class AssignmentAdmin(TenantScopedAdmin):
    list_display = ["target", "unit", "role", "share", "due_on"]
    list_filter = ["organization", "role"]
    search_fields = ["target__text", "unit__name"]


class EvidenceInline(TenantTabularInline):
    model = Evidence
    extra = 0
    fields = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields


@admin.register(Report)
class ReportAdmin(WorkflowWrittenAdmin):
    """Read-only here: reports change only through their workflow, which keeps the history honest."""

    list_display = ["assignment", "period_label", "version", "value", "status"]
    list_filter = ["organization", "status"]
    inlines = [EvidenceInline]
