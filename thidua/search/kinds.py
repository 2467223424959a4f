"""What the search box finds, kind by kind: the rows a person may see (each model's own `visible_to`,
the same scoping as the pages the results link to), the columns searched, and where a result leads."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from thidua.core.search import matching
from thidua.engagement.models import Feedback, visible_enterprises
from thidua.initiatives.models import Initiative
from thidua.org.models import Unit, User
from thidua.org.roles import Capability
from thidua.plans.models import Plan, Target


@dataclass(frozen=True)
class Kind:
    """One kind of result: `rows(user)` are those the person may open, `fields` are searched, `url(row)`
    is where a result leads and `detail(row)` the grey line under its title."""

    key: str
    label: str | Promise
    rows: Callable[[Any], QuerySet]
    fields: list[str]
    url: Callable[[Any], str]
    detail: Callable[[Any], str] = lambda row: ""
    title: Callable[[Any], str] = str

    def result(self, row) -> tuple[str, str, str]:
        """(title, link, detail) of one row."""
        return self.title(row), self.url(row), self.detail(row)

    def search(self, user, query: str) -> QuerySet:
        return matching(self.rows(user), self.fields, query)


def _people(user) -> QuerySet:
    """Accounts of the agencies whose people the person manages (the office), as on its people page."""
    organizations = user.organizations_where(Capability.MANAGE_ORGANIZATION)
    return (
        User.objects.filter(organization__in=organizations, is_superuser=False, is_active=True)
        .exclude(pk=user.pk)
        .select_related("unit")
        .order_by("full_name", "username")
    )


def _person_url(person) -> str:
    return reverse("org:people") + "?" + urlencode({"q": person.username, "co-quan": person.organization_id})


KINDS = (
    Kind(
        "ke-hoach",
        _("Kế hoạch"),
        lambda user: Plan.objects.visible_to(user).order_by("-issued_on", "-pk"),
        ["number", "title"],
        lambda plan: plan.get_absolute_url(),
        lambda plan: f"{plan} · {plan.get_status_display()}",
        lambda plan: plan.title,
    ),
    Kind(
        "chi-tieu",
        _("Chỉ tiêu"),
        lambda user: (
            Target.objects.visible_to(user).select_related("plan").order_by("plan", "position", "pk")
        ),
        ["text"],
        lambda target: reverse("tracking:target", kwargs={"pk": target.pk}),
        lambda target: str(target.plan),
        lambda target: target.text,
    ),
    Kind(
        "don-vi",
        _("Phòng, đơn vị"),
        lambda user: (
            Unit.objects.visible_to(user).without_tree_fields().filter(is_active=True).order_by("name")
        ),
        ["name", "short_name"],
        lambda unit: reverse("tracking:unit", kwargs={"pk": unit.pk}),
        lambda unit: unit.get_kind_display(),
        lambda unit: unit.name,
    ),
    Kind(
        "sang-kien",
        _("Sáng kiến"),
        lambda user: Initiative.objects.visible_to(user).select_related("unit").order_by("-pk"),
        ["title", "field"],
        lambda initiative: initiative.get_absolute_url(),
        lambda initiative: f"{initiative.unit} · {initiative.get_status_display()}",
        lambda initiative: initiative.title,
    ),
    Kind(
        "phan-anh",
        _("Phản ánh, kiến nghị"),
        lambda user: Feedback.objects.visible_to(user).select_related("enterprise").order_by("-pk"),
        ["subject", "content"],
        lambda feedback: feedback.get_absolute_url(),
        lambda feedback: f"{feedback.enterprise or ''} · {feedback.get_state_display()}".strip(" ·"),
        lambda feedback: feedback.subject,
    ),
    Kind(
        "doanh-nghiep",
        _("Doanh nghiệp"),
        lambda user: visible_enterprises(user).order_by("name"),
        ["name", "tax_code"],
        lambda enterprise: reverse("engagement:enterprises") + f"?co-quan={enterprise.organization_id}",
        lambda enterprise: enterprise.tax_code,
        lambda enterprise: enterprise.name,
    ),
    Kind(
        "nguoi-dung",
        _("Người dùng"),
        _people,
        ["full_name", "username"],
        _person_url,
        lambda person: " · ".join(str(part) for part in (person.username, person.unit or "") if part),
        lambda person: person.full_name or person.username,
    ),
)
BY_KEY = {kind.key: kind for kind in KINDS}
