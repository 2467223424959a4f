"""Form machinery, once for every app: Bootstrap classes, Vietnamese dates and numbers, errors that
name their field.

- `BootstrapFormMixin`: every widget gets Bootstrap's class, every date field the dd/mm/yyyy
  format, every decimal field an input that shows 30,5 and accepts both 30,5 and 30.5, and the
  bounds (min/max) say their limit the Vietnamese way ("tối đa 8", not "8.00"). Fields added after
  `__init__` (one per criterion, say) are prepared too, before they are bound or shown.
- `error_summary(form)`: every error of the form as "Tiêu đề: Trường này là bắt buộc.", for the
  summary above a form and for flash messages (`form_error_text`).
- `named_error_messages(error, model)`: a model's ValidationError (from `full_clean`) with each
  message prefixed by the field's verbose name.
"""

import re
from decimal import Decimal

from django import forms
from django.core import validators
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from thidua.core.formatting import format_number, parse_number

# Dates are typed and shown as dd/mm/yyyy whatever the browser's language; ISO is accepted too.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]

PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


class VietnameseDateInput(forms.DateInput):
    def __init__(self, attrs=None):
        super().__init__(
            {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", **(attrs or {})}, format="%d/%m/%Y"
        )


def normalize_decimal_text(text: str) -> str:
    """What a person typed, as Python reads a number, read as the Excel imports read it
    (`parse_number`): "30,5" and "30.5" → "30.5", "7.500" → "7500", "7.500,5" → "7500.5",
    "1 234,5" → "1234.5". Anything else is left for the field to refuse."""
    try:
        number = parse_number(text)
    except ValueError:
        return text
    return "" if number is None else f"{number:f}"


class DecimalInput(forms.TextInput):
    """A number with a decimal comma: shows 30,5 (30,00 for a stored 30.00), reads 30,5 or 30.5."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, float):
            value = Decimal(str(value))
        if isinstance(value, Decimal):
            value = f"{value:f}"
        if isinstance(value, str) and PLAIN_NUMBER.match(value):
            return value.replace(".", ",")
        return super().format_value(value)

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        return normalize_decimal_text(value) if isinstance(value, str) else value


def _limit(value) -> str:
    return format_number(value, places=6) if isinstance(value, int | float | Decimal) else str(value)


class MinValueValidator(validators.MinValueValidator):
    """Django's lower bound, its limit written the Vietnamese way ("tối thiểu 0,01")."""

    message = _("Giá trị tối thiểu là %(limit_value)s.")

    def __call__(self, value):
        if self.compare(self.clean(value), self.limit_value):
            raise ValidationError(
                self.message, code=self.code, params={"limit_value": _limit(self.limit_value)}
            )


class MaxValueValidator(validators.MaxValueValidator):
    """Django's upper bound, its limit written the Vietnamese way ("tối đa 8", not "8.00")."""

    message = _("Giá trị tối đa là %(limit_value)s.")

    def __call__(self, value):
        if self.compare(self.clean(value), self.limit_value):
            raise ValidationError(
                self.message, code=self.code, params={"limit_value": _limit(self.limit_value)}
            )


def _localized_bound(validator):
    """Django's min/max validator of a number field, replaced by ours that writes its limit in Vietnamese."""
    for django_bound, ours in (
        (validators.MinValueValidator, MinValueValidator),
        (validators.MaxValueValidator, MaxValueValidator),
    ):
        if type(validator) is django_bound and validator.message == django_bound.message:
            return ours(validator.limit_value)
    return validator


def prepare_field(field: forms.Field) -> None:
    """Make one field Vietnamese and Bootstrap-styled; a field already prepared is left alone."""
    if getattr(field, "_thidua_prepared", False):
        return
    field._thidua_prepared = True  # type: ignore[attr-defined]
    if isinstance(field, forms.DateField):
        field.input_formats = DATE_INPUT_FORMATS
        field.widget = VietnameseDateInput()
    if isinstance(field, forms.DecimalField | forms.FloatField) and isinstance(
        field.widget, forms.NumberInput
    ):
        field.widget = DecimalInput(
            {k: v for k, v in field.widget.attrs.items() if k not in ("step", "min", "max")}
        )
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        field.validators = [_localized_bound(v) for v in field.validators]
    widget = field.widget
    if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):  # RadioSelect: checkbox lists too
        css = "form-check-input"
    elif isinstance(widget, forms.Select):
        css = "form-select form-select-sm"
    else:
        css = "form-control form-control-sm"
    if css.split()[0] not in widget.attrs.get("class", "").split():
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class BootstrapFormMixin:
    """Give every widget Bootstrap's class, every date the Vietnamese format, every decimal a comma."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.prepare_fields()

    def prepare_fields(self) -> None:
        for field in self.fields.values():  # type: ignore[attr-defined]
            prepare_field(field)

    def __getitem__(self, name):
        prepare_field(self.fields[name])
        return super().__getitem__(name)

    def full_clean(self):
        self.prepare_fields()
        return super().full_clean()


def _label(form, name: str) -> str:
    field = form.fields.get(name)
    return str(capfirst(field.label)) if field is not None and field.label else ""


def error_summary(form) -> list[str]:
    """Every error of the form, each naming its field: "Tiêu đề: Trường này là bắt buộc.".

    Errors about the whole form come first, unnamed; a formset gives its forms' errors in order.
    """
    if form is None:
        return []
    if isinstance(form, forms.BaseFormSet):
        lines = [str(e) for e in form.non_form_errors()]
        for member in form.forms:
            lines += error_summary(member)
        return lines
    if not form.is_bound:
        return []
    lines = [str(e) for e in form.errors.get(NON_FIELD_ERRORS, [])]
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS:
            continue
        label = _label(form, name)
        lines += [f"{label}: {e}" if label else str(e) for e in errors]
    return lines


def form_error_text(form) -> str:
    """The errors of a form as one flash message, each naming its field."""
    return " ".join(error_summary(form))


def named_error_messages(error: ValidationError, model=None) -> list[str]:
    """A ValidationError's messages, those about one field prefixed by its name (the model's
    verbose name where `model` is known: "Ngày kết thúc: Ngày kết thúc phải sau ngày bắt đầu.")."""
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    lines: list[str] = []
    for name, errors in error.error_dict.items():
        messages = [m for e in errors for m in e.messages]
        label = ""
        if name != NON_FIELD_ERRORS and model is not None:
            try:
                label = str(capfirst(model._meta.get_field(name).verbose_name))
            except FieldDoesNotExist:
                label = ""
        lines += [f"{label}: {m}" if label else m for m in messages]
    return lines


def add_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's refusal on the form: each message beside the field it names when the form has
    that field, the rest above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)
