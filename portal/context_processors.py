from portal.selectors import memberships_of


def portal(request):
    """The current user's memberships, for the navigation."""
    user = getattr(request, "user", None)
    return {"my_memberships": memberships_of(user) if user is not None else []}
