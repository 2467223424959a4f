"""The office's page Kết nối API: make a token (its secret shown once), list, revoke; and the docs."""

import re

from tests.api.factories import bearer, make_token
from thidua.api.models import ApiToken


def test_the_office_makes_a_token_whose_secret_is_shown_once(client, cast):
    client.force_login(cast.office)
    response = client.post("/ket-noi-api/", {"name": "Trung tâm IOC tỉnh", "scope": "read"})
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    secret = re.search(r'value="(td_[^"]+)"', response.content.decode()).group(1)
    token = ApiToken.objects.get(name="Trung tâm IOC tỉnh")
    assert (
        token.organization == cast.org
        and token.created_by == cast.office
        and token.account.is_active is False
    )
    assert client.get("/api/units", **bearer(secret)).status_code == 200
    listing = client.get("/ket-noi-api/").content.decode()
    assert "Trung tâm IOC tỉnh" in listing and secret not in listing


def test_a_read_write_token_needs_a_unit(client, cast):
    client.force_login(cast.office)
    response = client.post("/ket-noi-api/", {"name": "Phần mềm một cửa", "scope": "read_write"})
    assert "phải gắn với một phòng, đơn vị" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_the_office_revokes_a_token_and_it_stops_working(client, cast):
    token, secret = make_token(cast.org, cast.office)
    client.force_login(cast.office)
    response = client.post(f"/ket-noi-api/{token.pk}/thu-hoi/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert token.history.first().history_change_reason == "Thu hồi mã truy cập API"
    assert client.get("/api/units", **bearer(secret)).status_code == 401


def test_nobody_else_manages_tokens(client, cast):
    token, _secret = make_token(cast.org, cast.office)
    for person in (cast.staff, cast.unit_head, cast.leader, cast.observer):
        client.force_login(person)
        assert client.get("/ket-noi-api/").status_code in (403, 404)
        assert client.post(f"/ket-noi-api/{token.pk}/thu-hoi/").status_code in (403, 404)
    client.force_login(cast.other_office)
    assert client.post(f"/ket-noi-api/{token.pk}/thu-hoi/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_docs_page_loads_its_assets_from_the_site_itself(client):
    page = client.get("/api/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert "/static/ninja/swagger-ui-bundle.js" in assets and "/static/ninja/swagger-ui.css" in assets
    assert all(asset.startswith("/") for asset in assets)  # nothing from a CDN
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
    assert client.get("/api/openapi.json").json()["info"]["title"] == "Thi Đua API"
