"""A small world for the API tests: a published plan with one target given to the cast's unit."""

import datetime
from decimal import Decimal

from tests import factories
from thidua.api import services
from thidua.api.models import ApiToken
from thidua.tracking.models import Assignment


def make_token(organization, office, scope=ApiToken.Scope.READ, unit=None, name="Trung tâm điều hành"):
    """A token and its secret, made as the office makes it on the page."""
    return services.token_create(organization=organization, name=name, scope=scope, unit=unit, user=office)


def make_assignment(organization, unit) -> Assignment:
    plan = factories.make_plan(
        organization,
        reporting_rhythm="quarterly",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
        issued_on=datetime.date(2026, 1, 5),
    )
    target = factories.make_target(
        plan, text="Cấp 120 giấy phép xây dựng", value=Decimal(120), unit_of_measure="giấy phép"
    )
    return Assignment.objects.create(organization=organization, target=target, unit=unit, role="lead")


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
