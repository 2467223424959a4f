"""Workflow buttons, once for every app: a POST that runs one service and goes back to the page.

The view fetches the row (`org.access.get_for_user` / `get_rw_for_user`) and hands the rest to
`run_action`:

    report = get_for_user(Report.objects.all(), request.user, pk=pk)
    return run_action(
        request,
        lambda: services.report_submit(report=report, user=request.user),
        allowed=report.submittable_by(request.user),
        errors=(services.TrackingError, ValidationError),
        success=_("Đã gửi báo cáo về Văn phòng Sở."),
        to=report,
    )

- `allowed` false: 403, before the service runs.
- The service refuses with one of `errors`: its text becomes an error message; back to `to`.
- Otherwise: the `success` message (when there is one), then to `then(result)` when given (the
  row the service made, say), else to `to`. `to` is anything `redirect()` takes.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.text import capfirst

from thidua.core.forms import named_error_messages


def error_text(error: Exception) -> str:
    """What a refusal says to the person: a ValidationError's messages joined, each naming its field
    (and the row, "Chỉ tiêu “…”: Ngày kết thúc: …", when `save_audited` refused it), else the text."""
    if not isinstance(error, ValidationError):
        return str(error)
    model = getattr(error, "model", None)
    text = " ".join(named_error_messages(error, model))
    instance = getattr(error, "instance", None)
    if model is not None and instance is not None and hasattr(error, "error_dict"):
        try:
            name = str(instance).strip()
        except Exception:  # a row not yet whole may not know its name
            name = ""
        if name:
            text = f"{capfirst(model._meta.verbose_name)} “{name}”: {text}"
    return text


def run_action(
    request,
    act: Callable[[], Any],
    *,
    to: Any,
    errors: tuple[type[Exception], ...],
    success: str | None = None,
    allowed: bool = True,
    then: Callable[[Any], Any] | None = None,
) -> HttpResponseRedirect:
    if not allowed:
        raise PermissionDenied
    try:
        result = act()
    except errors as error:
        messages.error(request, error_text(error))
        return redirect(to)
    if success is not None:
        messages.success(request, success)
    return redirect(to if then is None else then(result))
