import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from tests import factories
from thidua.org.models import Organization, Unit
from thidua.org.roles import Capability, Role
from thidua.org.validators import validate_tax_code


def test_it_accepts_tax_codes_of_companies_and_branches():
    validate_tax_code("4900234567")
    validate_tax_code("4900234567-001")


@pytest.mark.parametrize(
    "bad", ["", "490023456", "49002345678", "4900234567-01", "49OO234567", "4900234567 001"]
)
def test_it_rejects_malformed_tax_codes_in_vietnamese(bad):
    with pytest.raises(ValidationError, match="Mã số thuế"):
        validate_tax_code(bad)


def test_unit_parent_must_belong_to_the_same_organization(cast):
    stray = Unit(organization=cast.other_org, name="Phòng lạc", parent=cast.unit)
    with pytest.raises(ValidationError) as error:
        stray.full_clean()
    assert "parent" in error.value.message_dict


def test_unit_names_are_unique_within_an_organization_only(cast):
    factories.make_unit(cast.other_org, "Phòng Phát triển đô thị")  # same name, other agency: fine
    with pytest.raises(IntegrityError):
        factories.make_unit(cast.org, "Phòng Phát triển đô thị")


def test_unit_tree_reports_descendants(cast):
    child = factories.make_unit(cast.org, "Tổ Quy hoạch", parent=cast.unit)
    grandchild = factories.make_unit(cast.org, "Nhóm Bản đồ", parent=child)
    assert list(cast.unit.descendants()) == [child, grandchild]
    assert Unit.objects.get(pk=grandchild.pk).tree_depth == 2


def test_a_unit_cannot_become_its_own_descendant(cast):
    child = factories.make_unit(cast.org, "Tổ Quy hoạch", parent=cast.unit)
    cast.unit.parent = child
    with pytest.raises(ValidationError):
        cast.unit.full_clean()


def test_user_unit_must_belong_to_the_users_organization(cast):
    cast.staff.unit = factories.make_unit(cast.other_org)
    with pytest.raises(ValidationError) as error:
        cast.staff.full_clean()
    assert "unit" in error.value.message_dict


def test_capabilities_follow_roles_per_organization(cast):
    assert cast.office.can(Capability.PUBLISH_PLANS, cast.org)
    assert not cast.office.can(Capability.PUBLISH_PLANS, cast.other_org)
    assert cast.leader.can(Capability.PUBLISH_PLANS, cast.org)
    assert not cast.leader.can(Capability.IMPORT_PLANS, cast.org)
    for person in (cast.unit_head, cast.staff, cast.enterprise_user, cast.observer):
        assert not person.can(Capability.PUBLISH_PLANS, cast.org)


def test_observers_see_the_organizations_they_oversee(cast):
    assert cast.observer.organization is None
    assert list(Organization.objects.visible_to(cast.observer)) == [cast.org]
    assert Role.OBSERVER in cast.observer.roles_in(cast.org)


def test_every_change_is_recorded_with_before_and_after(cast):
    cast.unit.name = "Phòng Quản lý phát triển đô thị"
    cast.unit._change_reason = "Đổi tên theo quyết định sắp xếp"
    cast.unit.save()
    newest, previous = cast.unit.history.all()[:2]
    delta = newest.diff_against(previous)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [
        ("name", "Phòng Phát triển đô thị", "Phòng Quản lý phát triển đô thị")
    ]
    assert newest.history_change_reason == "Đổi tên theo quyết định sắp xếp"
