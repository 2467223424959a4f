from django.conf import settings

from thidua.org.roles import Capability, Role


def navigation(request):
    """The signed-in person's roles, for the header, and what the menu offers them (by capability)."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    roles = user.all_roles

    def anywhere(capability: str) -> bool:
        return user.is_superuser or bool(user.organizations_where(capability))

    flags = {
        "nav_dashboards": anywhere(Capability.VIEW_DASHBOARDS),
        "nav_enterprises": anywhere(Capability.VIEW_ENTERPRISES),
        "nav_can_review": bool(user.organizations_where(Capability.REVIEW_REPORTS)),
        "nav_is_observer": anywhere(Capability.OVERSEE_AGENCIES),
        "nav_documents": anywhere(Capability.VIEW_DOCUMENTS),
        "nav_integrations": anywhere(Capability.MANAGE_INTEGRATIONS),
        "nav_people": anywhere(Capability.MANAGE_ORGANIZATION),
        "nav_enterprise_portal": user.represents_enterprise_only,
    }
    # The menu (_nav_menu.html) shows nothing but these, the person's unit and the page they are on:
    # its cache key (with the language and the rewards page, in base.html). Menus are few, each
    # rendered once; PAGE_CACHE_SECONDS=0 renders it every time.
    match = getattr(request, "resolver_match", None)
    page = (match.app_name, match.url_name) if match else ("", "")
    shown = (*flags.values(), user.is_superuser, user.unit_id, *page)
    return {
        **flags,
        "my_role_labels": [label for value, label in Role.choices if value in roles],
        "nav_key": "-".join(str(part) for part in shown),
        "nav_cache_seconds": settings.PAGE_CACHE_SECONDS,
    }
