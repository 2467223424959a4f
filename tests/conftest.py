import os

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests import factories
from thidua.org.roles import Role

# One Hypothesis profile for the whole suite; tests set only what is theirs (more examples).
# - No deadline: an example's speed depends on how busy the machine is, and speed belongs in bench/.
# - too_slow and data_too_large are not health problems here: long plan texts and long report series
#   are what the tests generate on purpose, and under load generating them tripped too_slow
#   (tests/tracking/test_progress.py).
# - No example database: nothing is written into the work tree; a failure prints its reproducer.
hypothesis_settings.register_profile(
    "dev",
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# CI: the same examples on every run, so a red build is a real, reproducible failure.
hypothesis_settings.register_profile("ci", hypothesis_settings.get_profile("dev"), derandomize=True)
hypothesis_settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev")
)


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
