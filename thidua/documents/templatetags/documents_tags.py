"""`{% generate_document "quyet-dinh-khen-thuong" decision %}`: the button that makes a draft of a kind
from the page of its subject, for those who may write documents (the office), nothing for the others."""

from django import template

from thidua.documents.registry import KINDS
from thidua.org.roles import Capability

register = template.Library()


@register.inclusion_tag("documents/_generate.html", takes_context=True)
def generate_document(context, kind: str, subject):
    request = context["request"]
    spec = KINDS[kind]
    # The id where the row has one: a list of nominations asks no query per row.
    organization = getattr(subject, "organization_id", None) or subject.organization
    user = request.user
    allowed = user.can(Capability.MANAGE_DOCUMENTS, organization) and user.can(
        spec.read_capability, organization
    )
    return {
        "allowed": allowed,
        "kind": kind,
        "label": spec.label,
        "subject": subject,
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
