"""Child-process part of the prices benchmark, on the national dataset:

1. the publication of every category for one year (every cell of every category ×
   metric × cost type or supplier × peer group, with complementary suppression), and
   for all published years (what `refresh_benchmarks` computes);
2. one benchmark cell through GET /api/v1/benchmarks/ with warm publications;
3. the same cells computed the naive way (load all of the year's lines into pandas and
   compute the cell per request), for the ratio."""

import json
import pathlib
import random
import statistics
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

import pandas as pd  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from contracts.models import ContractLine  # noqa: E402
from portal.models import Membership, Organization, OrganizationSize  # noqa: E402
from portal.services import add_member  # noqa: E402
from prices.access import peer_profile, shared_categories  # noqa: E402
from prices.releases import publication_for  # noqa: E402
from prices.disclosure import Rules, cell_statistics  # noqa: E402
from prices.facts import Sources  # noqa: E402
from prices.normalise import contract_annual_cents, per_size  # noqa: E402
from prices.peer_groups import size_bands  # noqa: E402
from prices.publication import build_publication, default_years  # noqa: E402
from vendors.models import ProductCategory, Vendor  # noqa: E402

YEAR = 2025
NAIVE_METRICS = ("annual", "per_fte", "per_bed", "revenue_share")


def p95(samples):
    return sorted(samples)[int(0.95 * (len(samples) - 1))]


def publish_everything(categories, today, rules, years):
    started = time.perf_counter()
    cells = published = 0
    sources = Sources.load(
        [c.pk for c in categories], years, today=today, min_age_days=rules.min_age_days
    )
    for category in categories:
        publication = build_publication(
            category, today=today, rules=rules, years=years, sources=sources
        )
        cells += len(publication.cells)
        published += len(publication.keys())
    return time.perf_counter() - started, cells, published


def queries(organization, count, seed=3):
    """Varied cells a procurement specialist of ``organization`` may ask for."""
    rng = random.Random(seed)
    shared = ProductCategory.objects.filter(pk__in=shared_categories(organization))
    categories = list(shared.values_list("slug", flat=True))
    sector, band, region = peer_profile(organization, YEAR)
    result = []
    for _ in range(count):
        slug = rng.choice(categories)
        query = {"category": slug, "metric": rng.choice(NAIVE_METRICS), "year": YEAR}
        shape = rng.choice(["all", "sector", "band", "region", "vendor"])
        if shape != "all":
            query["sector"] = sector
        if shape == "band" and band:
            query["size_band"] = band
        if shape == "region":
            query["region"] = region
        if shape == "vendor":
            vendors = Vendor.objects.filter(
                Q(contracts__category__slug=slug) | Q(contracts__category__parent__slug=slug)
            ).distinct()
            query["vendor"] = rng.choice(list(vendors.values_list("slug", flat=True)[:20]))
        result.append(query)
    return result


def naive_cell(query, viewer_id, rules, today):
    """Load every line of the year into pandas, then compute the one cell."""
    lines = pd.DataFrame.from_records(
        ContractLine.objects.filter(
            contract__start_date__lte=today - pd.Timedelta(days=rules.min_age_days),
            contract__start_date__year__lte=YEAR,
            contract__end_date__year__gte=YEAR,
            contract__organization__type=Organization.Type.CARE_PROVIDER,
        ).values(
            "contract_id",
            "amount",
            "quantity",
            "frequency",
            organization_id=django.db.models.F("contract__organization_id"),
            sector=django.db.models.F("contract__organization__sector"),
            province=django.db.models.F("contract__organization__province"),
            vendor=django.db.models.F("contract__vendor__slug"),
            category=django.db.models.F("contract__category__slug"),
            parent=django.db.models.F("contract__category__parent__slug"),
            initial_term_months=django.db.models.F("contract__initial_term_months"),
        )
    )
    sizes = pd.DataFrame.from_records(
        OrganizationSize.objects.filter(year=YEAR).values(
            "organization_id", "year", "revenue_eur", "fte", "beds"
        )
    )
    for column in ("revenue_eur", "fte", "beds"):
        sizes[column] = pd.to_numeric(sizes[column]).astype("float64")
    rows = lines[(lines["category"] == query["category"]) | (lines["parent"] == query["category"])]
    if "sector" in query:
        rows = rows[rows["sector"] == query["sector"]]
    if "vendor" in query:
        rows = rows[rows["vendor"] == query["vendor"]]
    if "size_band" in query:
        rows = rows.merge(sizes[["organization_id", "fte", "beds"]], on="organization_id")
        rows = rows[size_bands(rows) == query["size_band"]]
    costs = contract_annual_cents(rows)
    values = per_size(
        costs.groupby("organization_id", as_index=False).sum(), sizes, YEAR, query["metric"]
    )
    return cell_statistics(
        values[["organization_id", "value"]], rules, viewer_organization=viewer_id
    )


if __name__ == "__main__":
    today = timezone.localdate()
    rules = Rules.from_settings()
    categories = list(ProductCategory.objects.all())
    one_year, cells, published = publish_everything(categories, today, rules, [YEAR])
    years = default_years(today, settings.PRICE_YEARS_BACK)
    all_years, all_cells, _ = publish_everything(categories, today, rules, years)

    organization = Organization.objects.filter(sector="general_hospital").order_by("pk").first()
    user, _ = User.objects.get_or_create(username="bench-inkoper")
    if not Membership.objects.filter(user=user, organization=organization).exists():
        add_member(
            organization=organization, user=user, role=Membership.Role.PROCUREMENT_SPECIALIST
        )
    client = Client()
    client.force_login(user)
    asked = queries(organization, 300)
    for category in {q["category"] for q in asked}:  # warm publications, as after a day
        publication_for(ProductCategory.objects.get(slug=category), today=today)
    api_ms = []
    for query in asked:
        started = time.perf_counter()
        response = client.get("/api/v1/benchmarks/", query)
        api_ms.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (query, response.content)

    naive_ms = []
    for query in asked[:15]:
        started = time.perf_counter()
        naive_cell(query, organization.pk, rules, today)
        naive_ms.append((time.perf_counter() - started) * 1000)
    print(
        json.dumps(
            {
                "one_year_seconds": one_year,
                "cells": cells,
                "published": published,
                "all_years_seconds": all_years,
                "all_years_cells": all_cells,
                "years": len(years),
                "categories": len(categories),
                "api_median_ms": statistics.median(api_ms),
                "api_p95_ms": p95(api_ms),
                "api_requests": len(api_ms),
                "naive_median_ms": statistics.median(naive_ms),
                "naive_requests": len(naive_ms),
                "lines": ContractLine.objects.count(),
            }
        )
    )
