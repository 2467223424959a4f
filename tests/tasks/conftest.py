from types import SimpleNamespace

import pytest

from tests import factories
from tests.notifications.test_handoffs import told  # noqa: F401  (hand-offs run as if committed)
from thidua.org.roles import Role


@pytest.fixture
def cast(db):
    """An agency with its office, a unit (head and staff), another unit, and another agency's unit head."""
    org = factories.make_organization()
    office_unit = factories.make_unit(org, "Văn phòng Sở")
    unit = factories.make_unit(org, "Phòng Phát triển đô thị")
    other_unit = factories.make_unit(org, "Phòng Quản lý xây dựng")
    elsewhere = factories.make_organization()
    return SimpleNamespace(
        org=org,
        unit=unit,
        other_unit=other_unit,
        office=factories.make_user(org, Role.OFFICE, unit=office_unit),
        leader=factories.make_user(org, Role.LEADER),
        head=factories.make_user(org, Role.UNIT_HEAD, unit=unit),
        staff=factories.make_user(org, Role.STAFF, unit=unit),
        other_head=factories.make_user(org, Role.UNIT_HEAD, unit=other_unit),
        outsider=factories.make_user(elsewhere, Role.UNIT_HEAD, unit=factories.make_unit(elsewhere)),
    )
