import os
from pathlib import Path

import pytest

from tests import factories
from thidua.org.roles import Role

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture
def shared_dir():
    """The steering folder beside the repository; only tests and benchmarks may read it."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED


@pytest.fixture
def cast(db):
    """Two agencies, and in the first one person for each role (healthchecks-style fixed cast)."""

    class Cast:
        pass

    c = Cast()
    c.org = factories.make_organization(name="Sở Xây dựng tỉnh Thanh Hóa", slug="th")
    c.other_org = factories.make_organization(name="Sở Xây dựng tỉnh Lạng Sơn", slug="ls")
    c.office_unit = factories.make_unit(c.org, "Văn phòng Sở")
    c.unit = factories.make_unit(c.org, "Phòng Phát triển đô thị")
    c.office = factories.make_user(c.org, Role.OFFICE, unit=c.office_unit)
    c.leader = factories.make_user(c.org, Role.LEADER)
    c.unit_head = factories.make_user(c.org, Role.UNIT_HEAD, unit=c.unit)
    c.staff = factories.make_user(c.org, Role.STAFF, unit=c.unit)
    c.enterprise = factories.make_enterprise(c.org)
    c.enterprise_user = factories.make_user(c.org, Role.ENTERPRISE, enterprise=c.enterprise)
    c.observer = factories.make_user(c.org, Role.OBSERVER, organization=None)
    c.other_office = factories.make_user(c.other_org, Role.OFFICE)
    return c


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium: Playwright cannot download its own browser here."""
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM", "/usr/bin/chromium"),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ],
    }
