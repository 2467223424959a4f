"""The API's docs page (Swagger UI, served from the site's static files) works under the CSP."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_docs_page_lists_the_endpoints_without_any_policy_violation(page, live_server):
    seen = []
    page.on("console", lambda message: seen.append(message.text))
    page.on("pageerror", lambda error: seen.append(f"page error: {error}"))
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{live_server.url}/api/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Thi Đua API")
    expect(page.locator(".opblock-summary-path", has_text="/api/reports/{report_id}/send")).to_be_visible()
    assert [text for text in seen if "Content Security Policy" in text or "page error" in text] == []
    assert all(url.startswith(live_server.url) for url in requested)
