from django.contrib import admin

from thidua.awards.models import (
    AnnualRating,
    Award,
    AwardCouncil,
    AwardCouncilMember,
    BaseSalary,
    BonusMultiple,
    CouncilVotingRule,
    Decision,
    DecisionLine,
    Discipline,
    HoldFlag,
    Leave,
    Nomination,
    Person,
    Proposal,
    ProposalLine,
    RatingRule,
    Registration,
    RegistrationEntry,
    TitleRule,
    UnitRating,
)
from thidua.core.admin import (
    SuperuserEditsAdmin,
    TenantScopedAdmin,
    TenantTabularInline,
    WorkflowWrittenAdmin,
)


@admin.register(TitleRule)
class TitleRuleAdmin(SuperuserEditsAdmin):
    """Legal parameters of each title: national rows are platform data; an agency's own row only by a
    superuser too, as for the initiatives' rule."""

    list_display = ["title", "subject", "organization", "legal_basis", "article", "valid_from", "valid_to"]
    list_filter = ["title", "organization"]
    search_fields = ["legal_basis", "article", "note"]


@admin.register(RatingRule)
class RatingRuleAdmin(SuperuserEditsAdmin):
    list_display = ["legal_basis", "organization", "excellent_cap_share", "valid_from", "valid_to"]
    list_filter = ["organization"]


@admin.register(Person)
class PersonAdmin(TenantScopedAdmin):
    list_display = ["full_name", "unit", "position", "category", "started_on", "user", "is_active"]
    list_filter = ["organization", "category", "is_active"]
    search_fields = ["full_name", "position"]


@admin.register(AnnualRating)
class AnnualRatingAdmin(TenantScopedAdmin):
    list_display = ["person", "year", "rating", "status"]
    list_filter = ["organization", "year", "rating", "status"]
    search_fields = ["person__full_name"]


@admin.register(UnitRating)
class UnitRatingAdmin(TenantScopedAdmin):
    list_display = ["unit", "year", "rating", "status"]
    list_filter = ["organization", "year", "rating", "status"]


@admin.register(Discipline)
class DisciplineAdmin(TenantScopedAdmin):
    list_display = ["person", "measure", "decision_number", "starts_on", "ends_on"]
    list_filter = ["organization", "measure"]
    search_fields = ["person__full_name", "decision_number"]


@admin.register(Leave)
class LeaveAdmin(TenantScopedAdmin):
    list_display = ["person", "kind", "starts_on", "ends_on", "counts_as_worked"]
    list_filter = ["organization", "kind", "counts_as_worked"]
    search_fields = ["person__full_name"]


@admin.register(HoldFlag)
class HoldFlagAdmin(TenantScopedAdmin):
    list_display = ["__str__", "kind", "opened_on", "closed_on"]
    list_filter = ["organization", "kind"]


class RegistrationEntryInline(TenantTabularInline):
    model = RegistrationEntry
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Registration)
class RegistrationAdmin(WorkflowWrittenAdmin):
    """Read-only here: a registration changes through its workflow (submit, return, approve)."""

    list_display = ["unit", "year", "movement", "collective_title", "status"]
    list_filter = ["organization", "year", "status"]
    inlines = [RegistrationEntryInline]


@admin.register(Award)
class AwardAdmin(TenantScopedAdmin):
    list_display = ["__str__", "year", "title", "kind", "decision_number", "decision_date", "bonus"]
    list_filter = ["organization", "year", "title", "kind"]
    search_fields = ["person__full_name", "unit__name", "decision_number"]


@admin.register(Nomination)
class NominationAdmin(WorkflowWrittenAdmin):
    """Read-only here: a nomination changes through bình xét (the unit sends, the office returns)."""

    list_display = ["__str__", "unit", "year", "title", "status"]
    list_filter = ["organization", "year", "title", "status"]


class AwardCouncilMemberInline(TenantTabularInline):
    model = AwardCouncilMember
    extra = 0


@admin.register(AwardCouncil)
class AwardCouncilAdmin(TenantScopedAdmin):
    """The council and its members. Its meetings, agenda and ballots are deliberately not in the admin:
    the ballot is secret, and totals are read on the meeting page once it is closed."""

    list_display = ["name", "year", "organization", "decision_number"]
    list_filter = ["organization", "year"]
    inlines = [AwardCouncilMemberInline]


@admin.register(CouncilVotingRule)
class CouncilVotingRuleAdmin(SuperuserEditsAdmin):
    """How the council's ballot is counted (written opinions, recusal, the base, a default share), with
    its legal basis and the points the law leaves open."""

    list_display = [
        "legal_basis",
        "organization",
        "count_written_opinions",
        "recuse_unit_head",
        "base_excludes_recused",
        "default_share",
        "valid_from",
        "valid_to",
    ]
    list_filter = ["organization"]


@admin.register(BaseSalary)
class BaseSalaryAdmin(SuperuserEditsAdmin):
    """The base salary by date: platform data, as the title rules; a new decree is a new row."""

    list_display = ["amount", "legal_basis", "organization", "valid_from", "valid_to"]
    list_filter = ["organization"]


@admin.register(BonusMultiple)
class BonusMultipleAdmin(SuperuserEditsAdmin):
    list_display = ["title", "subject", "multiple", "organization", "legal_basis", "valid_from", "valid_to"]
    list_filter = ["title", "organization"]


class PaperLinesInline(TenantTabularInline):
    """A decision's or a proposal's list, read-only: it changes on the paper's page."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class DecisionLineInline(PaperLinesInline):
    model = DecisionLine


class ProposalLineInline(PaperLinesInline):
    model = ProposalLine


@admin.register(Decision)
class DecisionAdmin(WorkflowWrittenAdmin):
    """Read-only here: a decision is drafted and issued on its page (the reward book follows)."""

    list_display = ["__str__", "year", "kind", "status", "signed_on", "signer"]
    list_filter = ["organization", "year", "status"]
    inlines = [DecisionLineInline]


@admin.register(Proposal)
class ProposalAdmin(WorkflowWrittenAdmin):
    """Read-only here: a proposal is drafted, sent and answered on its page."""

    list_display = ["__str__", "year", "kind", "status", "signed_on", "result_number"]
    list_filter = ["organization", "year", "status"]
    inlines = [ProposalLineInline]
