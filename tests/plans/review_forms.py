"""Build the POST a person would send from the draft review page, from the page's own forms."""

import datetime

from django.db.models import Model


def _value(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Model):
        return value.pk
    if value is None:
        return ""
    return value


def _add(data: dict, form, prefix_name: str, value) -> None:
    if isinstance(value, bool):
        if value:
            data[prefix_name] = "on"
    else:
        data[prefix_name] = _value(value)


def review_post(review) -> dict:
    """Every field as the page shows it (defaults included), ready to be changed by a test and posted back."""
    data = {}
    for name in review.document.fields:
        _add(data, review.document, review.document.add_prefix(name), review.document[name].value())
    for formset in review.formsets.values():
        for key, value in formset.management_form.initial.items():
            data[formset.management_form.add_prefix(key)] = value
        for form in formset.forms:
            for name in form.fields:
                if name != "DELETE":
                    _add(data, form, form.add_prefix(name), form[name].value())
    return data
