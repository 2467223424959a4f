"""The home page: what needs this person's attention, by role."""

import datetime

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone

from thidua.core import pagecache
from thidua.notifications.digest import digest_for
from thidua.notifications.overdue import overdue
from thidua.org.models import Organization
from thidua.org.roles import Capability
from thidua.plans.models import Deadline, Plan, Target
from thidua.tracking.models import Assignment, Difficulty, Report, UnitReport

UPCOMING_DAYS = 90
LIST_LIMIT = 10


@login_required
def home(request):
    user = request.user
    if user.represents_enterprise_only:  # an enterprise's home is its own portal, not the agency's overview
        return redirect("engagement:portal")
    today = timezone.localdate()
    context = {
        "today": today,
        **_plan_lists(user, today),
        "is_observer": bool(user.organizations_where(Capability.OVERSEE_AGENCIES)),
        "digest": digest_for(user, today),
    }
    if user.organizations_where(Capability.REQUEST_UNIT_REPORTS) or user.is_superuser:
        context["open_difficulties"] = (
            Difficulty.objects.visible_to(user)
            .filter(answered_on=None)
            .select_related("unit")
            .order_by("answer_due_on")[:10]
        )
        context["reports_to_receive"] = (
            UnitReport.objects.visible_to(user).filter(status=UnitReport.Status.SUBMITTED).count()
        )
    if user.unit_id:
        context |= _unit_drafts(user)
    context |= _office_work(user, today)
    return render(request, "home.html", context)


def _plan_lists(user, today) -> dict:
    """What the page lists from the plans: all of it in the agency's "rest" (core.pagecache), so it is
    cached for the person and the day until a plan, a target or a role of theirs changes."""
    if user.is_superuser:  # every agency's: no one version covers them
        return _read_plan_lists(user, today)
    return pagecache.cached(
        "home",
        user.organization_ids,
        lambda: _read_plan_lists(user, today),
        user.pk,
        today,
        topics=[pagecache.REST],
    )


def _read_plan_lists(user, today) -> dict:
    plans = Plan.objects.visible_to(user).select_related("organization").defer("source_text")
    upcoming = today + datetime.timedelta(days=UPCOMING_DAYS)
    deadlines = (
        Deadline.objects.visible_to(user)
        .filter(plan__status=Plan.Status.PUBLISHED, due_on__lte=upcoming)
        .select_related("plan", "plan__organization")
        .defer("plan__source_text")
        .order_by("due_on")
    )
    lists = {
        "published_plans": list(plans.published().annotate(target_count=Count("targets"))[:10]),
        "draft_plans": list(plans.filter(status=Plan.Status.DRAFT)[:10])
        if user.organizations_where(Capability.VIEW_DRAFT_PLANS) or user.is_superuser
        else [],
        "deadlines": list(deadlines[:10]),
        "organizations": list(Organization.objects.visible_to(user)),
    }
    if user.unit_id:
        # The plan names a lead unit; the office may also give the unit the lead on a target.
        leads = Q(lead_unit=user.unit_id) | Q(
            assignments__unit=user.unit_id, assignments__role=Assignment.Role.LEAD
        )
        lists["my_targets"] = list(
            Target.objects.visible_to(user)
            .filter(leads, plan__status=Plan.Status.PUBLISHED)
            .distinct()
            .select_related("plan")
            .defer("plan__source_text")[:20]
        )
    return lists


def _unit_drafts(user) -> dict:
    """Every draft or returned report of the person's unit: the head sends them, the staff wait for him."""
    sends = user.acts_for_unit(Capability.SUBMIT_REPORTS, user.unit_id)
    if not (sends or user.acts_for_unit(Capability.ENTER_REPORTS, user.unit_id)):
        return {}
    drafts = (
        Report.objects.filter(
            assignment__unit_id=user.unit_id,
            status__in=Report.EDITABLE,
            superseded_at__isnull=True,
            assignment__target__plan__status=Plan.Status.PUBLISHED,
        )
        .select_related("assignment__target")
        .order_by("period_start", "pk")
    )
    # The unit's own reports, kept until one of them changes (core.pagecache; the unit is the person's
    # agency's).
    found = pagecache.cached(
        "unit-drafts",
        [user.organization_id],
        lambda: {"unit_drafts": list(drafts[:LIST_LIMIT]), "unit_drafts_total": drafts.count()},
        user.unit_id,
        topics=[pagecache.REST],
        units=[user.unit_id],
    )
    return {**found, "sends_reports": sends}


def _office_work(user, today) -> dict:
    """For those who follow the plans up: reports waiting for review, and what is overdue, as of now."""
    followed = Organization.objects.filter(pk__in=user.organizations_where(Capability.FOLLOW_UP_PLANS))
    if not followed:
        return {}
    late = overdue(list(followed), today)
    return {
        "follows_up": True,
        "to_review": Report.objects.filter(organization__in=followed, status=Report.Status.SUBMITTED).count(),
        "overdue": [(obligation, obligation.days_late(today)) for obligation in late[:LIST_LIMIT]],
        "overdue_total": len(late),
    }


def favicon(request):
    """Browsers and crawlers ask /favicon.ico whatever the page says: the icon, from static files
    (looked up per request: the static manifest need not exist when the URLs load)."""
    return redirect(static("thidua/favicon.svg"), permanent=True)
