"""One access check at the top of every view: find the row the user may see, or 404; may change, or 403."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404


def get_for_user(queryset, user, **lookup):
    """The row if `user` may see it; 404 otherwise, so other tenants' rows do not even exist."""
    return get_object_or_404(queryset.visible_to(user), **lookup)


def get_rw_for_user(queryset, user, capability: str, **lookup):
    """The row if `user` may see it and do `capability` to it in its organization."""
    obj = get_for_user(queryset, user, **lookup)
    require(user, capability, obj.organization)
    return obj


def require(user, capability: str, organization) -> None:
    if not user.can(capability, organization):
        raise PermissionDenied
