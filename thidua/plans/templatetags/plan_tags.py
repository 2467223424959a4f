from django import template

register = template.Library()


@register.filter
def deadline_timing(deadline, today):
    return deadline.timing(today)
