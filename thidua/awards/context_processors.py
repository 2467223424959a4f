"""What the menu offers of the rewards pages: the first page a person may open there, and the council's
ballot for a member who has no other rewards page (a civil servant sitting on the council)."""

from django.urls import reverse

from thidua.awards.models import AwardCouncilMember
from thidua.core import personcache
from thidua.org.roles import Capability


def navigation(request):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}

    def anywhere(capability: str) -> bool:
        return user.is_superuser or bool(user.organizations_where(capability))

    can = {
        "manage": anywhere(Capability.MANAGE_AWARDS),
        "register": anywhere(Capability.REGISTER_AWARDS),
        "view": anywhere(Capability.VIEW_AWARDS),
    }
    if can["manage"] or can["register"]:
        home = reverse("awards:registrations")
    elif can["view"]:  # the leaders: decisions, proposals, the book, the council they chair
        home = reverse("awards:decisions")
    else:
        home = ""

    def sits_on_council() -> bool:
        return AwardCouncilMember.objects.filter(user=user).exists()

    # Asked only when no other rewards page is offered (a civil servant on the council); kept until
    # their seats change (core.personcache), so the menu's cache key can carry it.
    council = False if home else personcache.cached(user.pk, personcache.ACCOUNT, sits_on_council, "council")
    return {"awards_home": home, "awards_can": can, "awards_council_member": council}
