"""The one way services write a row: validated, and recorded in its history with who and why."""

from django.core.exceptions import ValidationError


def save_audited(obj, *, user, reason: str):
    """full_clean() then save(), with django-simple-history's user and change reason set."""
    try:
        obj.full_clean()
    except ValidationError as error:
        error.model = type(obj)  # type: ignore[attr-defined]  # lets `error_text` name the fields
        error.instance = obj  # type: ignore[attr-defined]
        raise
    obj._history_user = user
    obj._change_reason = reason
    obj.save()
    return obj


def delete_audited(obj, *, user, reason: str = "") -> None:
    obj._history_user = user
    obj._change_reason = reason
    obj.delete()
