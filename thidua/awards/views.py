"""Rewards pages for the office: the staff register, a person's record, the year's eligibility, the
units' registrations (the unit head sends the unit's own; the office returns or approves), the units'
nominations (bình xét), and the council's meetings with their secret ballot.

Thin: check access, call one thing, redirect or render.
"""

import datetime
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.awards import reasons, services
from thidua.awards.forms import NominationForm
from thidua.awards.models import (
    AwardCouncil,
    AwardCouncilMember,
    BallotCast,
    CouncilMeeting,
    Nomination,
    Person,
    Registration,
)
from thidua.core.actions import run_action
from thidua.core.history import history_entries
from thidua.org.access import get_for_user, get_rw_for_user, organization_for, require
from thidua.org.models import Unit, User
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
    year = _year(request)
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
    year = _year(request)
    form = NominationForm(request.POST or None, units=units)
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
    context = {"organization": organization, "year": year, "form": form}
    return render(request, "awards/nomination_form.html", context)


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


# The council and its secret ballot.


def _council_reader(user, council: AwardCouncil) -> None:
    """The office and the council's own members read the council and its meetings."""
    if not user.can(MANAGE, council.organization) and not council.members.filter(user=user).exists():
        raise PermissionDenied


@login_required
def council(request):
    organization = organization_for(request)
    year = _year(request)
    council = AwardCouncil.objects.filter(organization=organization, year=year).first()
    if council is None:
        require(request.user, MANAGE, organization)
    else:
        _council_reader(request.user, council)
    is_office = request.user.can(MANAGE, organization)
    if request.method == "POST":
        require(request.user, MANAGE, organization)
        try:
            return _council_action(request, organization, year, council)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(f"{reverse('awards:council')}?nam={year}")
    context = {
        "organization": organization,
        "year": year,
        "council": council,
        "members": council.members.select_related("user").order_by("role", "pk") if council else [],
        "meetings": council.meetings.all() if council else [],
        "can_manage": is_office,
        "today": timezone.localdate(),
        "roles": AwardCouncilMember.Role.choices,
        "candidates": User.objects.filter(memberships__organization=organization, is_active=True)
        .distinct()
        .order_by("full_name", "pk")
        if is_office
        else [],
    }
    return render(request, "awards/council.html", context)


def _council_action(request, organization, year, council):
    """The office's three steps: set the council up, add its members, convene it."""
    action = request.POST.get("action")
    if action == "tao":
        services.council_create(
            organization=organization,
            user=request.user,
            year=year,
            name=request.POST.get("name", ""),
            decision_number=request.POST.get("decision_number", ""),
        )
        messages.success(request, _("Đã thành lập Hội đồng."))
    elif council is None:
        raise Http404
    elif action == "them":
        member_id = request.POST.get("user", "")
        member_user = User.objects.filter(
            pk=int(member_id) if member_id.isdigit() else 0, memberships__organization=organization
        ).first()
        if member_user is None:
            raise ValidationError(_("Chọn một người có tài khoản của cơ quan."))
        services.council_member_add(
            council=council, user=request.user, member_user=member_user, role=request.POST.get("role", "")
        )
        messages.success(request, _("Đã thêm thành viên Hội đồng."))
    else:
        try:
            held_on = datetime.date.fromisoformat(request.POST.get("held_on", ""))
        except ValueError:
            raise ValidationError(_("Ngày họp không hợp lệ.")) from None
        meeting = services.meeting_open(council=council, user=request.user, held_on=held_on)
        messages.success(request, _("Đã triệu tập họp Hội đồng."))
        return redirect("awards:meeting", pk=meeting.pk)
    return redirect(f"{reverse('awards:council')}?nam={year}")


def _meeting_for(request, pk) -> CouncilMeeting:
    meeting = get_for_user(CouncilMeeting.objects.select_related("council"), request.user, pk=pk)
    _council_reader(request.user, meeting.council)
    return meeting


@login_required
def meeting_detail(request, pk):
    meeting = _meeting_for(request, pk)
    member = services.member_of(meeting, request.user)
    voted = set(member.casts.values_list("item_id", flat=True)) if member else set()
    closed = meeting.status == CouncilMeeting.Status.CLOSED
    items = meeting.items.select_related("nomination__person", "nomination__unit").order_by("pk")
    rows = [
        {
            "item": item,
            "voted": item.pk in voted,
            # Totals only once the meeting is closed: never while members are still voting.
            "totals": closed,
        }
        for item in items
    ]
    context = {
        "meeting": meeting,
        "rows": rows,
        "closed": closed,
        "member": member,
        "can_vote": member is not None and not closed and len(voted) < len(rows),
        "can_close": request.user.can(MANAGE, meeting.organization) and not closed,
        "ballots_cast": BallotCast.objects.filter(item__meeting=meeting).values("member").distinct().count(),
        "members_total": meeting.members_total if closed else meeting.council.members.count(),
    }
    return render(request, "awards/meeting_detail.html", context)


@require_POST
@login_required
def meeting_vote(request, pk):
    meeting = _meeting_for(request, pk)
    choices = {}
    for key, value in request.POST.items():
        if key.startswith("item-") and key[5:].isdigit() and value in ("agree", "disagree"):
            choices[int(key[5:])] = value == "agree"
    return run_action(
        request,
        partial(services.ballot_cast, meeting=meeting, user=request.user, choices=choices),
        errors=(ValidationError,),
        success=_("Đã ghi nhận phiếu bầu."),
        to=reverse("awards:meeting", kwargs={"pk": meeting.pk}),
    )


def _count(value: str) -> int:
    return int(value) if value.isdigit() else 0


@require_POST
@login_required
def meeting_close(request, pk):
    meeting = _meeting_for(request, pk)
    require(request.user, MANAGE, meeting.organization)
    written = {
        item.pk: (
            _count(request.POST.get(f"written-agree-{item.pk}", "")),
            _count(request.POST.get(f"written-disagree-{item.pk}", "")),
        )
        for item in meeting.items.all()
    }
    absent_note = request.POST.get("absent_note", "")
    return run_action(
        request,
        partial(
            services.meeting_close,
            meeting=meeting,
            user=request.user,
            written=written,
            absent_note=absent_note,
        ),
        errors=(ValidationError,),
        success=_("Đã kết thúc cuộc họp và chốt kết quả bỏ phiếu."),
        to=reverse("awards:meeting", kwargs={"pk": meeting.pk}),
    )
