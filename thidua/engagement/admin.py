from django.contrib import admin

from thidua.core.admin import TenantScopedAdmin, TenantTabularInline, WorkflowWrittenAdmin
from thidua.engagement.models import Assessment, Criterion, CriterionSet, Dialogue, Feedback, FeedbackRule


@admin.register(FeedbackRule)
class FeedbackRuleAdmin(TenantScopedAdmin):
    """Answer periods with their legal basis: a national row (no agency) or an agency's own.

    A staff administrator sees and keeps only their agency's rows (the scoping of TenantScopedAdmin,
    which leaves national rows out); national rows are platform data, kept by superusers.
    """

    list_display = ["answer_working_days", "legal_basis", "organization", "valid_from", "valid_to"]
    list_filter = [("organization", admin.RelatedOnlyFieldListFilter)]

    def _within_reach(self, request, obj) -> bool:
        if obj is None or request.user.is_superuser:
            return True
        return obj.organization_id is not None and obj.organization_id in request.user.organization_ids

    def has_view_permission(self, request, obj=None):
        return self._within_reach(request, obj) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._within_reach(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._within_reach(request, obj) and super().has_delete_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "organization" and not request.user.is_superuser:
            # Leaving it empty would make a national rule: only a superuser may.
            field.required = True
        return field


@admin.register(Dialogue)
class DialogueAdmin(TenantScopedAdmin):
    list_display = ["title", "scheduled_on", "held_on", "status"]
    list_filter = ["organization", "status"]
    search_fields = ["title"]


@admin.register(Feedback)
class FeedbackAdmin(WorkflowWrittenAdmin):
    """Read-only here: feedback changes only through its workflow, which keeps the history honest."""

    list_display = ["subject", "enterprise", "received_on", "answer_due_on", "state", "is_published"]
    list_filter = ["organization", "state", "channel"]
    search_fields = ["subject", "enterprise__name"]


class CriterionInline(TenantTabularInline):
    model = Criterion
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CriterionSet)
class CriterionSetAdmin(WorkflowWrittenAdmin):
    """Read-only here: the office's pages keep the criteria, fixed once an enterprise has submitted."""

    list_display = ["name", "year", "organization"]
    list_filter = ["organization", "year"]
    inlines = [CriterionInline]


@admin.register(Assessment)
class AssessmentAdmin(TenantScopedAdmin):
    list_display = ["enterprise", "criterion_set", "state", "self_total", "total", "rank"]
    list_filter = ["organization", "state"]

    def has_change_permission(self, request, obj=None):
        return False
