"""The staff register, a person's record and the year's eligibility."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from thidua.awards import engine, good_examples, reasons, services
from thidua.awards.models import (
    Discipline,
    HoldFlag,
    Leave,
    Person,
)
from thidua.awards.views.common import MANAGE, PAGE_SIZE, year_asked
from thidua.core.history import Records, history_entries
from thidua.org.access import get_for_user, organization_for, require
from thidua.org.models import Unit


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
        "leaves": person.leaves.all(),
        "holds": person.holds.all(),
        "awards": person.awards.order_by("-year", "title"),
        "good_examples": good_examples.of_person(person),
        "history": history_entries(
            Person.history.filter(id=person.pk),
            Records(Discipline.history.filter(person_id=person.pk), subject=lambda r: _("Kỷ luật")),
            Records(Leave.history.filter(person_id=person.pk), subject=lambda r: _("Thời gian nghỉ")),
            Records(
                HoldFlag.history.filter(person_id=person.pk), subject=lambda r: _("Tạm dừng xét khen thưởng")
            ),
        ),
    }
    return render(request, "awards/person_detail.html", context)


@login_required
def eligibility(request):
    organization = organization_for(request)
    require(request.user, MANAGE, organization)
    year = year_asked(request)
    rows = []
    scorings = services.unit_scorings(organization, year)
    for judgement in services.eligibility(organization, year):
        row = reasons.as_dict(judgement)
        scored = scorings.get(judgement.key) if judgement.kind == engine.SubjectKind.UNIT else None
        row["scoring"] = reasons.scoring_rank(scored) if scored else ""
        row["verdict_label"] = reasons.verdict_label(judgement.verdict)
        row["key"] = judgement.key
        row["decider"] = reasons.decider_label(judgement.decided_by)
        rows.append(row)
    context = {"organization": organization, "year": year, "rows": rows, "can_manage": True}
    return render(request, "awards/eligibility.html", context)
