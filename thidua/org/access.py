"""One access check at the top of every view: find the row the user may see, or 404; may change, or 403."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from thidua.core.query import int_param
from thidua.org.models import Organization


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


def organization_for(request):
    """The agency a page is about: the one picked with ?co-quan=, else the person's own, else the
    first one they may see (an observer); 404 when they may see none."""
    organizations = Organization.objects.visible_to(request.user)
    chosen = int_param(request, "co-quan")
    if chosen is not None:
        return get_object_or_404(organizations, pk=chosen)
    own = request.user.organization
    if own is not None and organizations.filter(pk=own.pk).exists():
        return own
    first = organizations.first()
    if first is None:
        raise Http404
    return first
