from django import forms
from django.core.exceptions import ValidationError

# Dates are typed and shown as dd/mm/yyyy whatever the browser's language; ISO is accepted too.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]


class VietnameseDateInput(forms.DateInput):
    def __init__(self, attrs=None):
        super().__init__(
            {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", **(attrs or {})}, format="%d/%m/%Y"
        )


class BootstrapFormMixin:
    """Give every widget Bootstrap's class and every date the Vietnamese format."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.input_formats = DATE_INPUT_FORMATS
                field.widget = VietnameseDateInput()
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):  # RadioSelect: checkbox lists too
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select form-select-sm"
            else:
                css = "form-control form-control-sm"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


def add_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's refusal on the form: each message beside the field it names when the form has
    that field, the rest above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)
