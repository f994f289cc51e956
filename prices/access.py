"""Who sees which benchmarks, and as which organisation.

- A member of a care provider sees benchmarks as that organisation: its own data left
  out, and only for categories in which it has shared at least one contract (give to
  get; a contract in a subcategory also opens its main category).
- Policy staff (members of a policy body) see every category, but only at the level of
  all care providers or one sector, with the same disclosure rules.
- Nobody else sees benchmarks: not vendors, not visitors."""

from dataclasses import dataclass, field

import pandas as pd

from contracts.models import Contract
from portal.models import Organization, OrganizationSize
from portal.selectors import care_providers_for, is_policy_staff
from prices.peer_groups import REGION_OF_PROVINCE, size_bands


@dataclass(frozen=True)
class Viewer:
    organization: Organization | None = None
    policy: bool = False
    shared: frozenset = field(default_factory=frozenset)

    @property
    def organization_id(self):
        return self.organization.pk if self.organization else None

    def may_see_category(self, category):
        return self.policy or category.pk in self.shared

    def may_see_key(self, key):
        """Policy staff see sector-by-category figures only."""
        return not self.policy or not (key.supplier_kind or key.size_band or key.region)


def shared_categories(organization):
    rows = Contract.objects.filter(organization=organization).values_list(
        "category_id", "category__parent_id"
    )
    return frozenset(pk for pair in rows.distinct() for pk in pair if pk)


def viewer_as(organization):
    return Viewer(organization=organization, shared=shared_categories(organization))


def viewer_for(user, organization_slug=None):
    """The Viewer for a logged-in user, or None when the user may not see benchmarks.
    ``organization_slug`` picks one of several care providers the user belongs to. An
    organisation token (contracts.api_auth.OrganizationPrincipal) sees as its own
    organisation, through the same grants."""
    if not user.is_authenticated:
        return None
    organizations = care_providers_for(user)
    if organization_slug:
        organization = organizations.filter(slug=organization_slug).first()
        return viewer_as(organization) if organization else None
    organization = organizations.first()
    if organization is not None:
        return viewer_as(organization)
    if is_policy_staff(user):
        return Viewer(policy=True)
    return None


def peer_profile(organization, year):
    """(sector, size band or "", region or "") of ``organization`` in ``year``."""
    size = OrganizationSize.objects.filter(organization=organization, year=year).first()
    frame = pd.DataFrame(
        [
            {
                "sector": organization.sector,
                "fte": float(size.fte) if size else None,
                "beds": size.beds if size else None,
            }
        ]
    )
    band = size_bands(frame).iloc[0] or ""
    return organization.sector, band, REGION_OF_PROVINCE.get(organization.province, "")
