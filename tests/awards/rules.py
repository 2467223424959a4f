"""The national rules exactly as the data migration seeds them, as engine rule versions."""

import dataclasses
from importlib import import_module

from thidua.awards import engine

SEED = import_module("thidua.awards.migrations.0002_national_rules")


def national() -> dict[engine.Title, engine.RuleVersion]:
    return {
        engine.Title(rule["title"]): engine.RuleVersion(
            title=engine.Title(rule["title"]),
            document=SEED.LAW,
            article=rule["article"],
            parameters=rule["parameters"],
            note=rule["note"],
        )
        for rule in SEED.RULES
    }


def changed(rule: engine.RuleVersion, **parameters) -> engine.RuleVersion:
    return dataclasses.replace(rule, parameters={**rule.parameters, **parameters})
