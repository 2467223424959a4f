"""The enterprise's own page (its portal): its home when it signs in, in place of the agency's overview;
and what it does from there that no other page offers (signing up for a dialogue to come)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from thidua.core.actions import run_action
from thidua.engagement import services
from thidua.engagement.models import Dialogue, acts_for_enterprise
from thidua.engagement.portal import portal_for
from thidua.org.roles import Capability


@login_required
@require_safe
def portal(request):
    # Only a person who speaks for an enterprise has one; for the agency's people there is no such page.
    if request.user.enterprise_id is None:
        raise Http404
    context = {"portal": portal_for(request.user, timezone.localdate())}
    return render(request, "engagement/portal.html", context)


@login_required
@require_POST
def dialogue_register(request, pk: int):
    user = request.user
    dialogue = get_object_or_404(Dialogue.objects.filter(organization__in=user.organization_ids), pk=pk)
    return run_action(
        request,
        lambda: services.dialogue_register(
            dialogue=dialogue, enterprise=user.enterprise, user=user, today=timezone.localdate()
        ),
        allowed=acts_for_enterprise(
            user, user.enterprise_id, Capability.REGISTER_DIALOGUES, dialogue.organization_id
        ),
        errors=(services.EngagementError,),
        success=_("Đã đăng ký tham dự đối thoại."),
        to="engagement:portal",
        then=lambda registered: registered,  # now among those who attend, it may open the dialogue
    )
