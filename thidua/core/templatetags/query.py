"""Links that keep the page's query string: the pagination's previous and next pages."""

from urllib.parse import urlencode

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """`?<the current filters>&page=<number>`. Built here, not in the template: a template's
    `request.GET.items` reads a parameter named `items` when the query string has one."""
    params = context["request"].GET
    pairs = [(key, value) for key, values in params.lists() if key != "page" for value in values]
    return "?" + urlencode([*pairs, ("page", number)])


@register.simple_tag(takes_context=True)
def filters_query(context) -> str:
    """`?<the current filters>` without the page number."""
    params = context["request"].GET
    return "?" + urlencode(
        [(key, value) for key, values in params.lists() if key != "page" for value in values]
    )
