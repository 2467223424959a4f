"""Rewards pages for the office: the staff register, a person's record, the year's eligibility, and the
units' registrations (the unit head sends the unit's own; the office returns or approves).

Thin: check access, call one thing, redirect or render.
"""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.awards import reasons, services
from thidua.awards.models import Person, Registration
from thidua.core.actions import run_action
from thidua.core.history import history_entries
from thidua.org.access import get_for_user, organization_for, require
from thidua.org.models import Unit
from thidua.org.roles import Capability

PAGE_SIZE = 50
MANAGE = Capability.MANAGE_AWARDS


def _year(request) -> int:
    value = request.GET.get("nam", "")
    year = int(value) if value.isdigit() else timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@login_required
def person_list(request):
    organization = organization_for(request)
    require(request.user, MANAGE, organization)
    people = (
        Person.objects.visible_to(request.user)
        .filter(organization=organization)
        .select_related("unit", "user")
    )
    unit = request.GET.get("don-vi", "")
    if unit.isdigit():
        people = people.filter(unit_id=int(unit))
    context = {
        "organization": organization,
        "page": Paginator(
            people.order_by("unit__position", "unit__name", "full_name", "pk"), PAGE_SIZE
        ).get_page(request.GET.get("page")),
        "units": Unit.objects.filter(organization=organization).order_by("position", "name"),
        "unit": unit,
        "can_manage": True,
    }
    return render(request, "awards/person_list.html", context)


@login_required
def person_detail(request, pk):
    person = get_for_user(Person.objects.select_related("unit", "user"), request.user, pk=pk)
    require(request.user, MANAGE, person.organization)
    context = {
        "person": person,
        "ratings": person.ratings.order_by("-year"),
        "disciplines": person.disciplines.all(),
        "holds": person.holds.all(),
        "awards": person.awards.order_by("-year", "title"),
        "history": history_entries(Person.history.filter(id=person.pk)),
    }
    return render(request, "awards/person_detail.html", context)


@login_required
def eligibility(request):
    organization = organization_for(request)
    require(request.user, MANAGE, organization)
    year = _year(request)
    rows = []
    for judgement in services.eligibility(organization, year):
        row = reasons.as_dict(judgement)
        row["verdict_label"] = reasons.verdict_label(judgement.verdict)
        row["decider"] = reasons.decider_label(judgement.decided_by)
        rows.append(row)
    context = {"organization": organization, "year": year, "rows": rows, "can_manage": True}
    return render(request, "awards/eligibility.html", context)


def _registrations_for(user, organization):
    rows = Registration.objects.visible_to(user).filter(organization=organization)
    if user.can(MANAGE, organization):
        return rows
    if user.unit_id and user.acts_for_unit(Capability.REGISTER_AWARDS, user.unit):
        return rows.filter(unit_id=user.unit_id)
    raise PermissionDenied


@login_required
def registration_list(request):
    organization = organization_for(request)
    year = _year(request)
    rows = _registrations_for(request.user, organization).filter(year=year).select_related("unit", "movement")
    context = {
        "organization": organization,
        "year": year,
        "rows": rows.order_by("unit__position", "unit__name"),
    }
    return render(request, "awards/registration_list.html", context)


@login_required
def registration_detail(request, pk):
    registration = get_for_user(Registration.objects.all(), request.user, pk=pk)
    # A unit head's scope is the unit's own registration: another unit's does not exist for them.
    scope = _registrations_for(request.user, registration.organization).select_related("unit", "movement")
    registration = get_for_user(scope, request.user, pk=pk)
    context = {
        "registration": registration,
        "entries": registration.entries.select_related("person").order_by("person__full_name"),
        "can_submit": registration.submittable_by(request.user)
        and registration.status in (Registration.Status.DRAFT, Registration.Status.RETURNED),
        "can_review": request.user.can(MANAGE, registration.organization)
        and registration.status == Registration.Status.SUBMITTED,
        "history": history_entries(Registration.history.filter(id=registration.pk)),
    }
    return render(request, "awards/registration_detail.html", context)


@require_POST
@login_required
def registration_action(request, pk, action):
    registration = get_for_user(Registration.objects.all(), request.user, pk=pk)
    user = request.user
    if action == "gui":
        act = partial(services.registration_submit, registration=registration, user=user)
        success = _("Đã gửi đăng ký thi đua.")
    elif action == "tra-lai":
        reason = request.POST.get("reason", "")
        act = partial(services.registration_return, registration=registration, user=user, reason=reason)
        success = _("Đã trả lại đăng ký thi đua.")
    else:
        act = partial(services.registration_approve, registration=registration, user=user)
        success = _("Đã duyệt đăng ký thi đua.")
    return run_action(
        request,
        act,
        errors=(ValidationError,),
        success=success,
        to=reverse("awards:registration", kwargs={"pk": registration.pk}),
    )
