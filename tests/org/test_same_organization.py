"""No row points at another agency's row, whatever the entry point: the models' clean() refuses it."""

import datetime

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from tests import factories
from tests.engagement.factories import make_rule
from thidua.engagement.models import Assessment, CriterionSet, Dialogue, Feedback
from thidua.engagement.services import dialogue_schedule
from thidua.initiatives.models import Council, CouncilMember, Initiative
from thidua.org.models import Membership, Organization, User
from thidua.org.roles import Role
from thidua.org.tenancy import SameOrganization
from thidua.plans.models import Deadline, Responsibility
from thidua.tracking.models import Assignment, UnitPlan

pytestmark = pytest.mark.django_db


def refused(obj, field: str) -> str:
    with pytest.raises(ValidationError) as caught:
        obj.full_clean()
    assert field in caught.value.message_dict, caught.value.message_dict
    return caught.value.message_dict[field][0]


@pytest.fixture
def theirs(cast):
    """Agency B's rows, which agency A's must never point at."""

    class Theirs:
        unit = factories.make_unit(cast.other_org, "Phòng Kế hoạch - Tài chính")
        enterprise = factories.make_enterprise(cast.other_org)
        plan = factories.make_plan(cast.other_org)
        person = cast.other_office

    Theirs.target = factories.make_target(Theirs.plan)
    return Theirs


@pytest.fixture
def plan(cast):
    return factories.make_plan(cast.org)


def test_a_deadline_of_one_agency_cannot_fall_to_another_agencys_unit(cast, plan, theirs):
    deadline = Deadline(
        plan=plan, due_on=datetime.date(2026, 9, 1), text="Gửi báo cáo", responsible_unit=theirs.unit
    )
    assert refused(deadline, "responsible_unit") == "Đơn vị chịu trách nhiệm phải thuộc cùng cơ quan."
    deadline.responsible_unit = cast.unit
    deadline.full_clean()


def test_a_responsibility_names_a_unit_of_its_own_agency(cast, plan, theirs):
    responsibility = Responsibility(plan=plan, unit_name="Phòng Kế hoạch", unit=theirs.unit)
    assert "cùng cơ quan" in refused(responsibility, "unit")
    responsibility.unit = cast.unit
    responsibility.full_clean()


def test_a_target_is_led_by_a_unit_of_its_own_agency(cast, plan, theirs):
    target = factories.make_target(plan)
    target.lead_unit = theirs.unit
    assert refused(target, "lead_unit") == "Đơn vị chủ trì phải thuộc cơ quan ban hành kế hoạch."


def test_a_target_is_given_to_units_of_its_own_agency(cast, plan, theirs):
    target = factories.make_target(plan)
    assignment = Assignment(organization=cast.org, target=target, unit=theirs.unit)
    refused(assignment, "unit")
    refused(Assignment(organization=cast.org, target=theirs.target, unit=cast.unit), "target")


def test_a_unit_plan_is_a_unit_of_the_plans_agency(cast, plan, theirs):
    unit_plan = UnitPlan(
        organization=cast.org,
        plan=plan,
        unit=theirs.unit,
        file="unit-plans/x.docx",
        original_name="x.docx",
        submitted_by=cast.unit_head,
        submitted_at=datetime.datetime(2026, 8, 1, tzinfo=datetime.UTC),
    )
    refused(unit_plan, "unit")


def test_a_council_member_is_a_person_of_the_councils_agency(cast, theirs):
    council = Council.objects.create(organization=cast.org, year=2026, name="Hội đồng sáng kiến")
    assert refused(CouncilMember(council=council, user=theirs.person), "user") == (
        "Thành viên hội đồng phải thuộc cơ quan."
    )


def test_a_membership_is_in_the_persons_own_agency_an_observer_may_hold_several(cast, theirs):
    assert "cơ quan khác" in refused(
        Membership(user=cast.staff, organization=cast.other_org, role=Role.OFFICE), "user"
    )
    Membership(user=cast.observer, organization=cast.other_org, role=Role.OBSERVER).full_clean()


def test_a_person_works_in_a_unit_and_an_enterprise_of_their_own_agency(cast, theirs):
    person = User(username="nguoi-moi", organization=cast.org, unit=theirs.unit, password="x")
    assert refused(person, "unit") == "Đơn vị phải thuộc cơ quan công tác của người dùng."


def test_an_initiative_comes_from_a_unit_of_its_agency(cast, theirs):
    initiative = Initiative(
        organization=cast.org,
        unit=theirs.unit,
        title="Sáng kiến",
        field="Cải cách hành chính",
        changes="Mới",
        first_applied_on=datetime.date(2026, 1, 1),
        effect="Tốt",
        created_by=cast.staff,
    )
    refused(initiative, "unit")


def test_feedback_and_assessments_stay_with_the_agencys_enterprises_and_units(cast, theirs):
    feedback = Feedback(
        organization=cast.org,
        enterprise=theirs.enterprise,
        subject="Vướng mắc",
        content="Nội dung",
        received_on=datetime.date(2026, 4, 1),
    )
    refused(feedback, "enterprise")
    feedback.enterprise, feedback.unit = cast.enterprise, theirs.unit
    refused(feedback, "unit")

    criteria = CriterionSet.objects.create(organization=cast.org, year=2026, name="Bộ tiêu chí 2026")
    refused(
        Assessment(organization=cast.org, enterprise=theirs.enterprise, criterion_set=criteria), "enterprise"
    )
    their_criteria = CriterionSet.objects.create(
        organization=cast.other_org, year=2026, name="Bộ tiêu chí LS"
    )
    refused(
        Assessment(organization=cast.org, enterprise=cast.enterprise, criterion_set=their_criteria),
        "criterion_set",
    )


def test_a_dialogue_service_refuses_another_agencys_enterprise(cast, theirs):
    with pytest.raises(ValidationError):
        dialogue_schedule(
            organization=cast.org,
            title="Đối thoại doanh nghiệp",
            scheduled_on=datetime.date(2026, 5, 1),
            user=cast.office,
            enterprises=[theirs.enterprise],
        )
    assert not Dialogue.objects.exists()


def test_a_row_of_no_agency_is_shared_by_all(cast):
    """National rows (a rule with no organization) may be used by any agency's rows."""
    feedback = Feedback(
        organization=cast.org,
        subject="Vướng mắc",
        content="Nội dung",
        received_on=datetime.date(2026, 4, 1),
        rule=make_rule(None),
        answer_due_on=datetime.date(2026, 4, 20),
    )
    feedback.full_clean()  # nothing refused


def carries_organization(model) -> bool:
    return (
        model is Organization
        or any(f.name == "organization" for f in model._meta.fields)
        or (issubclass(model, SameOrganization) and bool(model.organization_from))
    )


def test_every_relation_between_rows_of_agencies_is_checked():
    """A model of the project that points at another agency-owned model declares the relation in
    `same_organization` (or takes its own organization from it); people (actors, recipients) are
    exempt: observers and platform administrators act across agencies."""
    missing = []
    for model in apps.get_models():
        if not model.__module__.startswith("thidua.") or model.__name__.startswith("Historical"):
            continue
        if not carries_organization(model) or model is Organization:
            continue
        declared = set(getattr(model, "same_organization", ())) | {getattr(model, "organization_from", "")}
        for field in model._meta.get_fields():
            if not (field.is_relation and field.concrete) or field.name == "organization":
                continue
            related = field.related_model
            if related is User or related is Organization or not carries_organization(related):
                continue
            if field.name not in declared:
                missing.append(f"{model._meta.label}.{field.name}")
    assert missing == []
