"""Pages work under the Content-Security-Policy: no inline script runs, and nothing needs one."""

import datetime
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests import factories
from thidua.notifications.models import CalendarToken
from thidua.org.roles import Role
from thidua.plans.models import PlanDraft
from thidua.plans.services import plan_draft_create
from thidua.tracking import services
from thidua.tracking.models import Assignment
from thidua.tracking.periods import period_containing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAMPLE = Path(__file__).resolve().parents[2] / "thidua/demo/data/lang-son-doanh-nghiep.txt"


@pytest.fixture
def violations(page):
    """What Chromium reports in the console about the policy, and any script error of the page."""
    seen = []
    page.on("console", lambda message: seen.append(message.text))
    page.on("pageerror", lambda error: seen.append(f"page error: {error}"))
    return lambda: [text for text in seen if "Content Security Policy" in text or "page error" in text]


@pytest.fixture
def agency():
    org = factories.make_organization(name="Sở Xây dựng tỉnh Thanh Hóa")
    office = factories.make_user(org, Role.OFFICE, unit=factories.make_unit(org, "Văn phòng Sở"))
    unit = factories.make_unit(org, "Phòng Quản lý nhà")
    head = factories.make_user(org, Role.UNIT_HEAD, unit=unit)
    return org, office, unit, head


def test_the_target_page_draws_its_chart_without_any_policy_violation(login, live_server, violations, agency):
    org, office, unit, head = agency
    plan = factories.make_plan(org, reporting_rhythm="quarterly")
    target = factories.make_target(
        plan, text="Nghiệm thu 40 công trình", value=40, unit_of_measure="công trình", period_kind="plan"
    )
    assignment = Assignment.objects.create(organization=org, target=target, unit=unit, role="lead")
    quarter = period_containing(datetime.date(2026, 2, 1), "quarterly")
    report = services.report_update(
        report=services.report_start(assignment=assignment, period=quarter, user=head), user=head, value=12
    )
    services.report_approve(report=services.report_submit(report=report, user=head), user=office)

    page = login(office)
    response = page.goto(f"{live_server.url}/theo-doi/chi-tieu/{target.pk}/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    chart = page.locator("#progress-chart")
    expect(chart).to_be_visible()
    # Chart.js (a static file) ran and drew on the canvas, fed by json_script data.
    drawn = "() => Chart.getChart(document.getElementById('progress-chart'))?.data.datasets[0].data.length"
    page.wait_for_function(drawn)
    assert page.evaluate(drawn) == 1
    assert violations() == []


def test_an_injected_inline_script_is_refused(page, live_server, violations):
    page.goto(f"{live_server.url}/dang-nhap/")
    with pytest.raises(Exception):  # noqa: B017 - Playwright reports the refused script as an error
        page.add_script_tag(content="window.injected = true;")
    assert page.evaluate("() => window.injected") is None
    # Chromium: "Executing inline script violates the following Content Security Policy directive …"
    assert any("inline script violates" in text and "script-src 'self'" in text for text in violations())


def test_the_language_switcher_calendar_link_and_confirmations_work_from_static_files(
    login, live_server, violations, agency, confirmations
):
    org, office, _unit, _head = agency
    page = login(office)

    # The feed page: copy button and the confirmations of rotate and revoke (data- attributes).
    CalendarToken.rotate(office)
    page.goto(f"{live_server.url}/lich/lich-cua-toi/")
    page.get_by_role("button", name="Sao chép").click()
    expect(page.locator("#copy-feed-url")).to_have_text("Đã sao chép")
    confirmations.append(False)  # the person says no to the next question
    page.get_by_role("button", name="Thu hồi").click()
    expect(page.get_by_test_id("feed-url")).to_be_visible()  # refused: nothing sent
    page.get_by_role("button", name="Thu hồi").click()
    expect(page.get_by_test_id("feed-empty")).to_be_visible()

    # A form that asks first: the draft of a plan is discarded only after the question.
    draft = plan_draft_create(organization=org, user=office, text=SAMPLE.read_text(encoding="utf-8"))
    page.goto(f"{live_server.url}{draft.get_absolute_url()}")
    confirmations.append(False)  # the person says no to the next question
    page.get_by_role("button", name="Hủy bản nháp").click()
    expect(page.get_by_role("button", name="Hủy bản nháp")).to_be_visible()
    draft.refresh_from_db()
    assert draft.status == PlanDraft.Status.OPEN
    page.get_by_role("button", name="Hủy bản nháp").click()
    expect(page.get_by_role("button", name="Hủy bản nháp")).to_have_count(0)
    draft.refresh_from_db()
    assert draft.status != PlanDraft.Status.OPEN

    # The language switcher sends its form when a language is chosen.
    page.get_by_label("Ngôn ngữ").select_option("en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert violations() == []
