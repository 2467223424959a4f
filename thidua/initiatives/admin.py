from django.contrib import admin

from thidua.core.admin import (
    SuperuserEditsAdmin,
    TenantScopedAdmin,
    TenantTabularInline,
    WorkflowWrittenAdmin,
)
from thidua.initiatives.models import Council, CouncilMember, Criterion, Initiative, InitiativeRule


@admin.register(InitiativeRule)
class InitiativeRuleAdmin(SuperuserEditsAdmin):
    """Legal parameters: national rows are platform data; an agency's own row only by a superuser too."""

    list_display = [
        "legal_basis",
        "organization",
        "approval_share",
        "decision_months",
        "valid_from",
        "valid_to",
    ]
    list_filter = ["organization"]


class CouncilMemberInline(TenantTabularInline):
    model = CouncilMember
    extra = 0


class CriterionInline(TenantTabularInline):
    model = Criterion
    extra = 0


@admin.register(Council)
class CouncilAdmin(TenantScopedAdmin):
    list_display = ["name", "year", "organization"]
    list_filter = ["organization", "year"]
    inlines = [CouncilMemberInline, CriterionInline]


@admin.register(Initiative)
class InitiativeAdmin(WorkflowWrittenAdmin):
    """Read-only here: initiatives change only through their workflow, which keeps the history honest."""

    list_display = ["title", "unit", "status", "received_on", "decision_due_on", "decision_number"]
    list_filter = ["organization", "status"]
    search_fields = ["title"]
