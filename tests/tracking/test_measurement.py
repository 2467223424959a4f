"""How a target is measured: the office switches it to an indicator the system computes, or back."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from tests import factories
from thidua.plans.models import Target
from thidua.tracking import indicators
from thidua.tracking.models import Assignment, ProgressSnapshot

SHARE = "tracking.units_reporting_share"


@pytest.fixture
def deployment(cast):
    """Lạng Sơn's first target: every unit deploys the movement; the cast's unit is given it."""
    plan = factories.make_plan(cast.org)
    target = factories.make_target(
        plan,
        text="100% phòng chuyên môn, đơn vị trực thuộc triển khai phong trào thi đua",
        comparator="=",
        value=Decimal(100),
        period_kind="plan",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2030, 12, 31),
    )
    Assignment.objects.create(organization=cast.org, target=target, unit=cast.unit, role="lead")
    return target


def measure(client, target, **data):
    return client.post(reverse("tracking:target_measurement", args=[target.pk]), data)


def test_the_target_page_proposes_the_indicator_its_text_speaks_of(client, cast, deployment):
    client.force_login(cast.office)
    page = client.get(reverse("tracking:target", args=[deployment.pk])).content.decode()
    assert 'data-testid="measurement-suggestion"' in page
    assert indicators.REGISTRY[SHARE].label in page
    assert f'<option value="{SHARE}" selected>' in page


def test_the_office_switches_to_computed_and_the_standing_is_recomputed(client, cast, deployment):
    client.force_login(cast.office)
    response = measure(client, deployment, measurement="computed", indicator=SHARE)
    assert response.status_code == 302
    deployment.refresh_from_db()
    assert (deployment.measurement, deployment.indicator) == (Target.Measurement.COMPUTED, SHARE)
    assert ProgressSnapshot.objects.filter(target=deployment, unit=None).exists()
    last = deployment.history.first()
    assert (last.history_user, last.history_change_reason) == (cast.office, "Đổi cách đo chỉ tiêu")

    measure(client, deployment, measurement="entered", indicator=SHARE)
    deployment.refresh_from_db()
    assert (deployment.measurement, deployment.indicator) == (Target.Measurement.ENTERED, "")


def test_computed_without_an_indicator_is_refused_with_a_message(client, cast, deployment):
    client.force_login(cast.office)
    response = measure(client, deployment, measurement="computed", indicator="")
    assert response.status_code == 302
    deployment.refresh_from_db()
    assert deployment.measurement == Target.Measurement.ENTERED
    page = client.get(response.url).content.decode()
    assert "Chỉ tiêu tính tự động cần chọn chỉ số để tính." in page


def test_an_unknown_indicator_is_refused(client, cast, deployment):
    client.force_login(cast.office)
    measure(client, deployment, measurement="computed", indicator="khong.co")
    deployment.refresh_from_db()
    assert deployment.measurement == Target.Measurement.ENTERED


def test_only_those_who_assign_targets_change_how_it_is_measured(client, cast, deployment):
    for user, status in ((cast.unit_head, 403), (cast.observer, 403), (cast.other_office, 404)):
        client.force_login(user)
        assert measure(client, deployment, measurement="computed", indicator=SHARE).status_code == status
    deployment.refresh_from_db()
    assert deployment.measurement == Target.Measurement.ENTERED
    client.force_login(cast.unit_head)
    page = client.get(reverse("tracking:target", args=[deployment.pk])).content.decode()
    assert "Đổi cách đo" not in page


@pytest.mark.parametrize(
    "text, unit, code",
    [
        ("100% phòng chuyên môn, đơn vị trực thuộc triển khai phong trào thi đua", "%", SHARE),
        ("100% phòng chuyên môn, đơn vị trực thuộc triển khai phong trào thi đua", "đơn vị", None),
        ("Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn đạt từ 98% trở lên", "%", None),
    ],
)
def test_suggestions_need_every_hint_and_the_kind_of_figure(text, unit, code):
    found = indicators.suggest(text, unit)
    assert (found.code if found else None) == code


def test_a_computed_target_owes_no_report(client, cast, deployment):
    from thidua.tracking import services
    from thidua.tracking.periods import period_containing
    from thidua.tracking.workload import owed_periods

    assignment = deployment.assignments.get()
    assert owed_periods(assignment, datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    services.target_measure(target=deployment, user=cast.office, measurement="computed", indicator=SHARE)
    assignment.refresh_from_db()
    assert owed_periods(assignment, datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)) == []
    with pytest.raises(services.TrackingError, match="tính tự động"):
        services.report_start(
            assignment=assignment,
            period=period_containing(datetime.date(2026, 2, 1), "quarterly"),
            user=cast.unit_head,
        )
    client.force_login(cast.unit_head)
    page = client.get(reverse("tracking:assignment", args=[assignment.pk])).content.decode()
    assert 'data-testid="computed-note"' in page


@pytest.fixture
def housing(cast):
    plan = factories.make_plan(cast.org)
    target = factories.make_target(
        plan,
        text="7.500 căn hộ nhà ở xã hội trong giai đoạn 2026 - 2030",
        comparator=">=",
        value=Decimal(7500),
        unit_of_measure="căn hộ",
        period_kind="cumulative",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2030, 12, 31),
    )
    Assignment.objects.create(organization=cast.org, target=target, unit=cast.unit, role="lead")
    return target


def set_path(client, target, lines: str):
    return client.post(reverse("tracking:target_milestones", args=[target.pk]), {"lines": lines})


def test_the_office_sets_a_yearly_path_and_the_page_says_it_is_followed(client, cast, housing):
    client.force_login(cast.office)
    page = client.get(reverse("tracking:target", args=[housing.pk])).content.decode()
    assert "tính theo đường thẳng từ 01/01/2026 đến 31/12/2030" in page
    assert set_path(client, housing, "2026: 500\n2027: 1.500\n30/6/2028: 2.500").status_code == 302
    housing.refresh_from_db()
    assert housing.milestones == [["2026-12-31", "500"], ["2027-12-31", "1500"], ["2028-06-30", "2500"]]
    assert housing.history.first().history_change_reason == "Đặt lộ trình từng năm"
    page = client.get(reverse("tracking:target", args=[housing.pk]))
    html = page.content.decode()
    assert "tính theo lộ trình từng năm (31/12/2026: 500 căn hộ; 31/12/2027: 1.500 căn hộ; 30/06/2028" in html
    assert page.context["milestones_form"].initial["lines"] == "2026: 500\n2027: 1.500\n30/06/2028: 2.500"


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ("2027 1500", "Dòng 1 “2027 1500”: viết năm (hoặc ngày), dấu hai chấm rồi mức cần đạt"),
        (
            "2026: 500\n2032: 9000",
            "Dòng 2: 31/12/2032 ngoài thời gian của chỉ tiêu (01/01/2026 – 31/12/2030).",
        ),
        ("2026: 500\n2026: 600", "Dòng 2: mốc 31/12/2026 đã có ở dòng trên."),
        ("2026: năm trăm", "Dòng 1 “2026: năm trăm”"),
    ],
)
def test_a_wrong_path_line_is_refused_naming_the_line(client, cast, housing, lines, message):
    client.force_login(cast.office)
    response = set_path(client, housing, lines)
    housing.refresh_from_db()
    assert housing.milestones == []
    page = client.get(response.url).content.decode()
    assert message in page


def test_only_the_office_sets_the_path(client, cast, housing):
    client.force_login(cast.unit_head)
    assert set_path(client, housing, "2026: 500").status_code in (403, 404)
    housing.refresh_from_db()
    assert housing.milestones == []
