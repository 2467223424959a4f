"""Panels that apps above tracking add to a unit's page (the tasks app: its overdue tasks).

A registry, so that tracking never imports them (see DESIGN.md, "Layout"): an app registers a
function (request, unit, today) → `Panel` or None in its AppConfig.ready(); the unit page renders
each panel's template with the panel's context.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict = field(default_factory=dict)


PanelSource = Callable[[object, object, datetime.date], Panel | None]
SOURCES: list[PanelSource] = []


def unit_panel(source: PanelSource) -> PanelSource:
    SOURCES.append(source)
    return source


def panels_for(request, unit, today: datetime.date) -> list[Panel]:
    return [panel for source in SOURCES if (panel := source(request, unit, today)) is not None]
