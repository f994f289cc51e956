"""The start page's panel for policy staff: the market headlines of the public
overview (concentration by number of customers, from the current release)."""

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from market.access import may_see_monitor
from market.compute import public_overview
from market.tables import band_label
from portal.start import StartLine, StartPanel

SHOWN = 5


def market_headlines(request, today):
    if not may_see_monitor(request.user):
        return None
    overview = public_overview()
    rows = sorted(
        (row for row in overview if row["main"] and row["hhi"] is not None),
        key=lambda row: -row["hhi"],
    )
    high = sum(1 for row in rows if row["eu_band"] == "high")
    lines = [
        StartLine(
            text=row["name"],
            url=f"{reverse('market_dashboard')}?categorie={row['slug']}",
            # The band is the badge when high, else said in the note.
            note=_("HHI %(hhi)s")
            % {"hhi": number_format(round(row["hhi"]), 0, force_grouping=True)}
            + ("" if row["eu_band"] == "high" else f" · {band_label(row['eu_band'])}"),
            state="urgent" if row["eu_band"] == "high" else "",
            state_label=band_label(row["eu_band"]) if row["eu_band"] == "high" else "",
        )
        for row in rows[:SHOWN]
    ]
    return StartPanel(
        title=_("Market headlines"),
        summary=_("%(high)d of %(all)d main categories are highly concentrated (%(release)s).")
        % {"high": high, "all": len(rows), "release": overview.release_label}
        if rows
        else "",
        lines=lines,
        empty=_("No market figures have been released yet."),
        more_url=reverse("market_dashboard"),
        more_label=_("Market monitor"),
    )
