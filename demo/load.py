"""Write the generated demo market to the database, in bulk and idempotently: what is
already there (by slug, or by organisation and contract reference) is left alone."""

from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone

from contracts.models import Contract, ContractClause, ContractLine, LockInClause
from contracts.services import (
    grant_contract_permissions,
    load_lock_in_clauses,
    record_switches,
)
from demo.evidence import seed_evidence
from demo.generate import generate_contracts, generate_market
from portal.models import Organization, OrganizationSize
from portal.services import grant_organization_permissions
from vendors.models import Product, ProductCategory, Vendor
from vendors.services import load_product_taxonomy, load_standards_catalogue

BATCH = 5000
ORGS_PER_CHUNK = 100

# Fictional user associations and policy bodies, always present.
OTHER_ORGANIZATIONS = [
    (
        "vereniging-gebruikers-zorgsuite-demo",
        "Vereniging Gebruikers Zorgsuite (demo)",
        Organization.Type.USER_ASSOCIATION,
    ),
    (
        "samenwerkende-ggz-inkoop-demo",
        "Samenwerkende GGZ-inkoop (demo)",
        Organization.Type.USER_ASSOCIATION,
    ),
    (
        "directie-zorgmarkt-demo",
        "Directie Zorgmarkt en ICT (demo-ministerie)",
        Organization.Type.POLICY_BODY,
    ),
    (
        "markttoezicht-demo",
        "Bureau Markttoezicht Zorg (demo-toezichthouder)",
        Organization.Type.POLICY_BODY,
    ),
]


def _new_groups(names):
    groups = Group.objects.bulk_create([Group(name=name) for name in names], batch_size=BATCH)
    return {group.name: group for group in groups}


def _load_organizations(records):
    existing = set(Organization.objects.values_list("slug", flat=True))
    rows = [
        (r.slug, r.name, Organization.Type.CARE_PROVIDER, r.sector, r.province)
        for r in records
        if r.slug not in existing
    ]
    rows += [
        (slug, name, kind, "", "")
        for slug, name, kind in OTHER_ORGANIZATIONS
        if slug not in existing
    ]
    groups = _new_groups(
        [f"org:{slug}:{part}" for slug, *_ in rows for part in ("members", "editors", "admins")]
    )
    Organization.objects.bulk_create(
        [
            Organization(
                slug=slug,
                name=name,
                type=kind,
                sector=sector,
                province=province,
                group=groups[f"org:{slug}:members"],
                editors_group=groups[f"org:{slug}:editors"],
                admins_group=groups[f"org:{slug}:admins"],
            )
            for slug, name, kind, sector, province in rows
        ],
        batch_size=BATCH,
    )
    by_slug = Organization.objects.in_bulk(field_name="slug")
    grant_organization_permissions([by_slug[slug] for slug, *_ in rows])
    have = set(OrganizationSize.objects.values_list("organization__slug", "year"))
    OrganizationSize.objects.bulk_create(
        [
            OrganizationSize(
                organization=by_slug[r.slug], year=year, revenue_eur=revenue, fte=fte, beds=beds
            )
            for r in records
            for year, revenue, fte, beds in r.sizes
            if (r.slug, year) not in have
        ],
        batch_size=BATCH,
    )
    return by_slug, len(rows)


def _load_vendors(market):
    existing = set(Vendor.objects.values_list("slug", flat=True))
    new = [v for v in market.vendors if v.slug not in existing]
    groups = _new_groups([f"vendor:{v.slug}" for v in new])
    Vendor.objects.bulk_create(
        [
            Vendor(
                slug=v.slug,
                name=v.name,
                country="NL",
                group=groups[f"vendor:{v.slug}"],
                description="Fictieve leverancier voor de demo-omgeving.",
            )
            for v in new
        ],
        batch_size=BATCH,
    )
    vendors = Vendor.objects.in_bulk(field_name="slug")
    with_parent = []
    for record in new:
        if record.parent_slug:
            vendor = vendors[record.slug]
            vendor.parent_group = vendors[record.parent_slug]
            with_parent.append(vendor)
    Vendor.objects.bulk_update(with_parent, ["parent_group"], batch_size=BATCH)

    categories = ProductCategory.objects.in_bulk(field_name="slug")
    existing_products = set(Product.objects.values_list("slug", flat=True))
    Product.objects.bulk_create(
        [
            Product(
                slug=p.slug,
                name=p.name,
                vendor=vendors[p.vendor_slug],
                category=categories[p.leaf],
                deployment=p.deployment,
            )
            for p in market.products
            if p.slug not in existing_products
        ],
        batch_size=BATCH,
    )
    products = Product.objects.in_bulk(field_name="slug")
    return vendors, categories, products, len(new)


def _load_contracts(
    market, organizations, vendors, categories, products, scale, seed, today, progress
):
    clauses = LockInClause.objects.in_bulk(field_name="code")
    through = Contract.products.through
    created = 0
    records_orgs = market.organizations
    for chunk_start in range(0, len(records_orgs), ORGS_PER_CHUNK):
        chunk = records_orgs[chunk_start : chunk_start + ORGS_PER_CHUNK]
        org_ids = [organizations[r.slug].pk for r in chunk]
        existing = set(
            Contract.objects.filter(organization_id__in=org_ids).values_list(
                "organization_id", "reference"
            )
        )
        pending = []
        for record in chunk:
            org = organizations[record.slug]
            for c in generate_contracts(market, record, scale, seed, today):
                if (org.pk, c.reference) in existing:
                    continue
                pending.append(
                    (
                        c,
                        Contract(
                            organization=org,
                            reference=c.reference,
                            vendor=vendors[c.vendor_slug],
                            category=categories[c.leaf],
                            start_date=c.start,
                            end_date=c.end,
                            initial_term_months=c.initial_term_months,
                            renewal_term_months=c.renewal_term_months,
                            notice_period_months=c.notice_period_months,
                            auto_renewal=c.auto_renewal,
                            status=c.status,
                        ),
                    )
                )
        with transaction.atomic():
            Contract.objects.bulk_create([obj for _, obj in pending], batch_size=BATCH)
            Contract.objects.filter(pk__in=[obj.pk for _, obj in pending]).recorded_when_started()
            through.objects.bulk_create(
                [
                    through(contract_id=obj.pk, product_id=products[slug].pk)
                    for record, obj in pending
                    for slug in record.product_slugs
                ],
                batch_size=BATCH,
            )
            ContractLine.objects.bulk_create(
                [
                    ContractLine(
                        contract_id=obj.pk,
                        cost_type=ct,
                        description=desc,
                        amount=amount,
                        frequency=freq,
                        unit=unit,
                        quantity=qty,
                    )
                    for record, obj in pending
                    for ct, desc, amount, freq, unit, qty in record.lines
                ],
                batch_size=BATCH,
            )
            ContractClause.objects.bulk_create(
                [
                    ContractClause(contract_id=obj.pk, clause=clauses[code], answer=answer)
                    for record, obj in pending
                    if record.clauses
                    for code, answer in record.clauses.items()
                ],
                batch_size=BATCH,
            )
            grant_contract_permissions([obj for _, obj in pending], batch_size=BATCH)
            record_switches(org_ids, [obj.pk for _, obj in pending])
        created += len(pending)
        progress(min(chunk_start + ORGS_PER_CHUNK, len(records_orgs)), len(records_orgs), created)
    return created


def seed_demo_market(*, scale, seed, progress=lambda done, total, contracts: None):
    """Create the fictional market for ``scale`` and ``seed``; returns counts of what
    was created in this run (zero everywhere on a second run)."""
    load_product_taxonomy()
    load_standards_catalogue()
    load_lock_in_clauses()
    market = generate_market(scale, seed)
    with transaction.atomic():
        organizations, new_orgs = _load_organizations(market.organizations)
        vendors, categories, products, new_vendors = _load_vendors(market)
    today = timezone.localdate()
    new_contracts = _load_contracts(
        market, organizations, vendors, categories, products, scale, seed, today, progress
    )
    new_evidence = seed_evidence(seed, today)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh planner statistics after the bulk load
    return {
        "organizations": new_orgs,
        "vendors": new_vendors,
        "contracts": new_contracts,
        "evidence": new_evidence,
        "market": market,
    }
