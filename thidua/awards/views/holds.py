"""Holds on a unit's rewards (tạm dừng xét khen thưởng đối với tập thể): the office opens one while an
inspection, audit or complaint about the unit is open, and closes it with its end date. A person's holds
are on the person's page (`views.ratings`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from thidua.awards import register
from thidua.awards.models import HoldFlag
from thidua.awards.rating_forms import HoldFlagForm
from thidua.awards.views.common import MANAGE
from thidua.org.access import get_rw_for_user
from thidua.org.models import Unit


def _unit_hold_page(request, unit, form, title):
    if request.method == "POST" and form.is_valid():
        register.hold_save(hold=form.save(commit=False), user=request.user)
        messages.success(request, _("Đã ghi tạm dừng xét khen thưởng đối với đơn vị."))
        return redirect("awards:book_unit", pk=unit.pk)
    return render(request, "awards/unit_hold_form.html", {"unit": unit, "form": form, "title": title})


@login_required
def unit_hold_new(request, pk):
    unit = get_rw_for_user(Unit.objects.all(), request.user, MANAGE, pk=pk)
    form = HoldFlagForm(request.POST or None, unit=unit)
    return _unit_hold_page(request, unit, form, _("Tạm dừng xét khen thưởng đơn vị"))


@login_required
def unit_hold_edit(request, pk):
    hold = get_rw_for_user(
        HoldFlag.objects.filter(unit__isnull=False).select_related("unit"), request.user, MANAGE, pk=pk
    )
    form = HoldFlagForm(request.POST or None, instance=hold, unit=hold.unit)
    return _unit_hold_page(request, hold.unit, form, _("Sửa, kết thúc tạm dừng xét khen thưởng đơn vị"))
