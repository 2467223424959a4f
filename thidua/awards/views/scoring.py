"""Chấm điểm thi đua of the units: the year's table and ranking, a unit's sheet, the office's checks."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.awards import scoring
from thidua.awards.models import ScoringCriterion, ScoringTable, UnitScore, UnitScoreLine
from thidua.awards.scoring_forms import CriterionForm, SelfScoresForm, TableForm, VerifyForm
from thidua.awards.views.common import PAGE_SIZE, year_asked
from thidua.core.actions import run_action
from thidua.core.uploads import UploadKeeper, private_file_response
from thidua.org.access import get_for_user, get_rw_for_user, organization_for, require
from thidua.org.roles import Capability

VIEW, OWN, VERIFY = Capability.VIEW_UNIT_SCORES, Capability.SCORE_OWN_UNIT, Capability.VERIFY_UNIT_SCORES
ERRORS = (scoring.ScoringError,)


def _reads(user, organization) -> bool:
    return user.can(VIEW, organization) or user.can(OWN, organization)


@login_required
def scoring_overview(request):
    """The year's table and the units' sheets, ranked; a unit head sees their unit's sheet only."""
    organization = organization_for(request)
    if not _reads(request.user, organization):
        raise PermissionDenied
    year = year_asked(request)
    table = ScoringTable.objects.filter(organization=organization, year=year).first()
    sheets = UnitScore.objects.visible_to(request.user).filter(table=table).select_related("unit")
    own_unit = request.user.unit if request.user.unit_id and request.user.can(OWN, organization) else None
    context = {
        "organization": organization,
        "year": year,
        "table": table,
        "page": Paginator(sheets, PAGE_SIZE).get_page(request.GET.get("page")),
        "own_unit": own_unit,
        "own_started": own_unit is not None and sheets.filter(unit=own_unit).exists(),
        "can_verify": request.user.can(VERIFY, organization),
        "can_manage": request.user.can(Capability.MANAGE_AWARDS, organization),
    }
    return render(request, "awards/scoring.html", context)


@login_required
def scoring_table_new(request):
    organization = organization_for(request)
    require(request.user, VERIFY, organization)
    form = TableForm(request.POST or None, initial={"year": year_asked(request), "with_defaults": True})
    if request.method == "POST" and form.is_valid():
        try:
            table = scoring.table_create(organization=organization, user=request.user, **form.cleaned_data)
        except scoring.ScoringError as error:
            form.add_error("year", str(error))
        else:
            messages.success(request, _("Đã tạo bảng tiêu chí năm {year}.").format(year=table.year))
            return redirect(table)
    return render(request, "awards/scoring_table_form.html", {"form": form, "organization": organization})


def _tables():
    return ScoringTable.objects.select_related("organization").prefetch_related("criteria")


def _table_page(request, table: ScoringTable, form=None):
    can_verify = request.user.can(VERIFY, table.organization)
    submitted = table.submitted_count()
    if form is None and can_verify and not submitted:
        form = CriterionForm(instance=ScoringCriterion(table=table))
    criteria = list(table.criteria.all())
    groups: dict[str, list] = {}
    for criterion in criteria:
        groups.setdefault(criterion.group, []).append(criterion)
    context = {
        "table": table,
        "groups": groups,
        "total": table.total_points,
        "submitted": submitted,
        "form": form if can_verify and not submitted else None,
        "can_verify": can_verify,
        "can_manage": request.user.can(Capability.MANAGE_AWARDS, table.organization),
        "own_unit": request.user.unit if request.user.acts_for_unit(OWN, request.user.unit_id) else None,
    }
    return render(request, "awards/scoring_table.html", context)


@login_required
def scoring_table(request, pk: int):
    table = get_for_user(_tables(), request.user, pk=pk)
    if not _reads(request.user, table.organization):
        raise PermissionDenied
    return _table_page(request, table)


@login_required
@require_POST
def scoring_criterion_add(request, pk: int):
    table = get_rw_for_user(_tables(), request.user, VERIFY, pk=pk)
    form = CriterionForm(request.POST, instance=ScoringCriterion(table=table))
    if not form.is_valid():
        return _table_page(request, table, form=form)
    fields = {name: form.cleaned_data[name] for name in CriterionForm.Meta.fields}
    return run_action(
        request,
        lambda: scoring.criterion_add(table=table, user=request.user, **fields),
        errors=ERRORS,
        success=_("Đã thêm tiêu chí."),
        to=table,
    )


@login_required
@require_POST
def scoring_criterion_remove(request, pk: int):
    criterion = get_rw_for_user(
        ScoringCriterion.objects.select_related("table__organization"), request.user, VERIFY, pk=pk
    )
    return run_action(
        request,
        partial(scoring.criterion_remove, criterion=criterion, user=request.user),
        errors=ERRORS,
        success=_("Đã xóa tiêu chí “{text}”.").format(text=criterion.text),
        to=criterion.table,
    )


@login_required
@require_POST
def unit_score_start(request, pk: int):
    table = get_for_user(_tables(), request.user, pk=pk)
    unit = request.user.unit
    return run_action(
        request,
        lambda: scoring.sheet_start(table=table, unit=unit, user=request.user),
        allowed=unit is not None and request.user.acts_for_unit(OWN, unit),
        errors=ERRORS,
        to=table,
        then=lambda sheet: sheet,
    )


@login_required
def unit_score(request, pk: int):
    sheet = get_for_user(
        UnitScore.objects.select_related("organization", "unit", "table"), request.user, pk=pk
    )
    own, verifies = sheet.self_scorable_by(request.user), sheet.verifiable_by(request.user)
    criteria = list(sheet.table.criteria.all())
    lines = {line.criterion_id: line for line in sheet.lines.select_related("criterion")}
    form: SelfScoresForm | VerifyForm | None = None
    keeper = UploadKeeper(request, f"unit-score-{sheet.pk}")
    if own:
        initial = {pk: line.self_points for pk, line in lines.items()}
        form = SelfScoresForm(
            request.POST or None, keeper.files() or None, criteria=criteria, initial_scores=initial
        )
    elif verifies:
        initial = {pk: line.self_points for pk, line in lines.items()}
        form = VerifyForm(request.POST or None, criteria=criteria, initial_scores=initial)
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                if own:
                    scoring.sheet_submit(
                        sheet=sheet, scores=form.scores(), evidence=form.evidence(), user=request.user
                    )
                    messages.success(request, _("Đã gửi bản chấm điểm về Văn phòng Sở để thẩm định."))
                elif isinstance(form, VerifyForm):
                    scoring.sheet_verify(
                        sheet=sheet, scores=form.scores(), reasons=form.reasons(), user=request.user
                    )
                    messages.success(request, _("Đã thẩm định và xếp hạng lại các đơn vị."))
            except scoring.ScoringError as error:
                messages.error(request, str(error))
            keeper.forget()
            return redirect(sheet)
        keeper.keep(form)
    preview = scoring.preview(sheet) if own else {}
    rows = [
        {
            "criterion": c,
            "line": lines.get(c.pk),
            "preview": preview.get(c.pk),
            "preview_points": scoring.points_for(c, preview[c.pk].value) if c.pk in preview else None,
        }
        for c in criteria
    ]
    context = {
        "sheet": sheet,
        "rows": rows,
        "form": form,
        "own": own,
        "verifies": verifies,
        "can_manage": request.user.can(Capability.MANAGE_AWARDS, sheet.organization),
        "back": f"{reverse('awards:scoring')}?nam={sheet.table.year}",
    }
    return render(request, "awards/unit_score.html", context)


@login_required
def unit_score_evidence(request, pk: int):
    return private_file_response(
        request,
        UnitScoreLine.objects.select_related("sheet"),
        pk=pk,
        field="evidence",
        filename=lambda line: line.evidence.name.rsplit("/")[-1],
    )
