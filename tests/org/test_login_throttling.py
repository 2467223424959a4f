"""Login throttling (django-axes) counts failures against the client's address, also behind a proxy."""

import pytest

from tests import factories

CLIENT_A = "198.51.100.7"
CLIENT_B = "203.0.113.20"
LIMIT = 5


@pytest.fixture
def person(db):
    return factories.make_user(factories.make_organization(), username="nguoi.dung")


def log_in(client, address_header, password):
    """Post the real login form, as it reaches the application from the proxy (REMOTE_ADDR 127.0.0.1)."""
    return client.post(
        "/dang-nhap/",
        {"username": "nguoi.dung", "password": password},
        HTTP_X_FORWARDED_FOR=address_header,
    )


def fail_from(client, address_header):
    statuses = [log_in(client, address_header, "sai-mat-khau").status_code for _ in range(LIMIT)]
    assert statuses == [200] * (LIMIT - 1) + [429]  # the fifth failure locks


@pytest.fixture
def behind_one_proxy(settings):
    """What TRUSTED_PROXY_COUNT=1 sets (the mapping itself: test_trusted_proxy_count_configures_axes)."""
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    settings.AXES_IPWARE_PROXY_COUNT = 0


def test_behind_the_proxy_failures_from_one_client_lock_only_that_client(person, client, behind_one_proxy):
    fail_from(client, CLIENT_A)
    assert log_in(client, CLIENT_A, "mat-khau-thu").status_code == 429
    response = log_in(client, CLIENT_B, "mat-khau-thu")
    assert response.status_code == 302 and response.url == "/"


def test_behind_the_proxy_a_forged_header_still_counts_against_the_real_client(
    person, client, behind_one_proxy
):
    # The client wrote "X-Forwarded-For: <B>"; the proxy appended the address it saw (A).
    fail_from(client, f"{CLIENT_B}, {CLIENT_A}")
    assert log_in(client, CLIENT_A, "mat-khau-thu").status_code == 429
    assert log_in(client, CLIENT_B, "mat-khau-thu").status_code == 302


def test_without_a_configured_proxy_the_header_is_ignored(person, client):
    fail_from(client, CLIENT_A)
    # Every request comes from 127.0.0.1: the header is the client's word and counts for nothing.
    assert log_in(client, CLIENT_B, "mat-khau-thu").status_code == 429
