"""The admin never crosses agencies: every choice, inline and user flag stays inside the staff member's own.

The office user here is the demo's: staff, in the demo's "quản trị danh mục" group, agency A (Thanh Hóa).
"""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.forms import FileField, MultiWidget
from django.test import RequestFactory
from django.urls import reverse

from tests import factories
from thidua.core.admin import (
    SuperuserEditsAdmin,
    SuperuserOnlyAdmin,
    TenantScopedAdmin,
    TenantScopedInline,
    is_tenant_scoped,
)
from thidua.core.models import DayOff
from thidua.demo.loader import _office_admin_group
from thidua.org.models import Membership, User
from thidua.org.roles import Role
from thidua.plans.models import Deadline

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(cast):
    """Agency A's office officer as the demo makes them: staff, in the office's admin group."""
    cast.office.is_staff = True
    cast.office.save()
    cast.office.groups.add(_office_admin_group())
    return User.objects.get(pk=cast.office.pk)


@pytest.fixture
def plan(cast):
    plan = factories.make_plan(cast.org)
    factories.make_deadline(plan, responsible_unit=cast.unit, text="Gửi kế hoạch thực hiện")
    return plan


@pytest.fixture
def their_unit(cast):
    return factories.make_unit(cast.other_org, "Phòng Quản lý xây dựng Lạng Sơn")


def form_data(response) -> dict:
    """What the browser would post back unchanged: the page's form and every inline formset."""
    data, forms = {}, [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data |= {management.add_prefix(name): management[name].value() for name in management.fields}
        forms += formset.forms
    for form in forms:
        for name, field in form.fields.items():
            if field.disabled or isinstance(field, FileField):
                continue
            value = form[name].value()
            key = form.add_prefix(name)
            if isinstance(field.widget, MultiWidget):
                for n, part in enumerate(field.widget.decompress(value)):
                    data[f"{key}_{n}"] = "" if part is None else part
            elif value is None or value is False:
                continue
            elif value is True:
                data[key] = "on"
            else:
                data[key] = value
    return data


def deadline_prefix(response) -> str:
    formset = next(
        i.formset for i in response.context["inline_admin_formsets"] if i.formset.model is Deadline
    )
    return formset.forms[0].add_prefix("responsible_unit")


def test_the_deadline_inline_offers_only_the_agencys_own_units(client, cast, office, plan, their_unit):
    client.force_login(office)
    response = client.get(reverse("admin:plans_plan_change", args=[plan.pk]))
    assert response.status_code == 200
    formset = next(
        i.formset for i in response.context["inline_admin_formsets"] if i.formset.model is Deadline
    )
    offered = set(formset.empty_form.fields["responsible_unit"].queryset)
    assert cast.unit in offered
    assert their_unit not in offered
    assert "Phòng Quản lý xây dựng Lạng Sơn" not in response.content.decode()


def test_a_deadline_cannot_be_given_to_another_agencys_unit(client, cast, office, plan, their_unit):
    client.force_login(office)
    url = reverse("admin:plans_plan_change", args=[plan.pk])
    page = client.get(url)
    data, key = form_data(page), deadline_prefix(page)
    own_unit = factories.make_unit(cast.org, "Phòng Kinh tế")

    # The same form with a unit of the agency saves: what is refused below is the other agency's unit.
    assert client.post(url, data | {key: own_unit.pk}).status_code == 302
    deadline = plan.deadlines.get()
    assert deadline.responsible_unit == own_unit
    assert deadline.history.first().history_change_reason == "Sửa trong trang quản trị"

    before = deadline.history.count()
    response = client.post(url, data | {key: their_unit.pk})
    assert response.status_code == 200
    assert response.context["inline_admin_formsets"]  # the page again, with the error
    deadline.refresh_from_db()
    assert deadline.responsible_unit == own_unit
    assert deadline.history.count() == before


def test_autocomplete_of_a_targets_lead_unit_lists_only_the_agencys_units(client, cast, office, their_unit):
    client.force_login(office)
    url = reverse("admin:autocomplete")
    params = {"app_label": "plans", "model_name": "target", "field_name": "lead_unit", "term": "Phòng"}
    found = {row["text"] for row in client.get(url, params).json()["results"]}
    assert cast.unit.name in found
    assert their_unit.name not in found


@pytest.fixture
def people_admin(office):
    """The office officer, given every permission on people and roles (more than the demo gives)."""
    office.user_permissions.set(
        Permission.objects.filter(
            codename__in=[f"{a}_{m}" for a in ("view", "change", "add") for m in ("user", "membership")]
        )
    )
    return User.objects.get(pk=office.pk)


def test_a_staff_admin_cannot_make_anyone_superuser_or_staff(client, cast, people_admin):
    client.force_login(people_admin)
    url = reverse("admin:org_user_change", args=[cast.staff.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = form_data(page)
    assert client.post(url, data | {"full_name": "Trịnh Thu Trang"}).status_code == 302
    cast.staff.refresh_from_db()
    assert cast.staff.full_name == "Trịnh Thu Trang"  # the form works: only the flags are out of reach

    response = client.post(
        url, data | {"is_superuser": "on", "is_staff": "on", "groups": [Group.objects.get().pk]}
    )
    cast.staff.refresh_from_db()
    assert (cast.staff.is_superuser, cast.staff.is_staff, cast.staff.groups.count()) == (False, False, 0)
    assert response.status_code == 302
    for flag in ("is_superuser", "user_permissions", "groups"):
        assert f'name="{flag}"' not in page.content.decode()


def test_a_staff_admin_sees_only_their_agencys_people_and_grants_roles_there_only(client, cast, people_admin):
    client.force_login(people_admin)
    listing = client.get(reverse("admin:org_user_changelist")).content.decode()
    assert cast.staff.username in listing
    assert cast.other_office.username not in listing
    assert (
        client.get(reverse("admin:org_user_change", args=[cast.other_office.pk])).status_code == 302
    )  # "no such row"

    url = reverse("admin:org_user_change", args=[cast.staff.pk])
    data = form_data(client.get(url))
    extra = data["memberships-TOTAL_FORMS"] - 1  # the empty row the inline offers
    row = {f"memberships-{extra}-organization": cast.other_org.pk, f"memberships-{extra}-role": Role.OFFICE}
    response = client.post(url, data | row)
    assert response.status_code == 200
    assert not Membership.objects.filter(user=cast.staff, organization=cast.other_org).exists()


def test_a_person_a_staff_admin_adds_belongs_to_their_agency(client, cast, people_admin):
    client.force_login(people_admin)
    data = {
        "username": "nguoi-moi",
        "usable_password": "true",
        "password1": "Mk-rat-dai-123",
        "password2": "Mk-rat-dai-123",
    }
    data |= {"memberships-TOTAL_FORMS": 0, "memberships-INITIAL_FORMS": 0}
    assert client.post(reverse("admin:org_user_add"), data).status_code == 302
    person = User.objects.get(username="nguoi-moi")
    assert (person.organization, person.is_staff, person.is_superuser) == (cast.org, False, False)


def test_a_staff_admin_cannot_revert_a_persons_flags_from_history(client, cast, people_admin):
    cast.staff.is_staff = True
    cast.staff.save()
    cast.staff.is_staff = False
    cast.staff.save()
    version = cast.staff.history.order_by("history_id")[1]
    assert version.is_staff
    client.force_login(people_admin)
    url = reverse("admin:org_user_simple_history", args=[cast.staff.pk, version.history_id])
    assert client.post(url, {}).status_code == 403
    cast.staff.refresh_from_db()
    assert not cast.staff.is_staff


@pytest.mark.parametrize(
    "name", ["auth_group", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"]
)
def test_platform_pages_are_superuser_only_whatever_the_permissions(client, cast, office, name):
    app_label = name.split("_", 1)[0]
    office.user_permissions.set(Permission.objects.filter(content_type__app_label=app_label))
    client.force_login(User.objects.get(pk=office.pk))
    assert client.get(reverse(f"admin:{name}_changelist")).status_code == 403
    assert client.get(reverse(f"admin:{name}_add")).status_code == 403


def test_a_model_that_cannot_be_scoped_is_the_superusers_alone(cast, office):
    """TenantScopedAdmin fails closed: a model without `visible_to` is invisible to staff."""
    office.user_permissions.set(Permission.objects.filter(codename__endswith="_dayoff"))
    office = User.objects.get(pk=office.pk)
    model_admin = TenantScopedAdmin(DayOff, admin.AdminSite())
    DayOff.objects.create(date="2026-01-02", name="Nghỉ bù")
    request = RequestFactory().get("/")
    request.user = office
    assert not is_tenant_scoped(DayOff)
    assert not model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert not model_admin.get_queryset(request).exists()
    request.user = factories.make_user(cast.org, Role.OFFICE, is_superuser=True, is_staff=True)
    assert model_admin.has_view_permission(request) and model_admin.get_queryset(request).exists()


def test_every_registered_admin_is_tenant_scoped_or_kept_by_superusers(cast):
    """A new admin that neither scopes its rows nor keeps them to superusers fails here."""
    staff = factories.make_user(cast.org, Role.OFFICE, is_staff=True)
    staff.user_permissions.set(Permission.objects.all())
    request = RequestFactory().get("/")
    request.user = User.objects.get(pk=staff.pk)
    for model, model_admin in admin.site._registry.items():
        name = f"{model._meta.label} ({type(model_admin).__name__})"
        if isinstance(model_admin, TenantScopedAdmin):
            assert is_tenant_scoped(model), f"{name}: its rows cannot be scoped to an organization"
            for inline in model_admin.inlines:
                assert issubclass(inline, TenantScopedInline), f"{name}: inline {inline.__name__} not scoped"
                assert is_tenant_scoped(inline.model), f"{name}: inline {inline.__name__} cannot be scoped"
        elif isinstance(model_admin, SuperuserEditsAdmin):
            writes = (
                model_admin.has_add_permission(request),
                model_admin.has_change_permission(request),
                model_admin.has_delete_permission(request),
            )
            assert writes == (False, False, False), f"{name}: a staff member may write national data"
            assert not model_admin.inlines, f"{name}: inlines of national data"
        else:
            assert isinstance(model_admin, SuperuserOnlyAdmin), (
                f"{name}: neither tenant-scoped nor superuser-only"
            )
            assert not model_admin.has_module_permission(request)
            assert not model_admin.has_view_permission(request)
