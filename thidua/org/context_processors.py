from thidua.org.roles import Capability, Role


def navigation(request):
    """The signed-in person's roles, for the header and the role-aware menu."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    roles = user.all_roles
    return {
        "my_role_labels": [label for value, label in Role.choices if value in roles],
        "nav_can_review": bool(user.organizations_where(Capability.REVIEW_REPORTS)),
        "nav_is_observer": Role.OBSERVER in roles or user.is_superuser,
        "nav_awards": bool(user.organizations_where(Capability.MANAGE_AWARDS)) or Role.UNIT_HEAD in roles,
    }
