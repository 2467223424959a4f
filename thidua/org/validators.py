import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

TAX_CODE = re.compile(r"^\d{10}(-\d{3})?$")


def validate_tax_code(value: str) -> None:
    """Mã số thuế: 10 digits, or 10 digits, a dash and 3 digits for a branch."""
    if not TAX_CODE.match(value or ""):
        raise ValidationError(
            _("Mã số thuế “%(value)s” không hợp lệ: cần 10 chữ số, hoặc 10 chữ số, dấu “-” và 3 chữ số."),
            code="invalid_tax_code",
            params={"value": value},
        )
