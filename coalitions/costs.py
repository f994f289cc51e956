"""A coalition's shared cost, split among its members, as the members' page shows it.

- Equal shares and shares by self-declared volume are exact: every member sees every
  member's volume by design, so nothing is learnt from them.
- Shares by size (FTE, beds, revenue) would show every member's size: with an exact
  split, a member that sets a huge shared cost reads the others' combined size from
  its own share (total = own size x cost / own share), and a join or a leave then
  gives the newcomer's size exactly. So a member's share by size is its own size
  (its own data, live) divided by the members' total of that size figure as the
  current release publishes it (coalitions.demand: a protected total, withheld below
  5 organisations or with one dominant), times the cost. Such shares are indicative:
  they need not add up exactly to the cost. Each member sees only its own.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from coalitions import demand, services
from coalitions.models import Coalition, CoalitionMember
from disclosure.statistics import Figure, reason_text
from portal.models import OrganizationSize

CostSharing = Coalition.CostSharing
# The size figure of each model: (the release's total in coalitions.demand.Published,
# the column of portal.models.OrganizationSize).
SIZE_FIGURES = {
    CostSharing.FTE: ("fte", "fte"),
    CostSharing.BEDS: ("beds", "beds"),
    CostSharing.REVENUE: ("revenue", "revenue_eur"),
}


@dataclass
class CostSplit:
    """What a viewer sees of the split: ``shares`` {organisation id: euros}, all
    members' for equal and volume shares, the viewer's own organisations' by size.
    ``by_size``: the shares are indicative, from the release of ``as_of`` (``total``
    the members' published total of the size figure), or withheld (``code``)."""

    model: str
    shares: dict = field(default_factory=dict)
    by_size: bool = False
    as_of: date | None = None
    total: Figure | None = None
    code: str = ""

    @property
    def shown(self):
        """Whether the page shows a share column."""
        return bool(self.shares) or self.by_size

    @property
    def reason(self):
        return reason_text(self.code)


def own_size(organization_id, column):
    """The organisation's latest reported ``column`` (Decimal), or None."""
    value = (
        OrganizationSize.objects.filter(organization_id=organization_id)
        .order_by("-year")
        .values_list(column, flat=True)
        .first()
    )
    return None if value is None else Decimal(value)


def split_for(coalition, organization_ids) -> CostSplit:
    """The split of ``coalition``'s shared cost as a viewer belonging to
    ``organization_ids`` may see it (nothing without a shared cost)."""
    model = coalition.cost_sharing
    cost = coalition.shared_cost
    if cost is None:
        return CostSplit(model)
    if model not in SIZE_FIGURES:
        return CostSplit(model, services.cost_shares(cost, services.member_weights(coalition)))
    attribute, column = SIZE_FIGURES[model]
    figures = demand.figures_for(coalition, organization_ids)
    total = getattr(figures, attribute, None) if figures is not None else None
    if total is None:  # no release yet, or one from before the figure was published
        return CostSplit(model, by_size=True, code="no_release")
    if total.suppressed or not total.value:
        return CostSplit(
            model, by_size=True, as_of=figures.as_of, total=total, code=total.code or "too_few"
        )
    own = (
        coalition.members.filter(
            status=CoalitionMember.Status.ACTIVE, organization_id__in=list(organization_ids)
        )
        .exclude(role=CoalitionMember.Role.OBSERVER)
        .values_list("organization_id", flat=True)
    )
    shares = {}
    for organization_id in own:
        weight = own_size(organization_id, column) or Decimal(0)
        share = cost * weight / Decimal(str(total.value))
        shares[organization_id] = min(share, cost).quantize(services.CENT, ROUND_HALF_UP)
    return CostSplit(model, shares, by_size=True, as_of=figures.as_of, total=total)
