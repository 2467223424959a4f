from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from thidua.tracking.models import STATUS_CHOICES
from thidua.tracking.progress import Status
from thidua.tracking.reasons import render_reason

register = template.Library()
NO_STATUS = mark_safe('<span class="badge text-bg-light border">—</span>')
NO_TREND = mark_safe('<span class="text-body-secondary small">—</span>')
LABELS = dict(STATUS_CHOICES)

STATUS_COLOURS = {
    Status.ACHIEVED: "success",
    Status.ON_TRACK: "primary",
    Status.AT_RISK: "warning",
    Status.BEHIND: "danger",
    Status.NO_DATA: "secondary",
    Status.NOT_STARTED: "light",
}


@register.filter
def reason(value) -> str:
    """A snapshot's reason in words, in the reader's language: {{ snapshot.reason|reason }}."""
    return render_reason(value)


@register.filter
def status_colour(status) -> str:
    return STATUS_COLOURS.get(Status(status), "secondary") if status else "secondary"


@register.simple_tag
def status_badge(status):
    if not status:
        return NO_STATUS
    status = Status(status)
    return format_html(
        '<span class="badge text-bg-{} status-badge" data-status="{}">{}</span>',
        STATUS_COLOURS[status],
        status.value,
        LABELS[status.value],
    )


@register.simple_tag
def sparkline(series, width=120, height=28):
    """A small trend line drawn on the server: no script needed for dozens of rows."""
    values = [point[1] for point in series or []]
    if len(values) < 2:
        return NO_TREND
    low, high = min(values), max(values)
    span = (high - low) or 1
    step = width / (len(values) - 1)
    points = " ".join(
        f"{i * step:.1f},{height - 2 - (v - low) / span * (height - 4):.1f}" for i, v in enumerate(values)
    )
    return format_html(
        '<svg class="sparkline" width="{}" height="{}" viewBox="0 0 {} {}" role="img" aria-label="xu hướng">'
        '<polyline fill="none" stroke="currentColor" stroke-width="1.5" points="{}"/></svg>',
        width,
        height,
        width,
        height,
        points,
    )


@register.inclusion_tag("tracking/_status_bar.html")
def status_bar(counts, label=""):
    """How many targets stand at each status (counts in STATUS_CHOICES order) as one stacked bar, drawn on
    the server as SVG: no script, and widths are attributes, which the content security policy allows
    where inline styles are not."""
    total = sum(counts or [])
    segments, start = [], 0
    for (status, name), count in zip(STATUS_CHOICES, counts or [], strict=False):
        if count:
            segments.append(
                {
                    "status": status,
                    "colour": STATUS_COLOURS[Status(status)],
                    "text": f"{name}: {count}",
                    "x": f"{start * 100 / total:.3f}",
                    "width": f"{count * 100 / total:.3f}",
                }
            )
            start += count
    return {"segments": segments, "label": label, "total": total}


@register.filter
def slot_state(slot, today) -> str:
    return slot.state(today)
