"""A unit's Excel round-trip: download the period's workbook, upload it back, preview, confirm.

Between the preview and the confirmation the uploaded bytes wait in MEDIA_ROOT/tmp/excel/, keyed
by a token kept in the session (see `excel.PendingUploads`); the confirmation reads the file again
and re-checks every row, since reports may have moved meanwhile.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from thidua.core.spreadsheets import import_post, workbook_response
from thidua.org.access import get_for_user
from thidua.org.models import Unit
from thidua.org.roles import Capability
from thidua.tracking import excel
from thidua.tracking.forms import WorkbookUploadForm
from thidua.tracking.periods import QUARTERLY, period_containing


def _unit(request, pk: int) -> Unit:
    return get_for_user(Unit.objects.select_related("organization"), request.user, pk=pk)


@login_required
@require_GET
def unit_workbook(request, pk: int, period: str):
    unit = _unit(request, pk)
    if not excel.can_download(request.user, unit):
        raise PermissionDenied
    chosen = excel.period_from_key(period, request.GET.get("nhip") or QUARTERLY)
    if chosen is None:
        raise Http404
    data = excel.build_workbook(unit, chosen, request.user)
    filename = excel.workbook_filename(unit, chosen)
    return workbook_response(data, filename)


@login_required
def unit_workbook_upload(request, pk: int):
    unit = _unit(request, pk)
    if not request.user.acts_for_unit(Capability.ENTER_REPORTS, unit):
        raise PermissionDenied

    def done(count: int):
        messages.success(
            request, _("Đã cập nhật số liệu của %(count)s báo cáo từ tệp Excel.") % {"count": count}
        )
        return redirect("tracking:unit", pk=unit.pk)

    form = WorkbookUploadForm(request.POST or None, request.FILES or None)
    answered = import_post(
        request,
        owner=unit,
        form=form,
        pending=excel.PendingUploads(request.session),
        parse=lambda file: excel.parse_workbook(file, unit, request.user),
        apply=excel.apply_import,
        preview_template="tracking/excel_preview.html",
        context={"unit": unit},
        upload_url=reverse("tracking:unit_workbook_upload", args=[unit.pk]),
        done=done,
    )
    if answered is not None:
        return answered
    current = period_containing(timezone.localdate(), QUARTERLY)
    previous = period_containing(current.start - datetime.timedelta(days=1), QUARTERLY)
    context = {"unit": unit, "form": form, "periods": [previous, current]}
    return render(request, "tracking/excel_upload.html", context)
