"""One vocabulary of who may do what: capabilities in one table, one predicate per rule."""

import re
from pathlib import Path

from django.urls import reverse

from tests import factories
from thidua.org.roles import ROLE_CAPABILITIES, Capability, Role, roles_with

PACKAGE = Path(__file__).resolve().parents[2] / "thidua"
RAW_ROLE = re.compile(r"\bRole\.(" + "|".join(role.name for role in Role) + r")\b")


def test_every_capability_is_held_by_some_role():
    held = set().union(*ROLE_CAPABILITIES.values())
    assert set(Capability) - held == set()


def test_running_the_rewards_is_the_offices():
    assert roles_with(Capability.MANAGE_AWARDS) == [Role.OFFICE]


def test_no_code_outside_the_roles_table_and_the_demo_names_a_role():
    """Access is asked by capability (`user.can`), never by `role == Role.OFFICE`."""
    offenders = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in PACKAGE.rglob("*.py")
        if path.name != "roles.py" and "demo" not in path.parts and "migrations" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if RAW_ROLE.search(line)
    ]
    assert offenders == []


def test_a_person_acts_only_for_their_own_unit(cast):
    other = factories.make_unit(cast.org)
    assert cast.staff.acts_for_unit(Capability.ENTER_REPORTS, cast.unit)
    assert cast.staff.acts_for_unit(Capability.ENTER_REPORTS, cast.unit.pk)
    assert not cast.staff.acts_for_unit(Capability.ENTER_REPORTS, other)
    assert not cast.staff.acts_for_unit(Capability.SUBMIT_REPORTS, cast.unit)  # the unit head sends
    assert cast.unit_head.acts_for_unit(Capability.SUBMIT_REPORTS, cast.unit)
    assert not cast.office.acts_for_unit(Capability.ENTER_REPORTS, cast.unit)


def test_an_enterprise_reads_no_internal_dashboard(client, cast):
    plan = factories.make_plan(cast.org)
    target = factories.make_target(plan, lead_unit=cast.unit)
    client.force_login(cast.enterprise_user)
    assert client.get(reverse("tracking:overview")).status_code == 403
    assert client.get(reverse("tracking:province")).status_code == 403
    assert client.get(reverse("tracking:target", args=[target.pk])).status_code == 404
    assert client.get(reverse("tracking:unit", args=[cast.unit.pk])).status_code == 404
    assert client.get(reverse("plans:detail", args=[plan.pk])).status_code == 404


def test_staff_read_every_units_dashboard_of_their_agency(client, cast):
    other = factories.make_unit(cast.org)
    client.force_login(cast.staff)
    assert client.get(reverse("tracking:unit", args=[other.pk])).status_code == 200
    client.force_login(cast.other_office)
    assert client.get(reverse("tracking:unit", args=[other.pk])).status_code == 404
