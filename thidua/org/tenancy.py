"""A row never points at another agency's row: one check, shared by every model's `clean()`.

A model lists in `same_organization` the relations whose rows must belong to its own organization
(a deadline's responsible unit, a council member's person…); `SameOrganization.clean()` refuses any
other, so the check holds whatever the entry point: forms, the admin, services (which call
`full_clean()` through `save_audited`) and the API.
"""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

NOT_SET = object()


def organization_id_of(obj):
    """The id of the organization `obj` belongs to; None for national or platform rows (no agency),
    NOT_SET when it cannot be told yet (the row it hangs from is not chosen)."""
    if obj is None:
        return NOT_SET
    if any(field.attname == "organization_id" for field in obj._meta.concrete_fields):
        return obj.organization_id
    try:
        organization = obj.organization  # through the row it hangs from (a plan, a council…)
    except (ObjectDoesNotExist, AttributeError):
        return NOT_SET
    return None if organization is None else organization.pk


def ensure_same_organization(obj, *field_names: str, messages=None) -> None:
    """Refuse, naming each field, a relation of `obj` to a row of another organization.

    A related row of no organization (a national rule, a platform account) is shared by all; a
    many-to-many field is checked once `obj` is saved (forms check theirs against their choices).
    """
    own = organization_id_of(obj)
    if own is NOT_SET:
        return
    errors = {}
    for name in field_names:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            related = list(getattr(obj, name).all()) if obj.pk else []
        else:
            if getattr(obj, field.attname) is None:
                continue
            related = [getattr(obj, name)]
        for row in related:
            theirs = organization_id_of(row)
            if theirs not in (NOT_SET, None, own):
                errors[name] = (messages or {}).get(name) or _("%(field)s phải thuộc cùng cơ quan.") % {
                    "field": capfirst(field.verbose_name)
                }
                break
    if errors:
        raise ValidationError(errors)


class SameOrganization:
    """Mixin for a model: the relations named in `same_organization` must point inside its organization.

    `organization_from` names the relation a row without an `organization` field takes it from (a
    deadline from its plan); `same_organization_messages` words a field's refusal where its own
    name would not say it well.
    """

    same_organization: tuple[str, ...] = ()
    organization_from: str = ""
    same_organization_messages: dict = {}

    @property
    def organization(self):
        """The organization of the row this one hangs from (a model's own field or property wins)."""
        return getattr(self, self.organization_from).organization

    def clean(self):
        super().clean()
        ensure_same_organization(self, *self.same_organization, messages=self.same_organization_messages)
