from portal.selectors import memberships_of


def portal(request):
    """The current user's memberships and whether the market monitor is theirs, for the
    navigation."""
    from market.access import may_see_monitor

    user = getattr(request, "user", None)
    if user is None:
        return {"my_memberships": [], "sees_market_monitor": False}
    return {
        "my_memberships": memberships_of(user),
        "sees_market_monitor": lambda: may_see_monitor(user),  # evaluated only when used
    }
