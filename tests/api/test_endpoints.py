"""Every endpoint × every kind of token: read, read-write (the unit's), another agency's, revoked, none.

Lists answer only the token's agency's rows; a row of another agency is a 404; a write a token may not
make is a 403 and changes nothing; a revoked or missing token is a 401. Every answer is JSON, errors with
a Vietnamese `detail`.
"""

import dataclasses
import json
from collections.abc import Callable

import pytest
from django.apps import apps
from django.db import connection

from tests.api.factories import bearer

READ, READ_WRITE, OTHER, REVOKED, NONE = "read", "read_write", "other_agency", "revoked", "none"
SCOPES = (READ, READ_WRITE, OTHER, REVOKED, NONE)


@dataclasses.dataclass(frozen=True)
class Endpoint:
    method: str
    url: Callable
    expected: dict  # scope → status
    body: dict | None = None
    listed: str | None = None  # a list: the attribute of the world whose id must be in it (own agency)


LIST = {READ: 200, READ_WRITE: 200, OTHER: 200, REVOKED: 401, NONE: 401}
DETAIL = {READ: 200, READ_WRITE: 200, OTHER: 404, REVOKED: 401, NONE: 401}
WRITE = {READ: 403, READ_WRITE: 200, OTHER: 404, REVOKED: 401, NONE: 401}
FIGURES = {"value": "37", "analysis": "Đã cấp 37 giấy phép trong quý."}

ENDPOINTS = {
    "units": Endpoint("GET", lambda w: "/api/units", LIST, listed="unit"),
    "plans": Endpoint("GET", lambda w: "/api/plans", LIST, listed="plan"),
    "plan": Endpoint("GET", lambda w: f"/api/plans/{w.plan.pk}", DETAIL),
    "targets": Endpoint("GET", lambda w: "/api/targets", LIST, listed="target"),
    "target": Endpoint("GET", lambda w: f"/api/targets/{w.target.pk}", DETAIL),
    "assignments": Endpoint("GET", lambda w: "/api/assignments", LIST, listed="assignment"),
    "assignment": Endpoint("GET", lambda w: f"/api/assignments/{w.assignment.pk}", DETAIL),
    "reports": Endpoint("GET", lambda w: "/api/reports", LIST, listed="draft"),
    "report": Endpoint("GET", lambda w: f"/api/reports/{w.draft.pk}", DETAIL),
    "obligations": Endpoint("GET", lambda w: "/api/obligations?start=2026-01-01&end=2026-12-31", LIST),
    "initiatives": Endpoint("GET", lambda w: "/api/initiatives", LIST, listed="initiative"),
    "feedback": Endpoint("GET", lambda w: "/api/feedback", LIST, listed="feedback"),
    "rewards": Endpoint("GET", lambda w: "/api/rewards", LIST, listed="award"),
    "draft_report": Endpoint(
        "POST",
        lambda w: f"/api/assignments/{w.assignment.pk}/reports",
        WRITE,
        body={"period": "2026-01-01", **FIGURES},
    ),
    "update_report": Endpoint("PUT", lambda w: f"/api/reports/{w.draft.pk}", WRITE, body=FIGURES),
    "send_report": Endpoint("POST", lambda w: f"/api/reports/{w.draft.pk}/send", WRITE),
}


def call(client, endpoint: Endpoint, w, scope: str):
    headers = bearer(w.tokens[scope]) if scope != NONE else {}
    body = json.dumps(endpoint.body) if endpoint.body is not None else None
    kwargs = {"data": body, "content_type": "application/json"} if body is not None else {}
    return getattr(client, endpoint.method.lower())(endpoint.url(w), **kwargs, **headers)


def counts() -> tuple:
    """Rows of every table but the tokens' own (their time of last use moves on every call)."""
    tables = sorted({m._meta.db_table for m in apps.get_models()} - {"api_apitoken", "django_session"})
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f'(SELECT COUNT(*) FROM "{t}")' for t in tables))
        return cursor.fetchone()


@pytest.mark.parametrize("scope", SCOPES)
@pytest.mark.parametrize("name", ENDPOINTS)
def test_endpoint_by_token_scope(client, world, name, scope):
    endpoint = ENDPOINTS[name]
    if name == "send_report":  # a draft with its figures, ready to send
        from thidua.tracking import services

        services.report_update(report=world.draft, user=world.staff, value=12)
    before = counts()
    world.draft.refresh_from_db()
    draft_before = (world.draft.status, world.draft.value)
    response = call(client, endpoint, world, scope)
    assert response.status_code == endpoint.expected[scope], response.content
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    if response.status_code >= 400:
        assert data["detail"] and data["detail"].isascii() is False  # a sentence in Vietnamese
        world.draft.refresh_from_db()
        assert counts() == before and (world.draft.status, world.draft.value) == draft_before
    if endpoint.listed and response.status_code == 200:
        ids = {item["id"] for item in data["items"]}
        own = getattr(world, endpoint.listed).pk
        assert (own in ids) is (scope != OTHER)


def test_every_endpoint_is_in_the_table_and_in_the_openapi_document(client):
    from thidua.api.api import api

    schema = client.get("/api/openapi.json").json()
    documented = {(method.upper(), path) for path, methods in schema["paths"].items() for method in methods}
    served = set()
    for prefix, router in api._routers:
        for path, view in router.path_operations.items():
            for operation in view.operations:
                for method in operation.methods:
                    served.add(
                        (method, "/api" + (prefix.rstrip("/") + "/" + path.lstrip("/")).replace("//", "/"))
                    )
    assert served == documented
    assert len(served) == len(ENDPOINTS)
    assert {(e.method, e.url.__code__.co_consts) for e in ENDPOINTS.values()}  # every row has a URL
