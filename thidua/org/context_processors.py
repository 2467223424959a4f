from thidua.org.roles import Capability, Role


def navigation(request):
    """The signed-in person's roles, for the header, and what the menu offers them (by capability)."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    roles = user.all_roles

    def anywhere(capability: str) -> bool:
        return user.is_superuser or bool(user.organizations_where(capability))

    return {
        "my_role_labels": [label for value, label in Role.choices if value in roles],
        "nav_dashboards": anywhere(Capability.VIEW_DASHBOARDS),
        "nav_enterprises": anywhere(Capability.VIEW_ENTERPRISES),
        "nav_can_review": bool(user.organizations_where(Capability.REVIEW_REPORTS)),
        "nav_is_observer": anywhere(Capability.OVERSEE_AGENCIES),
        "nav_documents": anywhere(Capability.VIEW_DOCUMENTS),
        "nav_integrations": anywhere(Capability.MANAGE_INTEGRATIONS),
        "nav_people": anywhere(Capability.MANAGE_ORGANIZATION),
        "nav_enterprise_portal": user.represents_enterprise_only,
    }
