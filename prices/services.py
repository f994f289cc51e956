"""One benchmark cell, from the database to the published (or suppressed) figure."""

from django.utils import timezone

from prices.disclosure import Rules, cell_statistics
from prices.normalise import contract_annual_cents, per_size
from prices.selectors import shareable_lines

METRICS = ("annual", "per_fte", "per_bed", "revenue_share")
PEER_FILTERS = ("sector", "size_band", "province", "vendor")


def benchmark_cell(
    *,
    category_slug,
    year,
    metric="annual",
    peer=None,
    viewer_organization=None,
    today=None,
    rules=None,
):
    """The statistic of one peer group: ``peer`` maps fixed dimensions (sector,
    size_band, province, vendor) to values. The viewer's organisation is left out."""
    if metric not in METRICS:
        raise ValueError(f"Unknown metric {metric!r}")
    unknown = set(peer or {}) - set(PEER_FILTERS)
    if unknown:
        raise ValueError(f"Not a peer-group dimension: {sorted(unknown)}")
    rules = rules or Rules.from_settings()
    lines, sizes = shareable_lines(
        category_slug=category_slug, year=year, today=today or timezone.localdate(), rules=rules
    )
    for name, value in (peer or {}).items():
        lines = lines[lines[name] == value]
    costs = contract_annual_cents(lines) if not lines.empty else lines.assign(annual_cents=[])
    values = per_size(costs, sizes, year, metric) if not costs.empty else costs.assign(value=[])
    return cell_statistics(values, rules, viewer_organization=viewer_organization)
