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
    allowed = request.user.can(Capability.MANAGE_DOCUMENTS, subject.organization) and request.user.can(
        spec.read_capability, subject.organization
    )
    return {
        "allowed": allowed,
        "kind": kind,
        "label": spec.label,
        "subject": subject,
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
