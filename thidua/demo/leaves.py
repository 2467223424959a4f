"""Demo leave: one person of each agency on maternity leave for half of 2026, which counts as worked
time (the person stays eligible for LĐTT). Idempotent: looked up by person and first day."""

import datetime

from thidua.awards.models import Leave, Person

YEAR = 2026


def load_leaves(organization) -> None:
    person = (
        Person.objects.filter(organization=organization, is_active=True, user__isnull=True)
        .order_by("unit__position", "unit__name", "full_name", "pk")
        .first()
    )
    if person is None:
        return
    Leave.objects.get_or_create(
        organization=organization,
        person=person,
        starts_on=datetime.date(YEAR, 3, 1),
        defaults={
            "kind": Leave.Kind.MATERNITY,
            "ends_on": datetime.date(YEAR, 8, 31),
            "counts_as_worked": True,
            "note": "Nghỉ thai sản 6 tháng: được tính là thời gian công tác.",
        },
    )
