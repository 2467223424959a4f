from django.core.management import call_command

from thidua.org.models import Enterprise, Organization, Unit, User
from thidua.org.roles import Role
from thidua.plans.models import Deadline, Phase, Plan, PlanDraft, Reference, Target
from thidua.tracking.models import Report


def counts():
    return [
        m.objects.count()
        for m in (Organization, Unit, User, Enterprise, Plan, Target, Deadline, Phase, Reference)
    ]


def test_the_demo_loads_both_agencies_with_every_role_and_both_plans(db, settings, capsys):
    settings.DEBUG = True
    call_command("demo")
    output = capsys.readouterr().out
    assert "thidua-demo" in output and "thanhhoa.vanphong" in output and "langson.theodoi" in output
    assert Organization.objects.count() == 2
    for organization in Organization.objects.all():
        roles = set(organization.memberships.values_list("role", flat=True))
        assert roles == set(Role.values)
        assert organization.units.filter(name="Văn phòng Sở").exists()
        assert organization.units.exclude(parent=None).exists()  # a real tree
        plan = organization.plans.get()
        assert plan.status == Plan.Status.PUBLISHED
        assert plan.targets.count() >= 5 and plan.deadlines.count() >= 2
    lang_son = Plan.objects.get(province="Lạng Sơn")
    assert [(p.starts_on.isoformat(), p.ends_on.isoformat()) for p in lang_son.phases.all()] == [
        ("2026-01-01", "2028-06-30"),
        ("2028-07-01", "2030-12-31"),
    ]
    assert Enterprise.objects.filter(organization__province="Lạng Sơn").count() >= 3
    thanh_hoa = Plan.objects.get(province="Thanh Hóa")
    assert thanh_hoa.targets.filter(value=7500, unit_of_measure="căn hộ", period_kind="cumulative").exists()
    assert thanh_hoa.references.filter(number="257/2025/QH15").exists()
    assert User.objects.get(username="thanhhoa.vanphong").check_password("thidua-demo")


def test_the_demo_can_run_twice_without_duplicating(db, settings):
    settings.DEBUG = True
    call_command("demo")
    before = counts()
    call_command("demo")
    assert counts() == before
    assert PlanDraft.objects.count() == 2


def test_the_sample_plans_deadlines_appear_in_the_calendar_with_their_status(db, settings):
    import datetime

    from thidua.notifications.calendar import State, obligations

    settings.DEBUG = True
    call_command("demo")
    thanh_hoa = Organization.objects.get(province="Thanh Hóa")
    found = obligations([thanh_hoa], datetime.date(2026, 1, 1), datetime.date(2031, 1, 31))
    on = datetime.date(2026, 11, 22)
    unit_plans = [o for o in found if o.kind == "unit_plan"]
    assert len(unit_plans) == thanh_hoa.units.carrying_out().count()
    assert {(o.due_on, o.comply_by, o.state(on)) for o in unit_plans} == {
        (datetime.date(2026, 8, 30), datetime.date(2026, 8, 29), State.OVERDUE)
    }
    agency = {o.kind: o for o in found if o.unit_id is None}
    assert (
        agency["interim"].due_on == datetime.date(2028, 9, 10)
        and agency["interim"].state(on) == State.UPCOMING
    )
    assert agency["final"].due_on == datetime.date(2030, 10, 10)
    reports = [o for o in found if o.kind == "report"]
    assert reports and all(o.due_on.day == 5 for o in reports)  # five days after each quarter
    sent = [o for o in reports if o.done_on]
    assert len(sent) == Report.objects.filter(organization=thanh_hoa).count()
