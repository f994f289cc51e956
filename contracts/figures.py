"""The home page's contract counts. They come from contract data, so they are computed
into each release (disclosure.releases): counts only, but they would move with every
write if live."""

from contracts.models import Contract
from disclosure import releases

# The release topic; "portal" because these figures were the portal's before they moved
# here, and releases already published keep them under that name.
FIGURES_TOPIC = "portal"


def produce_figures(context):
    yield (
        "figures",
        {
            "contracts": Contract.objects.count(),
            "sharing_organizations": Contract.objects.values("organization").distinct().count(),
        },
    )


def released_figures():
    """The contract counts of the current release (None, with ``release`` None, before
    the first)."""
    release = releases.current()
    released = None
    if release is not None and FIGURES_TOPIC in (release.summary or {}):
        released = releases.part(release, FIGURES_TOPIC, "figures")
    return {
        "contracts": released["contracts"] if released else None,
        "sharing_organizations": released["sharing_organizations"] if released else None,
        "release": release if released else None,
    }
