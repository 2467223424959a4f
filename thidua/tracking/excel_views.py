"""A unit's Excel round-trip: download the period's workbook, upload it back, preview, confirm.

Between the preview and the confirmation the uploaded bytes wait in MEDIA_ROOT/tmp/excel/, keyed
by a token kept in the session (see `excel.PendingUploads`); the confirmation reads the file again
and re-checks every row, since reports may have moved meanwhile.
"""

import datetime
from io import BytesIO

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from thidua.core.forms import BootstrapFormMixin
from thidua.org.access import get_for_user
from thidua.org.models import Unit
from thidua.org.roles import Capability
from thidua.tracking import excel
from thidua.tracking.periods import QUARTERLY, period_containing

ZIP_SIGNATURE = b"PK\x03\x04"


def validate_workbook(upload) -> None:
    name = upload.name or ""
    if not name.lower().endswith(".xlsx"):
        raise ValidationError(
            _("Tệp “%(name)s” không được nhận: chỉ nhận bảng tính Excel .xlsx."), params={"name": name}
        )
    if upload.size > excel.MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("Tệp “%(name)s” nặng %(size)s, vượt giới hạn %(limit)s."),
            params={
                "name": name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(excel.MAX_UPLOAD_BYTES),
            },
        )
    head = upload.read(4)
    upload.seek(0)
    if head != ZIP_SIGNATURE:
        raise ValidationError(
            _("Tệp “%(name)s” bị hỏng hoặc không phải là tệp .xlsx."), params={"name": name}
        )


class WorkbookUploadForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp Excel đã điền số liệu"),
        help_text=gettext_lazy("Tệp .xlsx tải từ trang này, tối đa 5 MB."),
        validators=[validate_workbook],
        widget=forms.ClearableFileInput({"accept": ".xlsx"}),
    )


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
    return FileResponse(
        BytesIO(data), as_attachment=True, filename=filename, content_type=excel.XLSX_CONTENT_TYPE
    )


@login_required
def unit_workbook_upload(request, pk: int):
    unit = _unit(request, pk)
    if not request.user.acts_for_unit(Capability.ENTER_REPORTS, unit):
        raise PermissionDenied
    pending = excel.PendingUploads(request.session)
    if request.method == "POST" and "token" in request.POST:
        return _confirm(request, unit, pending)
    form = WorkbookUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        preview = excel.parse_workbook(BytesIO(data), unit, request.user)
        token = pending.stash(unit, data) if preview.can_apply else ""
        return render(
            request, "tracking/excel_preview.html", {"unit": unit, "preview": preview, "token": token}
        )
    current = period_containing(timezone.localdate(), QUARTERLY)
    previous = period_containing(current.start - datetime.timedelta(days=1), QUARTERLY)
    context = {"unit": unit, "form": form, "periods": [previous, current]}
    return render(request, "tracking/excel_upload.html", context)


def _confirm(request, unit: Unit, pending: excel.PendingUploads):
    token = request.POST["token"]
    data = pending.load(unit, token)
    if data is None:
        messages.error(request, _("Tệp đã tải lên không còn (đã nhập hoặc đã quá hạn). Hãy tải tệp lên lại."))
        return redirect("tracking:unit_workbook_upload", pk=unit.pk)
    preview = excel.parse_workbook(BytesIO(data), unit, request.user)
    try:
        changed = excel.apply_import(preview, request.user)
    except excel.ImportRefused as refused:
        preview.errors = refused.messages
        return render(request, "tracking/excel_preview.html", {"unit": unit, "preview": preview, "token": ""})
    finally:
        pending.discard(token)
    messages.success(
        request, _("Đã cập nhật số liệu của %(count)s báo cáo từ tệp Excel.") % {"count": changed}
    )
    return redirect("tracking:unit", pk=unit.pk)
