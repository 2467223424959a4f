"""The rows the migrations seed (title and rating rules, the council's voting rule, the bonus tables,
the initiatives rule), put back for transactional tests: an earlier transactional test's flush
empties every table, and the demo and the awards pages rely on these rows as a migrated database does."""

import importlib

from django.apps import apps

SEEDS = [
    ("thidua.awards.migrations.0002_national_rules", "forward"),
    ("thidua.awards.migrations.0004_council_recusal_attendance", "seed"),
    ("thidua.awards.migrations.0006_bonus_tables", "forward"),
    ("thidua.initiatives.migrations.0002_national_rule", "forward"),
]


def reseed_after_flush() -> None:
    from thidua.awards.models import TitleRule

    if TitleRule.objects.exists():  # not flushed: the migrations' rows are there
        return
    for module, function in SEEDS:
        getattr(importlib.import_module(module), function)(apps, None)
