"""The staff register kept by the office (a person, discipline, leave, Excel out and in) and a unit's
yearly ratings (entered or imported by the unit's head, sent, confirmed or returned by the office)."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.awards import ratings, register, workbooks
from thidua.awards.models import Discipline, HoldFlag, Leave, Person
from thidua.awards.rating_forms import (
    DisciplineForm,
    HoldFlagForm,
    LeaveForm,
    PersonForm,
    RatingsForm,
    WorkbookUploadForm,
)
from thidua.awards.views.common import MANAGE, PAGE_SIZE, year_asked
from thidua.core.actions import run_action
from thidua.core.spreadsheets import import_post, workbook_response
from thidua.org.access import get_for_user, get_rw_for_user, organization_for, require
from thidua.org.models import Unit
from thidua.org.roles import Capability

# ——— The staff register (the office) ———


def _person_form(request, organization, person=None):
    form = PersonForm(request.POST or None, instance=person, organization=organization)
    if request.method == "POST" and form.is_valid():
        saved = register.person_save(person=form.save(commit=False), user=request.user)
        messages.success(request, _("Đã lưu thông tin cán bộ."))
        return redirect("awards:person", pk=saved.pk)
    context = {"organization": organization, "form": form, "person": person}
    return render(request, "awards/person_form.html", context)


@login_required
def person_new(request):
    organization = organization_for(request)
    require(request.user, MANAGE, organization)
    return _person_form(request, organization)


@login_required
def person_edit(request, pk):
    person = get_rw_for_user(Person.objects.all(), request.user, MANAGE, pk=pk)
    return _person_form(request, person.organization, person)


@login_required
def register_export(request):
    organization = organization_for(request)
    require(request.user, MANAGE, organization)
    return workbook_response(workbooks.register_workbook(organization), "danh-sach-can-bo.xlsx")


@login_required
def register_import(request):
    organization = organization_for(request)
    require(request.user, MANAGE, organization)

    def done(count: int):
        messages.success(request, _("Đã ghi {count} cán bộ từ tệp Excel.").format(count=count))
        return redirect("awards:people")

    form = WorkbookUploadForm(request.POST or None, request.FILES or None)
    answered = import_post(
        request,
        owner=organization,
        form=form,
        pending=workbooks.PendingRegisterUploads(request.session),
        parse=lambda file: workbooks.parse_register(file, organization),
        apply=workbooks.apply_register,
        preview_template="awards/register_preview.html",
        context={"organization": organization},
        upload_url=reverse("awards:register_import"),
        done=done,
    )
    if answered is not None:
        return answered
    return render(request, "awards/register_import.html", {"form": form, "organization": organization})


def _person_part(request, person, form, save, success, template_title):
    if request.method == "POST" and form.is_valid():
        save(form.save(commit=False), user=request.user)
        messages.success(request, success)
        return redirect("awards:person", pk=person.pk)
    context = {"person": person, "form": form, "title": template_title}
    return render(request, "awards/person_part_form.html", context)


def _save_discipline(discipline, *, user):
    return register.discipline_save(discipline=discipline, user=user)


def _save_leave(leave, *, user):
    return register.leave_save(leave=leave, user=user)


@login_required
def discipline_new(request, pk):
    person = get_rw_for_user(Person.objects.all(), request.user, MANAGE, pk=pk)
    form = DisciplineForm(request.POST or None, person=person)
    return _person_part(request, person, form, _save_discipline, _("Đã ghi kỷ luật."), _("Ghi kỷ luật"))


@login_required
def discipline_edit(request, pk):
    discipline = get_rw_for_user(Discipline.objects.select_related("person"), request.user, MANAGE, pk=pk)
    form = DisciplineForm(request.POST or None, instance=discipline, person=discipline.person)
    return _person_part(
        request, discipline.person, form, _save_discipline, _("Đã sửa kỷ luật."), _("Sửa kỷ luật")
    )


@login_required
def leave_new(request, pk):
    person = get_rw_for_user(Person.objects.all(), request.user, MANAGE, pk=pk)
    form = LeaveForm(request.POST or None, person=person)
    return _person_part(
        request, person, form, _save_leave, _("Đã ghi thời gian nghỉ."), _("Ghi thời gian nghỉ")
    )


@login_required
def leave_edit(request, pk):
    leave = get_rw_for_user(Leave.objects.select_related("person"), request.user, MANAGE, pk=pk)
    form = LeaveForm(request.POST or None, instance=leave, person=leave.person)
    title = _("Sửa thời gian nghỉ")
    return _person_part(request, leave.person, form, _save_leave, _("Đã sửa thời gian nghỉ."), title)


def _save_hold(hold, *, user):
    return register.hold_save(hold=hold, user=user)


@login_required
def hold_new(request, pk):
    person = get_rw_for_user(Person.objects.all(), request.user, MANAGE, pk=pk)
    form = HoldFlagForm(request.POST or None, person=person)
    title = _("Tạm dừng xét khen thưởng")
    return _person_part(request, person, form, _save_hold, _("Đã ghi tạm dừng xét khen thưởng."), title)


@login_required
def hold_edit(request, pk):
    hold = get_rw_for_user(HoldFlag.objects.filter(person__isnull=False), request.user, MANAGE, pk=pk)
    form = HoldFlagForm(request.POST or None, instance=hold, person=hold.person)
    title = _("Sửa, kết thúc tạm dừng xét khen thưởng")
    return _person_part(request, hold.person, form, _save_hold, _("Đã ghi tạm dừng xét khen thưởng."), title)


# ——— A unit's ratings ———


def _unit(request, year, pk) -> Unit:
    if not 2000 <= year <= 2100:
        raise Http404
    return get_for_user(Unit.objects.select_related("organization"), request.user, pk=pk)


def _rating_unit(request, year, pk) -> Unit:
    """The unit, when the person rates for it: the office any unit, a unit head their own."""
    unit = _unit(request, year, pk)
    if not ratings.rates_for(request.user, unit):
        raise PermissionDenied
    return unit


@login_required
def rating_overview(request):
    organization = organization_for(request)
    year = year_asked(request)
    user = request.user
    if not user.can(MANAGE, organization):
        if user.unit_id and user.acts_for_unit(Capability.REGISTER_AWARDS, user.unit):
            return redirect("awards:rating_unit", year=year, pk=user.unit_id)
        raise PermissionDenied
    units = Unit.objects.filter(organization=organization).order_by("position", "name")
    page = Paginator(units, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "organization": organization,
        "year": year,
        "page": page,
        "rows": ratings.overview(organization, year, page.object_list),
        "rule": ratings.cap_rule(organization, year),
        "can_manage": True,
    }
    return render(request, "awards/rating_overview.html", context)


def _unit_page_url(unit, year) -> str:
    return reverse("awards:rating_unit", kwargs={"year": year, "pk": unit.pk})


@login_required
def rating_unit(request, year, pk):
    unit = _rating_unit(request, year, pk)
    current = ratings.unit_year(unit, year)
    form = RatingsForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            count = ratings.ratings_save(
                unit=unit,
                year=year,
                user=request.user,
                ratings=form.person_ratings(),
                unit_rating=form.unit_rating(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu {count} thay đổi xếp loại.").format(count=count))
            return redirect(_unit_page_url(unit, year))
    is_office = request.user.can(MANAGE, unit.organization)
    rows = [
        (person, form[f"person-{person.pk}"], current.ratings.get(person.pk)) for person in current.people
    ]
    status = current.status
    S = ratings.S
    context = {
        "unit": unit,
        "year": year,
        "form": form,
        "rows": rows,
        "current": current,
        "status_label": S(status).label if current.rows else _("Chưa nhập xếp loại"),
        "cap": ratings.cap_check(unit, year),
        "is_office": is_office,
        # Anything the unit may still change: a person not yet rated, a rating not sent or returned.
        "can_edit": any(not field.disabled for field in form.fields.values()),
        "can_submit": any(r.editable for r in current.rows),
        "can_confirm": is_office and status == S.SUBMITTED,
        "can_return": is_office and status in (S.SUBMITTED, S.CONFIRMED),
        "history": ratings.history(unit, year),
    }
    return render(request, "awards/rating_unit.html", context)


@login_required
def rating_template(request, year, pk):
    unit = _rating_unit(request, year, pk)
    return workbook_response(workbooks.rating_template(unit, year), f"xep-loai-{year}-{unit.pk}.xlsx")


@login_required
def rating_import(request, year, pk):
    unit = _rating_unit(request, year, pk)
    page_url = _unit_page_url(unit, year)

    def done(count: int):
        messages.success(request, _("Đã ghi xếp loại của {count} người từ tệp Excel.").format(count=count))
        return redirect(page_url)

    form = WorkbookUploadForm(request.POST or None, request.FILES or None)
    context = {"unit": unit, "year": year}
    answered = import_post(
        request,
        owner=unit,
        form=form,
        pending=workbooks.PendingRatingUploads(request.session),
        parse=lambda file: workbooks.parse_ratings(file, unit, year),
        apply=workbooks.apply_ratings,
        preview_template="awards/rating_preview.html",
        context=context,
        upload_url=reverse("awards:rating_import", kwargs={"year": year, "pk": unit.pk}),
        done=done,
    )
    if answered is not None:
        return answered
    return render(request, "awards/rating_import.html", {**context, "form": form})


@require_POST
@login_required
def rating_action(request, year, pk, action):
    unit = _unit(request, year, pk)
    user = request.user
    if action == "gui":
        allowed = ratings.rates_for(user, unit)
        act = partial(ratings.ratings_submit, unit=unit, year=year, user=user)
        success = _("Đã gửi xếp loại cho Văn phòng.")
    elif action == "xac-nhan":
        allowed = user.can(MANAGE, unit.organization)
        note = request.POST.get("note", "")
        act = partial(ratings.ratings_confirm, unit=unit, year=year, user=user, note=note)
        success = _("Đã xác nhận xếp loại của đơn vị.")
    else:
        allowed = user.can(MANAGE, unit.organization)
        reason = request.POST.get("reason", "")
        act = partial(ratings.ratings_return, unit=unit, year=year, user=user, reason=reason)
        success = _("Đã trả lại xếp loại cho đơn vị.")
    return run_action(
        request,
        act,
        allowed=allowed,
        errors=(ValidationError,),
        success=success,
        to=_unit_page_url(unit, year),
    )
