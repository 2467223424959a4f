"""Registrations: the unit head (or the office on the unit's behalf) starts the unit's own, picks the
collective title and the people with their titles, and sends it; the office returns or approves."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.awards import registrations as registering
from thidua.awards import services
from thidua.awards.forms import RegistrationEntryForm, RegistrationStartForm, RegistrationTitleForm
from thidua.awards.models import Registration, RegistrationEntry
from thidua.awards.views.common import MANAGE, year_asked
from thidua.core.actions import run_action
from thidua.core.forms import add_errors
from thidua.core.history import Records, history_entries
from thidua.org.access import get_for_user, organization_for
from thidua.org.models import Unit
from thidua.org.roles import Capability
from thidua.plans.models import Movement


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
        "can_manage": request.user.can(MANAGE, organization),
        "missing": _not_registered(organization, year) if request.user.can(MANAGE, organization) else [],
    }
    return render(request, "awards/registration_list.html", context)


def _not_registered(organization, year: int) -> list[Unit]:
    """The units that carry out the plans and have not started the year's registration: whom the office
    reminds."""
    registered = Registration.objects.filter(organization=organization, year=year, movement__isnull=True)
    units = Unit.objects.filter(organization=organization).exclude(pk__in=registered.values("unit_id"))
    return [unit for unit in units.order_by("position", "name") if unit.carries_out]


@login_required
def registration_detail(request, pk):
    return _detail_page(request, _registration_for(request, pk))


def _registration_for(request, pk) -> Registration:
    registration = get_for_user(Registration.objects.all(), request.user, pk=pk)
    # A unit head's scope is the unit's own registration: another unit's does not exist for them.
    scope = _registrations_for(request.user, registration.organization).select_related("unit", "movement")
    return get_for_user(scope, request.user, pk=pk)


def _detail_page(request, registration, *, entry_form=None, title_form=None):
    editable = registration.editable_by(request.user)
    if editable:
        entry_form = entry_form or RegistrationEntryForm(registration=registration)
        title_form = title_form or RegistrationTitleForm(
            initial={"collective_title": registration.collective_title}
        )
    context = {
        "registration": registration,
        "entries": registration.entries.select_related("person").order_by("person__full_name"),
        "can_edit": editable,
        "entry_form": entry_form if editable else None,
        "title_form": title_form if editable else None,
        "can_submit": editable,
        "can_review": request.user.can(MANAGE, registration.organization)
        and registration.status == Registration.Status.SUBMITTED,
        "history": history_entries(
            Registration.history.filter(id=registration.pk),
            Records(
                RegistrationEntry.history.filter(registration_id=registration.pk).select_related("person"),
                subject=lambda r: _("Cá nhân đăng ký: %(person)s") % {"person": r.person},
            ),
        ),
    }
    return render(request, "awards/registration_detail.html", context)


def _units_for(user, organization):
    """The units `user` registers: every unit for the office, their own for a unit head."""
    units = Unit.objects.filter(organization=organization).order_by("position", "name")
    if user.can(MANAGE, organization):
        return units
    if user.unit_id and user.acts_for_unit(Capability.REGISTER_AWARDS, user.unit):
        return units.filter(pk=user.unit_id)
    raise PermissionDenied


@login_required
def registration_new(request):
    organization = organization_for(request)
    units = list(_units_for(request.user, organization))
    movements = Movement.objects.filter(organization=organization).order_by("name")
    form = RegistrationStartForm(
        request.POST or None,
        units=Unit.objects.filter(pk__in=[u.pk for u in units]).order_by("position", "name"),
        movements=movements,
        initial={"year": year_asked(request)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            registration = registering.registration_start(
                unit=data["unit"],
                user=request.user,
                year=data["year"],
                collective_title=data["collective_title"],
                movement=data["movement"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("Đã lập bản đăng ký thi đua (chưa gửi). Thêm cá nhân đăng ký rồi gửi.")
            )
            return redirect("awards:registration", pk=registration.pk)
    context = {"organization": organization, "form": form, "year": year_asked(request)}
    return render(request, "awards/registration_form.html", context)


@require_POST
@login_required
def registration_title(request, pk):
    registration = _registration_for(request, pk)
    form = RegistrationTitleForm(request.POST)
    if form.is_valid():
        try:
            registering.registration_set_title(
                registration=registration,
                user=request.user,
                collective_title=form.cleaned_data["collective_title"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Đã lưu danh hiệu tập thể đăng ký."))
            return redirect("awards:registration", pk=registration.pk)
    if not registration.editable_by(request.user):
        raise PermissionDenied
    return _detail_page(request, registration, title_form=form)


@require_POST
@login_required
def registration_entry_add(request, pk):
    registration = _registration_for(request, pk)
    if not registration.submittable_by(request.user):
        raise PermissionDenied
    form = RegistrationEntryForm(request.POST, registration=registration)
    if form.is_valid():
        try:
            registering.registration_entry_add(
                registration=registration,
                user=request.user,
                person=form.cleaned_data["person"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Đã thêm cá nhân đăng ký."))
            return redirect("awards:registration", pk=registration.pk)
    if not registration.is_editable:
        messages.error(request, registering.NOT_EDITABLE)
        return redirect("awards:registration", pk=registration.pk)
    return _detail_page(request, registration, entry_form=form)


@require_POST
@login_required
def registration_entry_remove(request, pk):
    entry = get_for_user(RegistrationEntry.objects.select_related("registration"), request.user, pk=pk)
    registration = _registration_for(request, entry.registration_id)
    return run_action(
        request,
        partial(registering.registration_entry_remove, entry=entry, user=request.user),
        errors=(ValidationError,),
        success=_("Đã bỏ cá nhân khỏi bản đăng ký."),
        to=reverse("awards:registration", kwargs={"pk": registration.pk}),
    )


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
