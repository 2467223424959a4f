"""The enterprise's own page (its portal): its home when it signs in, in place of the agency's overview."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from thidua.engagement.portal import portal_for


@login_required
@require_safe
def portal(request):
    # Only a person who speaks for an enterprise has one; for the agency's people there is no such page.
    if request.user.enterprise_id is None:
        raise Http404
    return render(request, "engagement/portal.html", {"portal": portal_for(request.user, timezone.localdate())})
