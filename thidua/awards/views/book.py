"""The reward book: every title and reward of the agency's people and units, its statistics, a unit's
page, and the import of past years' rewards from Excel."""

from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, F
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from thidua.awards import book_excel
from thidua.awards.decision_forms import AwardFilter, BookUploadForm
from thidua.awards.models import Award, HoldFlag, Title
from thidua.awards.views.common import MANAGE, PAGE_SIZE
from thidua.core.history import Records, history_entries
from thidua.core.spreadsheets import import_post, set_cell, workbook_response
from thidua.org.access import get_for_user, organization_for, require
from thidua.org.models import Unit
from thidua.org.roles import Capability

VIEW = Capability.VIEW_AWARDS


def _awards(organization):
    return (
        Award.objects.filter(organization=organization)
        .select_related("person__unit", "unit", "decision", "proposal")
        .order_by("-year", "title", "pk")
    )


@login_required
def book(request):
    organization = organization_for(request)
    require(request.user, VIEW, organization)
    filterset = AwardFilter(request.GET, queryset=_awards(organization), organization=organization)
    context = {
        "organization": organization,
        "filter": filterset,
        "page": Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page")),
        "can_manage": request.user.can(MANAGE, organization),
    }
    return render(request, "awards/book.html", context)


@login_required
def book_stats(request):
    """Counts by year and form, and by unit (a person's reward counts for the person's unit)."""
    organization = organization_for(request)
    require(request.user, VIEW, organization)
    rows = Award.objects.filter(organization=organization)
    by_year = rows.values("year", "title").annotate(n=Count("pk")).order_by("-year", "title")
    years = sorted({row["year"] for row in by_year}, reverse=True)
    titles = [t for t in Title if any(row["title"] == t for row in by_year)]
    table = {(row["year"], row["title"]): row["n"] for row in by_year}
    by_unit = (
        rows.annotate(owner=Coalesce(F("unit_id"), F("person__unit_id")))
        .values("owner")
        .annotate(n=Count("pk"))
        .order_by("-n")
    )
    units = {u.pk: u for u in Unit.objects.filter(organization=organization)}
    context = {
        "organization": organization,
        "titles": titles,
        "year_rows": [
            {
                "year": y,
                "counts": [table.get((y, t), 0) for t in titles],
                "total": sum(table.get((y, t), 0) for t in titles),
            }
            for y in years
        ],
        "unit_rows": [{"unit": units.get(row["owner"]), "n": row["n"]} for row in by_unit],
        "can_manage": request.user.can(MANAGE, organization),
    }
    return render(request, "awards/book_stats.html", context)


@login_required
def book_unit(request, pk):
    unit = get_for_user(Unit.objects.all(), request.user, pk=pk)
    require(request.user, VIEW, unit.organization)
    awards = _awards(unit.organization)
    context = {
        "unit": unit,
        "own": awards.filter(unit=unit),
        "people": awards.filter(person__unit=unit),
        "holds": HoldFlag.objects.filter(unit=unit).order_by("-opened_on", "-pk"),
        "can_manage": request.user.can(MANAGE, unit.organization),
        "history": history_entries(
            Records(HoldFlag.history.filter(unit_id=unit.pk), subject=lambda r: _("Tạm dừng xét khen thưởng"))
        ),
    }
    return render(request, "awards/book_unit.html", context)


@login_required
def book_import(request):
    organization = organization_for(request)
    require(request.user, MANAGE, organization)

    def done(count: int):
        messages.success(request, _("Đã ghi {count} dòng vào sổ khen thưởng.").format(count=count))
        return redirect("awards:book")

    form = BookUploadForm(request.POST or None, request.FILES or None)
    answered = import_post(
        request,
        owner=organization,
        form=form,
        pending=book_excel.PendingBookUploads(request.session),
        parse=lambda file: book_excel.parse_workbook(file, organization),
        apply=book_excel.apply_import,
        preview_template="awards/book_preview.html",
        context={"organization": organization},
        upload_url=reverse("awards:book_import"),
        done=done,
    )
    if answered is not None:
        return answered
    return render(request, "awards/book_import.html", {"form": form, "organization": organization})


@login_required
def book_template(request):
    """An empty workbook with the import's columns and one example row."""
    organization = organization_for(request)
    require(request.user, MANAGE, organization)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Sổ khen thưởng")
    for column, header in enumerate(book_excel.COLUMNS.values(), start=1):
        set_cell(sheet, 1, column, _(header))
    unit = Unit.objects.filter(organization=organization).order_by("position", "name").first()
    example = ["Nguyễn Văn A", unit.name if unit else "", 2024, str(Title.LDTT.label), "", "", "15/QĐ-SXD"]
    for column, value in enumerate([*example, "10/01/2025", "", 710000], start=1):
        set_cell(sheet, 2, column, value)
    data = BytesIO()
    workbook.save(data)
    return workbook_response(data.getvalue(), "so-khen-thuong-mau.xlsx")
