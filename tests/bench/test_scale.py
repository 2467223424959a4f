import datetime
import io

import pytest

from bench.scale import generate_province
from thidua.org.models import Membership, Organization, Unit, User
from thidua.org.roles import Role
from thidua.plans.models import Plan, Target
from thidua.tracking import standing
from thidua.tracking.models import Assignment, ProgressSnapshot, Report

TODAY = datetime.date(2026, 7, 20)
TINY = {"organizations": 2, "units": 3, "targets": 4, "months": 6, "today": TODAY}
SNAPSHOT_FIELDS = ["status", "actual", "expected", "projected", "reason", "as_of", "series", "computed_on"]


def tiny(**overrides):
    output = io.StringIO()
    counts = generate_province(**(TINY | overrides), stdout=output)
    return counts, output.getvalue()


def table_counts():
    return [
        m.objects.count() for m in (Organization, Unit, User, Membership, Plan, Target, Assignment, Report)
    ] + [ProgressSnapshot.objects.count()]


@pytest.mark.django_db
def test_a_tiny_province_has_every_report_approved_and_every_snapshot():
    counts, output = tiny()
    assert counts | {"seconds": 0} == {
        "organizations": 2,
        "units": 6,
        "targets": 8,
        "assignments": 24,
        "reports": 144,
        "snapshots": 32,
        "users": 3,
        "created": True,
        "seconds": 0,
    }
    assert "Báo cáo: 144/144 (100%)" in output

    organizations = Organization.objects.filter(slug__startswith="scale-")
    assert organizations.count() == 2 and set(organizations.values_list("province", flat=True)) == {
        "Tỉnh Mẫu"
    }
    for organization in organizations:
        assert organization.units.filter(name="Văn phòng Sở", kind=Unit.Kind.OFFICE).exists()
        plan = organization.plans.get()
        assert (plan.status, plan.reporting_rhythm) == (Plan.Status.PUBLISHED, Plan.Rhythm.MONTHLY)
        assert (plan.starts_on, plan.ends_on) == (datetime.date(2026, 1, 1), datetime.date(2030, 12, 31))
        kinds = set(plan.targets.values_list("period_kind", flat=True))
        assert kinds == {"cumulative", "plan", "annual", "by_date"}

    reports = Report.objects.filter(organization__in=organizations)
    assert reports.count() == 144
    assert reports.counted().count() == 144
    assert set(reports.values_list("status", "version")) == {(Report.Status.APPROVED, 1)}
    assert set(reports.values_list("period_label", flat=True)) == {f"Tháng {m}/2026" for m in range(1, 7)}
    june = reports.filter(period_start=datetime.date(2026, 6, 1)).first()
    assert (june.period_end, june.period_label) == (datetime.date(2026, 6, 30), "Tháng 6/2026")
    rates = reports.filter(assignment__target__period_kind="plan")
    assert rates.exists() and not rates.filter(denominator=None).exists()
    assert all(r.numerator <= r.denominator and r.value is not None for r in rates)

    for target in Target.objects.filter(plan__organization__in=organizations):
        assert ProgressSnapshot.objects.filter(target=target, unit=None).count() == 1
    for assignment in Assignment.objects.filter(organization__in=organizations):
        assert ProgressSnapshot.objects.filter(target=assignment.target, unit=assignment.unit).count() == 1
    statuses = set(ProgressSnapshot.objects.values_list("status", flat=True))
    assert len(statuses) >= 2  # not all on track

    observer = User.objects.get(username="scale.theodoi")
    assert observer.check_password("thidua-demo")
    assert set(observer.memberships.values_list("organization__slug", "role")) == {
        ("scale-001", Role.OBSERVER),
        ("scale-002", Role.OBSERVER),
    }
    office = User.objects.get(username="scale-001.vanphong")
    assert Role.OFFICE in office.roles_in(office.organization) and office.unit.name == "Văn phòng Sở"


@pytest.mark.django_db
def test_running_it_twice_does_not_duplicate_and_another_size_replaces_the_set():
    tiny()
    before = table_counts()
    counts, output = tiny()
    assert counts["created"] is False and "không tạo lại" in output
    assert table_counts() == before

    counts, _ = tiny(months=3, organizations=1)
    assert counts["created"] is True and (counts["organizations"], counts["reports"]) == (1, 36)
    assert Organization.objects.filter(slug__startswith="scale-").count() == 1
    assert Report.objects.count() == 36 and ProgressSnapshot.objects.count() == 16
    assert User.objects.filter(username__startswith="scale").count() == 2


@pytest.mark.django_db
def test_factor_and_prefix_build_a_separate_smaller_set():
    tiny(organizations=100, factor=0.01, prefix="scale1x", province="Tỉnh Nhỏ")
    tiny()
    assert Organization.objects.filter(slug__startswith="scale1x-").count() == 1
    assert Organization.objects.filter(slug__startswith="scale-").count() == 2
    assert User.objects.filter(username="scale1x.theodoi").exists()


@pytest.mark.django_db
def test_the_bulk_snapshots_are_exactly_what_refresh_target_computes():
    tiny(organizations=1, targets=10, months=12)  # every kind of target the generator makes
    bulk = {
        (s.target_id, s.unit_id): [getattr(s, name) for name in SNAPSHOT_FIELDS]
        for s in ProgressSnapshot.objects.all()
    }
    for target in Target.objects.all():
        standing.refresh_target(target, TODAY)
    refreshed = {
        (s.target_id, s.unit_id): [getattr(s, name) for name in SNAPSHOT_FIELDS]
        for s in ProgressSnapshot.objects.all()
    }
    assert len(bulk) == 10 * 4
    assert refreshed == bulk


@pytest.mark.django_db
def test_making_the_set_anew_removes_the_other_people_of_its_agencies_too():
    """bench/load.py adds unit heads to the agencies; a set made anew must not stop on them."""
    tiny()
    agency = Organization.objects.filter(slug__startswith="scale-").first()
    head = User.objects.create(username="load.scale-001.1", organization=agency, unit=agency.units.first())
    Membership.objects.create(user=head, organization=agency, role=Role.UNIT_HEAD)
    counts, _ = tiny(months=3, organizations=1)
    assert counts["created"] is True
    assert not User.objects.filter(username="load.scale-001.1").exists()
    assert Organization.objects.filter(slug__startswith="scale-").count() == 1
