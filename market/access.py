"""Who reaches the full market monitor: policy analysts (members of a policy body) and
site administrators. Everyone else sees the public market-balance page only."""

from portal.selectors import is_policy_staff


def may_see_monitor(user):
    return bool(user.is_authenticated and (user.is_superuser or is_policy_staff(user)))
