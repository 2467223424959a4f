"""The office's page of API tokens: who may read the agency's data from another system, and revoke."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.api import services
from thidua.api.forms import TokenForm
from thidua.api.models import ApiToken
from thidua.core.actions import run_action
from thidua.org.access import get_rw_for_user, organization_for, require
from thidua.org.roles import Capability


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    """The agency's tokens and the form for a new one; a new token's secret is shown on this answer only."""
    organization = organization_for(request)
    require(request.user, Capability.MANAGE_INTEGRATIONS, organization)
    form = TokenForm(request.POST or None, organization=organization)
    created = secret = None
    if request.method == "POST" and form.is_valid():
        created, secret = services.token_create(
            organization=organization, user=request.user, **form.cleaned_data
        )
        form = TokenForm(organization=organization)
    rows = ApiToken.objects.of(organization).select_related("unit", "created_by")
    context = {
        "organization": organization,
        "form": form,
        "tokens": rows,
        "created": created,
        "secret": secret,
    }
    response = render(request, "api/tokens.html", context)
    if secret:
        response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = get_rw_for_user(ApiToken.objects.all(), request.user, Capability.MANAGE_INTEGRATIONS, pk=pk)
    return run_action(
        request,
        lambda: services.token_revoke(token=token, user=request.user),
        errors=(services.TokenError,),
        success=_("Đã thu hồi mã truy cập; hệ thống dùng mã này không truy cập được nữa."),
        to=f"{reverse('integrations:tokens')}?co-quan={token.organization_id}",
    )
