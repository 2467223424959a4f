"""Registrations: the unit head sends the unit's own; the office returns or approves."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.awards import services
from thidua.awards.models import (
    Registration,
)
from thidua.awards.views.common import MANAGE, year_asked
from thidua.core.actions import run_action
from thidua.core.history import history_entries
from thidua.org.access import get_for_user, organization_for
from thidua.org.roles import Capability


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
    year = year_asked(request)
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
