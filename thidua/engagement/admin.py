from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from thidua.core.admin import TenantScopedAdmin, WorkflowWrittenAdmin
from thidua.engagement.models import Assessment, Criterion, CriterionSet, Dialogue, Feedback, FeedbackRule


@admin.register(FeedbackRule)
class FeedbackRuleAdmin(SimpleHistoryAdmin):
    """Answer periods with their legal basis: a national row (no agency) or an agency's own."""

    list_display = ["answer_working_days", "legal_basis", "organization", "valid_from", "valid_to"]
    list_filter = ["organization"]


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


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(CriterionSet)
class CriterionSetAdmin(TenantScopedAdmin):
    list_display = ["name", "year", "organization"]
    list_filter = ["organization", "year"]
    inlines = [CriterionInline]


@admin.register(Assessment)
class AssessmentAdmin(TenantScopedAdmin):
    list_display = ["enterprise", "criterion_set", "state", "self_total", "total", "rank"]
    list_filter = ["organization", "state"]

    def has_change_permission(self, request, obj=None):
        return False
