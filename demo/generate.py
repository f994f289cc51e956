"""Deterministic generation of the fictional demo market, as plain records.

Nothing here touches the database: ``load.py`` writes the records. The same scale and
seed always give the same records, independently of what is already stored."""

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.utils.text import slugify

from contracts.reference_data import LOCK_IN_CLAUSES
from demo import names
from demo.profiles import (
    BASE_YEAR,
    DOMINANT_SHARES,
    FIRST_YEAR,
    LAST_YEAR,
    LEAVES,
    SECTORS,
    VENDOR_COUNT,
    YEARLY_GROWTH,
)
from portal.choices import Province
from portal.dates import add_months
from vendors.reference_data import PRODUCT_TAXONOMY

CENT = Decimal("0.01")
MAIN_SYSTEM_LEAVES = frozenset({"epd-ziekenhuis", "epd-ggz", "ecd-vvt-ghz", "his-huisarts"})
LEAF_TOP = {child[0]: top[0] for top in PRODUCT_TAXONOMY for child in top[3]}
# Provinces weighted roughly by population, so the demo map looks like the country.
PROVINCE_WEIGHTS = {
    Province.GRONINGEN: 3,
    Province.FRIESLAND: 4,
    Province.DRENTHE: 3,
    Province.OVERIJSSEL: 7,
    Province.FLEVOLAND: 2,
    Province.GELDERLAND: 12,
    Province.UTRECHT: 8,
    Province.NOORD_HOLLAND: 16,
    Province.ZUID_HOLLAND: 21,
    Province.ZEELAND: 2,
    Province.NOORD_BRABANT: 15,
    Province.LIMBURG: 7,
}


@dataclass
class OrgRecord:
    slug: str
    name: str
    sector: str
    province: str
    base_revenue: float
    sizes: list = field(default_factory=list)  # (year, revenue Decimal, fte Decimal, beds)


@dataclass
class VendorRecord:
    slug: str
    name: str
    home_top: str
    parent_slug: str | None = None


@dataclass
class ProductRecord:
    slug: str
    name: str
    vendor_slug: str
    leaf: str
    deployment: str


@dataclass
class ContractRecord:
    org_slug: str
    reference: str
    vendor_slug: str
    leaf: str
    product_slugs: list
    start: date
    end: date
    initial_term_months: int
    renewal_term_months: int | None
    notice_period_months: int
    auto_renewal: bool
    status: str
    lines: list  # (cost_type, description, amount, frequency, unit, quantity)
    clauses: dict | None  # clause code -> answer; None when the checklist was not filled in


@dataclass
class Market:
    organizations: list
    vendors: list
    products: list
    leaf_vendors: dict  # leaf -> [(vendor_slug, popularity weight)]
    products_by_vendor_leaf: dict  # (vendor_slug, leaf) -> [product slugs]
    deployment_by_product: dict  # product slug -> deployment


def _money(value):
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def _lognormal(rng, sigma):
    return math.exp(rng.gauss(0, sigma) - sigma * sigma / 2)  # mean 1


# --- organisations -----------------------------------------------------------------


def generate_organizations(scale, seed):
    rng = random.Random(f"{seed}:organizations")
    used = set()
    provinces, weights = zip(*PROVINCE_WEIGHTS.items(), strict=True)
    organizations = []
    for sector, profile in SECTORS.items():
        count = profile.count_national if scale == "national" else profile.count_small
        for _ in range(count):
            place = names.unique(names.place_name, used, rng)
            name = f"{rng.choice(profile.name_prefixes)} {place}"
            org = OrgRecord(
                slug=slugify(name),
                name=name,
                sector=sector,
                province=rng.choices(provinces, weights)[0],
                base_revenue=profile.revenue_eur * _lognormal(rng, 0.35),
            )
            for year in range(FIRST_YEAR, LAST_YEAR + 1):
                revenue = org.base_revenue * (1 + YEARLY_GROWTH) ** (year - BASE_YEAR)
                revenue *= 1 + rng.gauss(0, 0.02)
                beds = round(revenue / profile.eur_per_bed) if profile.eur_per_bed else None
                org.sizes.append(
                    (
                        year,
                        _money(revenue),
                        Decimal(round(revenue / profile.eur_per_fte, 1)).quantize(Decimal("0.1")),
                        beds,
                    )
                )
            organizations.append(org)
    return organizations


# --- vendors and products --------------------------------------------------------------


def _vendors_per_leaf(scale, leaf):
    wanted = LEAVES[leaf].vendors_national
    return wanted if scale == "national" else min(wanted, 5)


def _editions(rng, leaf):
    """A vendor sells one or two editions of a product line: AI and cloud as SaaS only,
    others often both as an installed and as a cloud edition."""
    if leaf.startswith("ai-") or leaf == "cloud":
        return [("", "saas")]
    installed = rng.choices(["on_premises", "hosted"], [55, 45])[0]
    if rng.random() < 0.9:
        return [("", installed), (" Cloud", "saas")]
    return [("", rng.choice([installed, "saas"]))]


def generate_market(scale, seed):
    rng = random.Random(f"{seed}:vendors")
    organizations = generate_organizations(scale, seed)
    tops = [top[0] for top in PRODUCT_TAXONOMY]
    used = set()
    vendors = []
    for index in range(VENDOR_COUNT[scale]):
        stem = names.unique(names.vendor_stem, used, rng)
        name = names.vendor_name(rng, stem)
        vendors.append(
            VendorRecord(slug=slugify(stem), name=name, home_top=tops[index % len(tops)])
        )
    # About one vendor in ten belongs to the group of another one.
    for vendor in vendors[len(tops) :]:
        if rng.random() < 0.1:
            vendor.parent_slug = rng.choice(vendors[: len(tops)]).slug

    product_count = {v.slug: 0 for v in vendors}
    products, leaf_vendors, by_vendor_leaf = [], {}, {}
    for leaf in LEAVES:
        home = [v for v in vendors if v.home_top == LEAF_TOP[leaf]]
        others = [v for v in vendors if v.home_top != LEAF_TOP[leaf]]
        rng.shuffle(home)
        rng.shuffle(others)
        home.sort(key=lambda v: product_count[v.slug])
        others.sort(key=lambda v: product_count[v.slug])
        chosen = (home + others)[: _vendors_per_leaf(scale, leaf)]
        shares = DOMINANT_SHARES.get(leaf)
        weights = [
            shares[i] if shares and i < len(shares) else 1 / (i + 1) ** 1.1
            for i in range(len(chosen))
        ]
        leaf_vendors[leaf] = [(v.slug, w) for v, w in zip(chosen, weights, strict=True)]
        for vendor in chosen:
            product_count[vendor.slug] += 1
            for edition, deployment in _editions(rng, leaf):
                stem = vendor.name.split()[0]
                name = f"{stem} {LEAVES[leaf].noun}{edition}"
                product = ProductRecord(
                    slug=slugify(name),
                    name=name,
                    vendor_slug=vendor.slug,
                    leaf=leaf,
                    deployment=deployment,
                )
                products.append(product)
                by_vendor_leaf.setdefault((vendor.slug, leaf), []).append(product.slug)
    deployments = {p.slug: p.deployment for p in products}
    return Market(organizations, vendors, products, leaf_vendors, by_vendor_leaf, deployments)


# --- contracts -------------------------------------------------------------------------


def _slots(rng, org, scale):
    """The contract chains an organisation keeps: one per category it buys, plus (at
    national scale) extra parallel contracts in the larger categories."""
    profile = SECTORS[org.sector]
    eligible = [leaf for leaf, p in LEAVES.items() if org.sector in p.sectors]
    slots = [leaf for leaf in eligible if rng.random() < LEAVES[leaf].adoption]
    if scale == "national":
        extra_pool = [leaf for leaf in slots if leaf not in MAIN_SYSTEM_LEAVES]
        extra_weights = [LEAVES[leaf].budget_weight for leaf in extra_pool]
        while len(slots) < profile.slots and extra_pool:
            slots.append(rng.choices(extra_pool, extra_weights)[0])
    return slots


def _slot_budgets(org, slots):
    """Yearly budget per slot in the base year, so that all slots together cost the
    sector's ICT share of revenue."""
    ict_budget = org.base_revenue * SECTORS[org.sector].ict_share
    per_leaf = {leaf: slots.count(leaf) for leaf in set(slots)}
    total_weight = sum(LEAVES[leaf].budget_weight for leaf in per_leaf)
    return [
        ict_budget * LEAVES[leaf].budget_weight / total_weight / per_leaf[leaf] for leaf in slots
    ]


def _size_in(org, year):
    year = min(max(year, FIRST_YEAR), LAST_YEAR)
    return org.sizes[year - FIRST_YEAR]


def _quantity(unit, org, year):
    _, _, fte, beds = _size_in(org, year)
    per_unit = {
        "fte": fte,
        "user": fte * Decimal("1.1"),
        "workstation": fte * Decimal("0.8"),
        "bed": Decimal(beds or 0),
    }
    if unit == "flat" or not per_unit.get(unit):
        return "flat", Decimal(1)
    return unit, max(per_unit[unit].quantize(Decimal(1)), Decimal(1))


def _lines(rng, annual, term_months, deployment, unit, org, year):
    """Split a contract's comparable yearly cost into priced lines."""
    years = term_months / 12
    parts = []  # (cost_type, description, yearly-equivalent weight, frequency, main?)
    if deployment == "on_premises":
        parts += [
            ("licence", "Licentie", 0.50, "yearly", True),
            ("maintenance", "Onderhoud en support", 0.20, "yearly", False),
        ]
    else:
        parts += [("subscription", "Abonnement", 0.65, "yearly", True)]
        if deployment == "hosted":
            parts.append(("hosting", "Hosting en beheer", 0.12, "yearly", False))
    if rng.random() < 0.5:
        parts.append((parts[0][0], "Aanvullende modules", 0.10, "yearly", False))
    if rng.random() < 0.6:
        parts.append(("other", "Koppelingen en interfaces", 0.05, "yearly", False))
    parts.append(("implementation", "Implementatie", 0.15, "once", False))
    if rng.random() < 0.7:
        parts.append(("training", "Opleiding", 0.03, "once", False))
    scale = annual / sum(p[2] for p in parts)
    lines = []
    for cost_type, description, weight, frequency, is_main in parts:
        total = scale * weight * (years if frequency == "once" else 1)
        line_unit, quantity = _quantity(unit, org, year) if is_main else ("flat", Decimal(1))
        amount = _money(total / float(quantity))
        lines.append((cost_type, description, amount, frequency, line_unit, quantity))
    return lines


CLAUSE_CODES = [clause[0] for clause in LOCK_IN_CLAUSES]


def _clauses(rng, year):
    """Protective clauses become more common over the years (AIVG Module ICT, GIBIT)."""
    if rng.random() > 0.7:
        return None
    yes = min(0.15 + 0.04 * (year - FIRST_YEAR), 0.7)
    answers = {}
    for code in CLAUSE_CODES:
        r = rng.random()
        answers[code] = (
            "yes" if r < yes else "partly" if r < yes + 0.15 else "unknown" if r > 0.92 else "no"
        )
    return answers


def _status(start, end, today):
    if start > today:
        return "planned"
    return "active" if end >= today else "ended"


def generate_contracts(market, org, scale, seed, today):
    """All contracts of one organisation, from its own random stream."""
    rng = random.Random(f"{seed}:contracts:{org.slug}")
    slots = _slots(rng, org, scale)
    budgets = _slot_budgets(org, slots)
    last_start = date(LAST_YEAR, 12, 31)
    sequence = 0
    vendor_factor = {}
    for leaf, budget in zip(slots, budgets, strict=True):
        profile = LEAVES[leaf]
        vendor_slugs, weights = zip(*market.leaf_vendors[leaf], strict=True)
        first = max(FIRST_YEAR - 3, profile.first_year)
        start = date(first, 1, 1) + timedelta(
            days=rng.randrange(365 * (4 if first < FIRST_YEAR else 3))
        )
        vendor = rng.choices(vendor_slugs, weights)[0]
        while start <= last_start:
            terms = [
                m
                for m in range(12, 121, 12)
                if profile.term_months[0] <= m <= profile.term_months[1]
            ]
            term = rng.choice(terms)
            renewal = rng.choice([None, 12, 24])
            extended = renewal is not None and rng.random() < 0.4
            end = add_months(start, term + (renewal if extended else 0)) - timedelta(days=1)
            notice = rng.choice([m for m in (1, 3, 6, 12) if m < term])
            factor = vendor_factor.setdefault(
                vendor, _lognormal(random.Random(f"{seed}:price:{vendor}"), 0.15)
            )
            annual = (
                budget
                * factor
                * _lognormal(rng, 0.25)
                * (1 + YEARLY_GROWTH) ** (start.year - BASE_YEAR)
            )
            product = rng.choice(market.products_by_vendor_leaf[(vendor, leaf)])
            deployment = market.deployment_by_product[product]
            sequence += 1
            yield ContractRecord(
                org_slug=org.slug,
                reference=f"CT-{start.year}-{sequence:04d}",
                vendor_slug=vendor,
                leaf=leaf,
                product_slugs=[product],
                start=start,
                end=end,
                initial_term_months=term,
                renewal_term_months=renewal,
                notice_period_months=notice,
                auto_renewal=renewal is not None and rng.random() < 0.5,
                status=_status(start, end, today),
                lines=_lines(rng, annual, term, deployment, profile.unit, org, start.year),
                clauses=_clauses(rng, start.year),
            )
            start = end + timedelta(days=1)
            if rng.random() < profile.switch_probability and len(vendor_slugs) > 1:
                others = [(v, w) for v, w in zip(vendor_slugs, weights, strict=True) if v != vendor]
                vendor = rng.choices([v for v, _ in others], [w for _, w in others])[0]
