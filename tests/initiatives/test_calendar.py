"""The decision on a received initiative is an obligation of the agency, in calendars, reminders and feeds."""

import datetime

from tests.initiatives.conftest import RECEIVED_ON, received, vote
from thidua.initiatives import services
from thidua.notifications.calendar import State, obligations, obligations_for

WINDOW = (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


def test_the_decision_is_due_three_months_after_receipt_and_met_when_decided(cast, council):
    initiative = received(cast, council)
    found = [o for o in obligations([cast.org], *WINDOW) if o.kind == "initiative_decision"]
    assert [(o.due_on, o.unit_id, o.url) for o in found] == [
        (datetime.date(2026, 4, 15), None, initiative.get_absolute_url())
    ]
    assert found[0].state(datetime.date(2026, 4, 16)) == State.OVERDUE
    vote(cast, initiative, 2)
    services.initiative_decide(
        initiative=initiative,
        user=cast.leader,
        decision_number="12/QĐ-SXD",
        decision_date=RECEIVED_ON + datetime.timedelta(days=40),
    )
    decided = next(o for o in obligations([cast.org], *WINDOW) if o.kind == "initiative_decision")
    assert decided.state(datetime.date(2026, 6, 1)) == State.DONE


def test_it_is_the_agencys_obligation_not_a_units(cast, council):
    received(cast, council)
    assert any(o.kind == "initiative_decision" for o in obligations_for(cast.office, *WINDOW))
    assert not any(o.kind == "initiative_decision" for o in obligations_for(cast.unit_head, *WINDOW))
    assert not any(o.kind == "initiative_decision" for o in obligations_for(cast.other_office, *WINDOW))
