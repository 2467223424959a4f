"""The "Tải Excel" link of a list: the page's URL with its current filters and `xuat=xlsx`."""

from django import template

from thidua.core import exports

register = template.Library()


@register.simple_tag(takes_context=True)
def export_url(context) -> str:
    request = context["request"]
    return f"{request.path}?{exports.export_query(request.GET)}"
