"""Load the demo: agencies, unit trees, people with every role, enterprises, both sample plans, their
reports, initiatives, dialogues, feedback and the enterprises' self-assessments.

Idempotent: every row is looked up by its natural key first, so running it again changes nothing.
"""

from pathlib import Path

from django.contrib.auth.models import Group, Permission
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from thidua.demo import targets
from thidua.demo.agencies import AGENCIES, DEMO_PASSWORD, USERNAME_SUFFIX
from thidua.demo.awards import load_awards
from thidua.demo.awards_council import load_council
from thidua.demo.awards_decisions import load_decisions
from thidua.demo.awards_dossier import load_dossier
from thidua.demo.awards_scoring import load_unit_scoring
from thidua.demo.engagement import load_engagement
from thidua.demo.initiatives import load_initiatives
from thidua.demo.leaves import load_leaves
from thidua.demo.reports import load_activity, load_unit_work
from thidua.demo.tasks import load_tasks
from thidua.demo.unit_reports import load_unit_reports
from thidua.org.models import Enterprise, Membership, Organization, Unit, User
from thidua.org.roles import Role
from thidua.plans.models import Plan, PlanDraft
from thidua.plans.services import plan_draft_create, plan_draft_publish

DATA_DIR = Path(__file__).resolve().parent / "data"


OFFICE_ADMIN_MODELS = {
    "org": ["unit", "enterprise"],
    "plans": ["movement", "plan", "target", "deadline", "phase", "reference", "section", "responsibility"],
}


def _office_admin_group() -> Group:
    """Thi đua officers keep their agency's units, enterprises and plans in the admin screens."""
    group, _ = Group.objects.get_or_create(name="Văn phòng Sở — quản trị danh mục")
    permissions = Permission.objects.filter(
        content_type__app_label__in=OFFICE_ADMIN_MODELS,
        content_type__model__in=[model for models in OFFICE_ADMIN_MODELS.values() for model in models],
    )
    group.permissions.set(permissions)
    return group


@transaction.atomic
def load_demo() -> list[User]:
    """Create what is missing and return the demo users, in the order the README lists them."""
    users = []
    for spec in AGENCIES:
        organization, _ = Organization.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                key: spec[key]
                for key in ("name", "short_name", "province", "parent_authority", "document_symbol")
            },
        )
        units = _load_units(organization, spec["units"])
        enterprises = _load_enterprises(organization, spec["enterprises"])
        people = _load_people(organization, spec, units, enterprises[0])
        people[Role.OFFICE].groups.add(_office_admin_group())
        if not people[Role.OFFICE].is_staff:
            people[Role.OFFICE].is_staff = True
            people[Role.OFFICE].save(update_fields=["is_staff"])
        plan = _load_plan(organization, spec["plan"], office_user=people[Role.OFFICE])
        wired = targets.wire_indicators(plan, user=people[Role.OFFICE]) if plan else []
        load_activity(organization, people, timezone.localdate())
        load_unit_work(organization, people, timezone.localdate())
        load_initiatives(organization, people)
        load_engagement(organization, people)
        load_awards(organization, people, units)
        load_council(organization, people)
        load_tasks(organization, people)
        load_decisions(organization, people)
        load_dossier(organization, people)
        load_leaves(organization)
        load_unit_reports(organization, people, timezone.localdate())
        targets.refresh(wired)  # once what they count is there
        load_unit_scoring(organization, people)
        users += people.values()
    return users


def _load_units(organization, specs) -> dict[str, Unit]:
    units = {}
    for position, (name, short_name, kind, children) in enumerate(specs):
        parent, _ = Unit.objects.get_or_create(
            organization=organization,
            name=name,
            defaults={"short_name": short_name, "kind": kind, "position": position},
        )
        units[name] = parent
        for child_position, child in enumerate(children):
            units[child], _ = Unit.objects.get_or_create(
                organization=organization,
                name=f"{child} – {short_name}",
                defaults={"kind": Unit.Kind.OTHER, "parent": parent, "position": child_position},
            )
    return units


def _load_enterprises(organization, specs) -> list[Enterprise]:
    return [
        Enterprise.objects.get_or_create(
            organization=organization,
            tax_code=tax_code,
            defaults={"name": name, "sector": sector, "ownership": ownership, "size": size},
        )[0]
        for name, tax_code, sector, ownership, size in specs
    ]


def _load_people(organization, spec, units, enterprise) -> dict[str, User]:
    users = {}
    for role, (full_name, position, unit_name) in spec["people"].items():
        username = f"{spec['username_prefix']}.{USERNAME_SUFFIX[role]}"
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "full_name": full_name,
                "position": position,
                "organization": None if role == Role.OBSERVER else organization,
                "unit": units.get(unit_name),
                "enterprise": enterprise if role == Role.ENTERPRISE else None,
                "email": f"{username}@example.gov.vn",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        Membership.objects.get_or_create(user=user, organization=organization, role=role)
        users[role] = user
    return users


def _load_plan(organization, filename: str, office_user: User) -> Plan | None:
    """Import the sample the way an officer does: read the document into a draft, then publish it."""
    if not PlanDraft.objects.filter(organization=organization, source_name=filename).exists():
        with (DATA_DIR / filename).open("rb") as handle:
            draft = plan_draft_create(
                organization=organization, user=office_user, upload=File(handle, name=filename)
            )
        plan_draft_publish(draft=draft, user=office_user)
    return organization.plans.filter(status=Plan.Status.PUBLISHED).first()
