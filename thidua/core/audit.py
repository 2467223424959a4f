"""The one way services write a row: validated, and recorded in its history with who and why."""


def save_audited(obj, *, user, reason: str):
    """full_clean() then save(), with django-simple-history's user and change reason set."""
    obj.full_clean()
    obj._history_user = user
    obj._change_reason = reason
    obj.save()
    return obj


def delete_audited(obj, *, user, reason: str = "") -> None:
    obj._history_user = user
    obj._change_reason = reason
    obj.delete()
