"""The start page's panel for care providers' staff: the largest potential savings
against the published benchmarks, as on "Waar sta ik?" (and logged as its reads are)."""

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from portal.access_log import Kind, log_read_for_user
from portal.start import StartLine, StartPanel
from prices.access import viewer_for
from prices.explorer import standings
from prices.forms import default_year
from prices.releases import publication_for
from prices.selectors import own_contracts, running_in

SHOWN = 5


def _euros(amount):
    return "€ " + number_format(round(amount), 0, force_grouping=True)


def largest_savings(request, today):
    viewer = viewer_for(request.user)
    if viewer is None or viewer.organization is None:
        return None
    year = default_year()
    contracts = running_in(own_contracts(request.user, viewer.organization), year)
    log_read_for_user(request, Kind.BENCHMARK, "start", organization=viewer.organization)
    rows = standings(
        viewer, list(contracts), year=year, metric="annual", publication_for=publication_for
    )
    with_saving = sorted((r for r in rows if r.saving), key=lambda r: -r.saving)
    total = sum(r.saving for r in with_saving)
    return StartPanel(
        title=_("Largest potential savings"),
        summary=_(
            "%(total)s a year if every contract above its peers' median came down to it (%(year)s)."
        )
        % {"total": _euros(total), "year": year}
        if with_saving
        else "",
        lines=[
            StartLine(
                text=f"{row.contract.reference} · {row.contract.vendor.name}",
                url=row.contract.get_absolute_url(),
                note=_("%(amount)s a year · %(category)s")
                % {"amount": _euros(row.saving), "category": row.contract.category},
            )
            for row in with_saving[:SHOWN]
        ],
        empty=_("No contract lies above its peers' published median."),
        more_url=reverse("price_standing"),
        more_label=_("Where do I stand?"),
    )
