"""The national default rule: 2/3 of the council in favour, a decision within 3 months of acceptance."""

import datetime
from decimal import Decimal

from django.db import migrations

LEGAL_BASIS = "Nghị định 13/2012/NĐ-CP (Điều 7 khoản 1); Thông tư 18/2013/TT-BKHCN (Điều 6, Điều 8)"


def forward(apps, schema_editor):
    InitiativeRule = apps.get_model("initiatives", "InitiativeRule")
    InitiativeRule.objects.get_or_create(
        organization=None,
        legal_basis=LEGAL_BASIS,
        defaults={
            "approval_share": Decimal("0.6667"),
            "decision_months": 3,
            # Nghị định 13/2012/NĐ-CP took effect on 20/04/2012.
            "valid_from": datetime.date(2012, 4, 20),
        },
    )


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0001_initial")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
