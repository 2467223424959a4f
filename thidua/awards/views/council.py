"""The council and its secret ballot: the agency's councils, one year's council, its meetings (ballot,
closing) and the minutes of a closed meeting."""

import datetime
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.awards import council as services
from thidua.awards.models import (
    AgendaRecusal,
    AwardCouncil,
    AwardCouncilMember,
    BallotCast,
    CouncilMeeting,
    MeetingAttendance,
)
from thidua.awards.views.common import MANAGE
from thidua.core.actions import run_action
from thidua.core.query import parse_int
from thidua.org.access import get_for_user, organization_for, require
from thidua.org.models import User
from thidua.org.roles import Capability


def _council_reader(user, council: AwardCouncil) -> None:
    """The office and the council's own members read the council and its meetings."""
    if not user.can(MANAGE, council.organization) and not council.members.filter(user=user).exists():
        raise PermissionDenied


@login_required
def council_list(request):
    """The agency's councils, year by year: the office sees every one and sets up a new one; anyone else
    of the agency sees those they sit on (an empty list for the others)."""
    organization = organization_for(request)
    require(request.user, Capability.VIEW_DASHBOARDS, organization)
    is_office = request.user.can(MANAGE, organization)
    if request.method == "POST":
        require(request.user, MANAGE, organization)
        value = request.POST.get("year", "")
        year = parse_int(value) or 0
        try:
            services.council_create(
                organization=organization,
                user=request.user,
                year=year,
                name=request.POST.get("name", ""),
                decision_number=request.POST.get("decision_number", ""),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("awards:council")
        messages.success(request, _("Đã thành lập Hội đồng."))
        return redirect("awards:council_year", year=year)
    councils = AwardCouncil.objects.filter(organization=organization)
    if not is_office:
        councils = councils.filter(members__user=request.user)
    councils = councils.annotate(
        member_count=Count("members", distinct=True),
        meeting_count=Count("meetings", distinct=True),
        open_count=Count("meetings", filter=Q(meetings__status=CouncilMeeting.Status.OPEN), distinct=True),
    ).order_by("-year")
    year = timezone.localdate().year
    context = {
        "organization": organization,
        "councils": councils,
        "can_manage": is_office,
        "next_year": year,
    }
    return render(request, "awards/council_list.html", context)


@login_required
def council(request, year: int):
    organization = organization_for(request)
    council = AwardCouncil.objects.filter(organization=organization, year=year).first()
    if council is None:
        raise Http404
    _council_reader(request.user, council)
    is_office = request.user.can(MANAGE, organization)
    if request.method == "POST":
        require(request.user, MANAGE, organization)
        try:
            return _council_action(request, organization, council)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("awards:council_year", year=year)
    context = {
        "organization": organization,
        "year": year,
        "council": council,
        "members": council.members.select_related("user").order_by("role", "pk"),
        "meetings": council.meetings.annotate(item_count=Count("items")),
        "can_manage": is_office,
        "today": timezone.localdate(),
        "roles": AwardCouncilMember.Role.choices,
        "candidates": User.objects.filter(memberships__organization=organization, is_active=True)
        .exclude(pk__in=council.members.values("user"))
        .distinct()
        .order_by("full_name", "pk")
        if is_office
        else [],
    }
    return render(request, "awards/council.html", context)


def _council_action(request, organization, council):
    """The office's two steps on a council: add its members, convene it."""
    action = request.POST.get("action")
    if action == "them":
        member_id = request.POST.get("user", "")
        member_user = User.objects.filter(
            pk=parse_int(member_id) or 0, memberships__organization=organization
        ).first()
        if member_user is None:
            raise ValidationError(_("Chọn một người có tài khoản của cơ quan."))
        services.council_member_add(
            council=council, user=request.user, member_user=member_user, role=request.POST.get("role", "")
        )
        messages.success(request, _("Đã thêm thành viên Hội đồng."))
    elif action == "hop":
        try:
            held_on = datetime.date.fromisoformat(request.POST.get("held_on", ""))
        except ValueError:
            raise ValidationError(_("Ngày họp không hợp lệ.")) from None
        meeting = services.meeting_open(council=council, user=request.user, held_on=held_on)
        messages.success(request, _("Đã triệu tập họp Hội đồng."))
        return redirect("awards:meeting", pk=meeting.pk)
    return redirect("awards:council_year", year=council.year)


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
    items = list(meeting.items.select_related("nomination__person", "nomination__unit").order_by("pk"))
    recusals: dict[int, list[AgendaRecusal]] = {}
    for recusal in AgendaRecusal.objects.filter(item__meeting=meeting).select_related("member__user"):
        recusals.setdefault(recusal.item_id, []).append(recusal)
    rows = [
        {
            "item": item,
            "voted": item.pk in voted,
            "recusals": recusals.get(item.pk, []),
            "stands_aside": member is not None
            and any(r.member_id == member.pk for r in recusals.get(item.pk, [])),
        }
        for item in items
    ]
    can_manage = request.user.can(MANAGE, meeting.organization)
    votable = [row for row in rows if not row["voted"] and not row["stands_aside"]]
    context = {
        "meeting": meeting,
        "rows": rows,
        "closed": closed,
        "member": member,
        "can_vote": member is not None and not closed and bool(votable),
        "can_close": can_manage and not closed,
        "ballots_cast": BallotCast.objects.filter(item__meeting=meeting).values("member").distinct().count(),
        "members_total": meeting.members_total if closed else meeting.council.members.count(),
        "council_members": meeting.council.members.select_related("user").order_by("role", "pk")
        if can_manage and not closed
        else [],
        "presences": MeetingAttendance.Presence.choices,
    }
    return render(request, "awards/meeting_detail.html", context)


@require_POST
@login_required
def meeting_vote(request, pk):
    meeting = _meeting_for(request, pk)
    choices = {}
    for key, value in request.POST.items():
        item = parse_int(key.removeprefix("item-")) if key.startswith("item-") else None
        if item is not None and value in ("agree", "disagree"):
            choices[item] = value == "agree"
    return run_action(
        request,
        partial(services.ballot_cast, meeting=meeting, user=request.user, choices=choices),
        errors=(ValidationError,),
        success=_("Đã ghi nhận phiếu bầu."),
        to=reverse("awards:meeting", kwargs={"pk": meeting.pk}),
    )


def _count(value: str) -> int:
    return parse_int(value) or 0


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
    presence = {
        member.pk: request.POST[f"presence-{member.pk}"]
        for member in meeting.council.members.all()
        if request.POST.get(f"presence-{member.pk}")
    }
    return run_action(
        request,
        partial(
            services.meeting_close,
            meeting=meeting,
            user=request.user,
            written=written,
            absent_note=request.POST.get("absent_note", ""),
            presence=presence,
        ),
        errors=(ValidationError,),
        success=_("Đã kết thúc cuộc họp và chốt kết quả bỏ phiếu."),
        to=reverse("awards:meeting", kwargs={"pk": meeting.pk}),
    )


@login_required
def meeting_minutes(request, pk):
    """Biên bản họp Hội đồng: a printable page of a closed meeting (its .docx comes later)."""
    meeting = _meeting_for(request, pk)
    closed = meeting.status == CouncilMeeting.Status.CLOSED
    context = {"meeting": meeting, "closed": closed, "minutes": services.minutes(meeting) if closed else None}
    return render(request, "awards/meeting_minutes.html", context)
