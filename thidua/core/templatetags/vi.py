"""Template filters for Vietnamese formats; loaded as builtins in every template."""

from django import template

from thidua.core import formatting
from thidua.core.forms import error_summary

register = template.Library()

register.filter("so", formatting.format_number)
register.filter("phan_tram", formatting.format_percent)
register.filter("ngay", formatting.format_date)
register.filter("ngay_gio", formatting.format_datetime)
register.filter("error_summary", error_summary)


@register.filter
def so_luong(value, unit):
    return formatting.format_quantity(value, unit)
