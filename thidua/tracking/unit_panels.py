"""Panels that apps above tracking add to a unit's page and to the overview (the tasks app: overdue tasks).

A registry, so that tracking never imports them (see DESIGN.md, "Layout"): an app registers a
function (request, unit, today) → `Panel` or None with `unit_panel`, or (request, organization,
today) → `Panel` or None with `overview_panel`, in its AppConfig.ready(); the page renders each
panel's template with the panel's context.
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
OVERVIEW_SOURCES: list[PanelSource] = []


def unit_panel(source: PanelSource) -> PanelSource:
    SOURCES.append(source)
    return source


def overview_panel(source: PanelSource) -> PanelSource:
    OVERVIEW_SOURCES.append(source)
    return source


def _collect(sources: list[PanelSource], request, owner, today: datetime.date) -> list[Panel]:
    return [panel for source in sources if (panel := source(request, owner, today)) is not None]


def panels_for(request, unit, today: datetime.date) -> list[Panel]:
    return _collect(SOURCES, request, unit, today)


def overview_panels_for(request, organization, today: datetime.date) -> list[Panel]:
    return _collect(OVERVIEW_SOURCES, request, organization, today)
