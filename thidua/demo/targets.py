"""The sample plans' targets that the system counts by itself, measured by their computed indicators.

The indicator is the one the target page would propose (`tracking.indicators.suggest`): the
target's text says its hints and it gives the kind of figure the target asks for; a topic the text
names ("sáng kiến về kỹ năng số, chuyển đổi số") limits what it counts, as the page would propose.
"""

from thidua.plans.models import Plan, Target
from thidua.tracking import indicators, services, standing


def indicator_for(target: Target) -> str | None:
    """The indicator that measures the target, or None when units report its figures."""
    found = indicators.suggest(target.text, target.unit_of_measure)
    return found.code if found else None


def wire_indicators(plan: Plan, *, user) -> list[Target]:
    """Measure the plan's matching targets by their indicator; return the targets changed.

    The caller refreshes the changed targets again once the registries they count are loaded.
    """
    changed = []
    for target in plan.targets.all():
        code = indicator_for(target)
        if code is None:
            continue
        topic = indicators.suggest_topic(target.text, code)
        wired = (target.measurement, target.indicator, target.indicator_topic)
        if wired == (Target.Measurement.COMPUTED, code, topic):
            continue
        services.target_measure(
            target=target, user=user, measurement=Target.Measurement.COMPUTED, indicator=code, topic=topic
        )
        changed.append(target)
    return changed


def refresh(targets: list[Target]) -> None:
    for target in targets:
        standing.refresh_target(target)
