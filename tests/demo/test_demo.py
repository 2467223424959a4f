from django.core.management import call_command

from thidua.org.models import Enterprise, Organization, Unit, User
from thidua.org.roles import Role
from thidua.plans.models import Deadline, Phase, Plan, PlanDraft, Reference, Target


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
