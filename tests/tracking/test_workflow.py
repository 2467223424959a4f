"""The report cycle as the services enforce it: draft, submitted, returned, approved, corrected."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests import factories
from thidua.org.models import Unit
from thidua.tracking import services
from thidua.tracking.models import Assignment, ProgressSnapshot, Report
from thidua.tracking.periods import period_containing
from thidua.tracking.reasons import render_reason


def submitted(assignment, period, user, value):
    report = services.report_start(assignment=assignment, period=period, user=user)
    services.report_update(report=report, user=user, value=Decimal(value), analysis="Theo số liệu của Sở")
    return services.report_submit(report=report, user=user)


def test_a_report_goes_round_the_cycle_and_moves_progress(cast, housing, q1):
    report = submitted(housing, q1, cast.unit_head, 300)
    assert report.status == Report.Status.SUBMITTED and report.submitted_by == cast.unit_head
    with pytest.raises(services.TrackingError, match="lý do"):
        services.report_return(report=report, user=cast.office, comment="  ")
    report = services.report_return(report=report, user=cast.office, comment="Thiếu biên bản nghiệm thu")
    assert report.status == Report.Status.RETURNED
    services.report_update(report=report, user=cast.unit_head, value=Decimal(375))
    report = services.report_submit(report=report, user=cast.unit_head)
    report = services.report_approve(report=report, user=cast.office)
    assert report.status == Report.Status.APPROVED
    overall = ProgressSnapshot.objects.get(target=housing.target, unit=None)
    assert overall.actual == Decimal(375)
    assert overall.series == [["2026-03-31", 375.0]]
    assert overall.reason["params"]["value"] == "7500" and "7.500" in render_reason(overall.reason)
    reasons = list(report.history.values_list("history_change_reason", flat=True))
    assert "Trả lại: Thiếu biên bản nghiệm thu" in reasons and "Duyệt báo cáo" in reasons


def test_an_approved_report_is_never_edited_a_correction_is_a_new_version(cast, housing, q1):
    first = services.report_approve(report=submitted(housing, q1, cast.unit_head, 300), user=cast.office)
    with pytest.raises(services.TrackingError):
        services.report_update(report=first, user=cast.unit_head, value=Decimal(999))
    with pytest.raises(services.TrackingError, match="đính chính"):
        services.report_start(assignment=housing, period=q1, user=cast.unit_head)
    correction = services.report_correct(report=first, user=cast.unit_head)
    assert (correction.version, correction.previous, correction.value) == (2, first, Decimal(300))
    services.report_update(report=correction, user=cast.unit_head, value=Decimal(320))
    services.report_submit(report=correction, user=cast.unit_head)
    # Until the correction is approved, the approved figure stays in force.
    assert ProgressSnapshot.objects.get(target=housing.target, unit=None).actual == Decimal(300)
    services.report_approve(report=correction, user=cast.office)
    first.refresh_from_db()
    assert first.superseded_at is not None and first.value == Decimal(300)
    assert list(Report.objects.counted().values_list("value", flat=True)) == [Decimal(320)]
    assert ProgressSnapshot.objects.get(target=housing.target, unit=None).actual == Decimal(320)


def test_a_rate_is_computed_from_numerator_and_denominator(cast, q1):
    plan = factories.make_plan(cast.org)
    target = factories.make_target(
        plan, starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2030, 12, 31)
    )
    assignment = Assignment.objects.create(organization=cast.org, target=target, unit=cast.unit)
    report = services.report_start(assignment=assignment, period=q1, user=cast.unit_head)
    report = services.report_update(
        report=report, user=cast.unit_head, numerator=Decimal(995), denominator=Decimal(1000)
    )
    assert report.value == Decimal("99.5")
    with pytest.raises(ValidationError):
        services.report_update(
            report=report, user=cast.unit_head, numerator=Decimal(1001), denominator=Decimal(1000)
        )
    with pytest.raises(ValidationError):
        services.report_update(report=report, user=cast.unit_head, numerator=Decimal(10), denominator=None)


def test_a_report_cannot_be_sent_without_a_figure(cast, housing, q1):
    report = services.report_start(assignment=housing, period=q1, user=cast.unit_head)
    with pytest.raises(ValidationError):
        services.report_submit(report=report, user=cast.unit_head)


def test_whole_target_adds_units_counts_and_keeps_per_unit_shares(cast, housing, q1):
    other = factories.make_unit(cast.org, "Phòng Quản lý nhà")
    second = Assignment.objects.create(
        organization=cast.org, target=housing.target, unit=other, role="coordinate", share=Decimal(2500)
    )
    other_head = factories.make_user(cast.org, "unit_head", unit=other)
    services.report_approve(report=submitted(housing, q1, cast.unit_head, 300), user=cast.office)
    services.report_approve(report=submitted(second, q1, other_head, 200), user=cast.office)
    assert ProgressSnapshot.objects.get(target=housing.target, unit=None).actual == Decimal(500)
    unit_snapshot = ProgressSnapshot.objects.get(target=housing.target, unit=other)
    assert unit_snapshot.actual == Decimal(200) and "2.500" in render_reason(unit_snapshot.reason)


def test_per_unit_targets_reach_every_unit_including_new_ones(cast):
    plan = factories.make_plan(cast.org)
    target = factories.make_target(
        plan,
        text="Mỗi phòng có tối thiểu 01 sáng kiến",
        comparator=">=",
        value=1,
        unit_of_measure="sáng kiến",
        per_unit=True,
    )
    created = services.expand_per_unit_target(target, user=cast.office)
    assert {a.unit for a in created} == {cast.unit, cast.office_unit}
    newcomer = factories.make_unit(cast.org, "Trung tâm Kiểm định chất lượng xây dựng", kind=Unit.Kind.UNIT)
    assert Assignment.objects.filter(target=target, unit=newcomer, is_automatic=True).exists()
    factories.make_unit(cast.org, "Lãnh đạo Sở", kind=Unit.Kind.LEADERSHIP)
    assert target.assignments.count() == 3


def test_the_assignment_matrix_proposes_lead_units_and_syncs(cast, housing):
    plan = housing.target.plan
    other_target = factories.make_target(plan, text="Tỷ lệ hồ sơ đúng hạn", lead_unit=cast.office_unit)
    units = [cast.office_unit, cast.unit]
    proposed = services.proposed_roles(plan, units)
    assert proposed == {
        (housing.target_id, cast.unit.pk): "lead",
        (other_target.pk, cast.office_unit.pk): "lead",
    }
    wanted = {(t, u.pk): "" for t in (housing.target_id, other_target.pk) for u in units} | proposed
    wanted[(other_target.pk, cast.unit.pk)] = "coordinate"
    assert services.assignments_sync(plan=plan, wanted=wanted, user=cast.office) == 2
    assert other_target.assignments.get(unit=cast.unit).role == "coordinate"


def test_an_assignment_with_reports_cannot_be_removed(cast, housing, q1):
    submitted(housing, q1, cast.unit_head, 10)
    with pytest.raises(services.TrackingError, match="đã báo cáo"):
        services.assignments_sync(
            plan=housing.target.plan, wanted={(housing.target_id, cast.unit.pk): ""}, user=cast.office
        )
    assert Assignment.objects.filter(pk=housing.pk).exists()


def test_periods_follow_the_target_kind(cast):
    assert period_containing(datetime.date(2026, 8, 15), "quarterly").label == "Quý III/2026"
    assert period_containing(datetime.date(2026, 8, 15), "monthly").label == "Tháng 8/2026"
    assert period_containing(datetime.date(2026, 8, 15), "quarterly").due_on == datetime.date(2026, 10, 5)


def test_translatable_status_labels_match_the_engines():
    from thidua.tracking.models import STATUS_CHOICES
    from thidua.tracking.progress import STATUS_LABELS

    assert {value: str(label) for value, label in STATUS_CHOICES} == {
        s.value: t for s, t in STATUS_LABELS.items()
    }


def test_a_typed_result_that_contradicts_its_numerator_and_denominator_is_refused(cast, q1):
    from thidua.tracking.forms import ReportForm

    plan = factories.make_plan(cast.org)
    target = factories.make_target(
        plan, starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2030, 12, 31)
    )
    assignment = Assignment.objects.create(organization=cast.org, target=target, unit=cast.unit)
    report = services.report_start(assignment=assignment, period=q1, user=cast.unit_head)
    typed = ReportForm({"value": "100", "numerator": "9", "denominator": "11"}, instance=report, rate=True)
    assert not typed.is_valid()
    assert typed.errors["value"] == [
        "Kết quả 100% không khớp với tử số/mẫu số 9/11 (= 81,82%). "
        "Sửa kết quả, hoặc để trống để tính tự động từ tử số và mẫu số."
    ]
    rounded = ReportForm(
        {"value": "81.82", "numerator": "9", "denominator": "11"}, instance=report, rate=True
    )
    assert rounded.is_valid(), rounded.errors
    empty = ReportForm({"numerator": "9", "denominator": "11"}, instance=report, rate=True)
    assert empty.is_valid() and empty.save().value == Decimal("81.8182")
    # The result shown from the last save is recomputed when only the pair changes.
    report.refresh_from_db()
    stale = ReportForm(
        {"value": "81.8182", "numerator": "10", "denominator": "11"}, instance=report, rate=True
    )
    assert stale.is_valid() and stale.save().value == Decimal("90.9091")


def test_a_coordinating_units_report_alone_does_not_make_the_target_reached(cast, q1):
    plan = factories.make_plan(cast.org)
    target = factories.make_target(
        plan,
        comparator="=",
        value=Decimal(100),
        unit_of_measure="%",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
    )
    lead = Assignment.objects.create(organization=cast.org, target=target, unit=cast.unit)
    helper_unit = factories.make_unit(cast.org, "Phòng Quản lý nhà")
    helping = Assignment.objects.create(
        organization=cast.org, target=target, unit=helper_unit, role="coordinate"
    )
    helper_head = factories.make_user(cast.org, "unit_head", unit=helper_unit)
    services.report_approve(report=submitted(helping, q1, helper_head, 100), user=cast.office)
    overall = ProgressSnapshot.objects.get(target=target, unit=None)
    assert overall.status == "no_data" and overall.actual is None
    assert ProgressSnapshot.objects.get(target=target, unit=helper_unit).actual == Decimal(100)
    services.report_approve(report=submitted(lead, q1, cast.unit_head, 90), user=cast.office)
    assert ProgressSnapshot.objects.get(target=target, unit=None).actual == Decimal(90)
