"""Bình xét: the unit nominates, the office sees the engine's verdict and may return."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.awards import good_examples, reasons, services
from thidua.awards.exports import nomination_columns
from thidua.awards.forms import NominationForm
from thidua.awards.models import (
    Nomination,
    Person,
)
from thidua.awards.views.common import MANAGE, year_asked
from thidua.core import exports
from thidua.core.actions import run_action
from thidua.core.query import int_param
from thidua.org.access import get_rw_for_user, organization_for
from thidua.org.models import Unit
from thidua.org.roles import Capability

# Bình xét: the unit nominates, the office sees the engine's verdict and may return.


def _nomination_units(user, organization):
    """The units `user` nominates for: every unit for the office, their own for a unit head."""
    units = Unit.objects.filter(organization=organization).order_by("position", "name")
    if user.can(MANAGE, organization):
        return units
    if user.unit_id and user.acts_for_unit(Capability.REGISTER_AWARDS, user.unit):
        return units.filter(pk=user.unit_id)
    raise PermissionDenied


@login_required
def nomination_list(request):
    organization = organization_for(request)
    units = _nomination_units(request.user, organization)
    year = year_asked(request)
    rows = (
        Nomination.objects.visible_to(request.user)
        .filter(organization=organization, year=year, unit__in=units)
        .select_related("unit", "person")
        .order_by("unit__position", "unit__name", "title", "pk")
    )
    is_office = request.user.can(MANAGE, organization)
    judged = services.judgements_by_subject(organization, year) if is_office and rows else {}
    nominations = []
    for nomination in rows:
        judgement = services.judgement_for(nomination, judged) if is_office else None
        row = reasons.as_dict(judgement) if judgement else None
        if row is not None and judgement is not None:
            row["verdict_label"] = reasons.verdict_label(judgement.verdict)
        nominations.append({"nomination": nomination, "judgement": row})
    if exports.asked(request):
        columns, title = nomination_columns(is_office), _("Bình xét khen thưởng")
        return exports.xlsx_response(
            f"binh-xet-{year}", columns, nominations, title=title, organization=organization
        )
    context = {
        "organization": organization,
        "year": year,
        "rows": nominations,
        "can_manage": is_office,
    }
    return render(request, "awards/nomination_list.html", context)


@login_required
def nomination_new(request):
    organization = organization_for(request)
    units = _nomination_units(request.user, organization)
    year = year_asked(request)
    form = NominationForm(request.POST or None, units=units, initial=_prefilled(request, units, year))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.nomination_create(
                unit=data["unit"],
                person=data["person"],
                user=request.user,
                year=year,
                title=data["title"],
                summary=data["summary"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã gửi đề nghị khen thưởng."))
            return redirect(f"{reverse('awards:nominations')}?nam={year}")
    context = {
        "organization": organization,
        "year": year,
        "form": form,
        "good_examples": good_examples.of_units(units, year) + good_examples.of_people_in(units, year),
    }
    return render(request, "awards/nomination_form.html", context)


def _prefilled(request, units, year: int) -> dict:
    """The unit and person asked for (?don_vi=, ?ca_nhan=), the summary drafted from their good examples."""
    initial: dict = {}
    person_pk, unit_pk = int_param(request, "ca_nhan"), int_param(request, "don_vi")
    person = (
        Person.objects.filter(unit__in=units, pk=person_pk).select_related("organization").first()
        if person_pk is not None
        else None
    )
    unit = units.filter(pk=unit_pk).first() if unit_pk is not None else None
    if person is not None:
        initial |= {"unit": person.unit_id, "person": person.pk}
        examples = good_examples.of_person(person, year)
    elif unit is not None:
        initial["unit"] = unit.pk
        examples = good_examples.of_units([unit], year)
    else:
        return initial
    if examples:
        initial["summary"] = good_examples.summary(examples)
    return initial


@require_POST
@login_required
def nomination_return(request, pk):
    nomination = get_rw_for_user(Nomination.objects.all(), request.user, MANAGE, pk=pk)
    reason = request.POST.get("reason", "")
    return run_action(
        request,
        partial(services.nomination_return, nomination=nomination, user=request.user, reason=reason),
        errors=(ValidationError,),
        success=_("Đã trả lại đề nghị khen thưởng."),
        to=f"{reverse('awards:nominations')}?nam={nomination.year}",
    )
