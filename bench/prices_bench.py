"""Child-process part of the prices benchmark, on the national dataset:

1. the publication of every category for one year (every cell of every category ×
   metric × cost type or supplier × peer group, with complementary suppression), and
   the price benchmarks' part of a release (all published years);
2. what the protection costs (issue 15): per group size, the share of cells published
   now against the share the exact method published before (linear percentiles, no
   noise, dominated cells left out of the differencing check), and the relative error
   of the published quartiles against those exact percentiles;
3. one benchmark cell through GET /api/v1/benchmarks/ from the current release;
4. the same cells computed the naive way (load all of the year's lines into pandas and
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

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from contracts.models import ContractLine  # noqa: E402
from contracts.normalise import contract_annual_cents, per_size  # noqa: E402
from disclosure.differencing import Candidate, suppress_differencing  # noqa: E402
from disclosure.releases import publish  # noqa: E402
from disclosure.rules import Rules  # noqa: E402
from disclosure.statistics import protected_quantiles  # noqa: E402
from portal.models import Membership, Organization, OrganizationSize  # noqa: E402
from portal.services import add_member  # noqa: E402
from prices.access import peer_profile, shared_categories  # noqa: E402
from prices.facts import METRICS, Sources  # noqa: E402
from prices.peer_groups import size_bands  # noqa: E402
from prices.publication import (  # noqa: E402
    _candidate_cells,
    _levels,
    build_publication,
    default_years,
)
from prices.releases import publication_for  # noqa: E402
from vendors.models import ProductCategory, Vendor  # noqa: E402

YEAR = 2025
NAIVE_METRICS = ("annual", "per_fte", "per_bed", "revenue_share")


def p95(samples):
    return sorted(samples)[int(0.95 * (len(samples) - 1))]


def publish_everything(categories, today, rules, years):
    started = time.perf_counter()
    sources = Sources.load(
        [c.pk for c in categories], years, today=today, min_age_days=rules.min_age_days
    )
    publications = [
        build_publication(category, today=today, rules=rules, years=years, sources=sources)
        for category in categories
    ]
    return time.perf_counter() - started, publications


SIZES = {"5-9": (5, 9), "10-19": (10, 19), "20+": (20, 10**9)}
QUARTILES = {"p25": 25, "median": 50, "p75": 75}


def size_group(n):
    return next(name for name, (low, high) in SIZES.items() if low <= n <= high)


def exact_cells(publication, rules):
    """What the exact method published for this publication's facts: {key: (n,
    {quartile: linear percentile})} of the cells it showed."""
    facts = publication.facts
    levels = list(_levels(facts))
    shown, groups = {}, {}
    for metric in METRICS:
        for key, n, _est, _scale, _ck, dominated, members in _candidate_cells(
            facts, levels, metric, rules
        ):
            if dominated:
                continue  # the old rule: dominated cells took no part in differencing
            shown[key] = n
            groups.setdefault((metric, key.cost_type), []).append(Candidate(key, members))
    for candidates in groups.values():
        # The first round's method: largest first, no swaps.
        for key in suppress_differencing(candidates, rules.min_organisations, swaps=False):
            shown.pop(key, None)
    return shown


def exact_quartiles(publication, key):
    values = publication._peer_rows(key)[key.metric].to_numpy(dtype="float64")
    return {name: float(np.percentile(values, q)) for name, q in QUARTILES.items()}


def utility(publications, rules):
    """Cells shown (exact method, now) and relative errors of the published quartiles,
    per group size."""
    counts = {name: {"exact": 0, "now": 0, "candidates": 0} for name in SIZES}
    errors = {name: {"all": [], "median": []} for name in SIZES}
    for publication in publications:
        shown_before = exact_cells(publication, rules)
        for n in publication.cells["n"]:
            counts[size_group(int(n))]["candidates"] += 1
        for n in shown_before.values():
            counts[size_group(n)]["exact"] += 1
        for key in publication.keys():
            group = size_group(int(publication.cells.loc[tuple(key), "n"]))
            counts[group]["now"] += 1
            published = publication.cell(key)
            exact = exact_quartiles(publication, key)
            for name, value in exact.items():
                if value:
                    error = abs(getattr(published, name) - value) / abs(value)
                    errors[group]["all"].append(error)
                    if name == "median":
                        errors[group]["median"].append(error)
    return {
        name: {
            **counts[name],
            "median_error_all": float(np.median(errors[name]["all"] or [np.nan])),
            "p95_error_all": float(np.percentile(errors[name]["all"] or [np.nan], 95)),
            "median_error_median": float(np.median(errors[name]["median"] or [np.nan])),
            "p95_error_median": float(np.percentile(errors[name]["median"] or [np.nan], 95)),
        }
        for name in SIZES
    }


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
    values = values[values["organization_id"] != viewer_id].set_index("organization_id")
    return protected_quantiles(values["value"], rules)


if __name__ == "__main__":
    today = timezone.localdate()
    rules = Rules.from_settings()
    categories = list(ProductCategory.objects.all())
    one_year, publications = publish_everything(categories, today, rules, [YEAR])
    cells = sum(len(p.cells) for p in publications)
    published = sum(len(p.keys()) for p in publications)
    started = time.perf_counter()
    utility_figures = utility(publications, rules)
    utility_seconds = time.perf_counter() - started
    started = time.perf_counter()
    release = publish(as_of=today, topics=["prices"])
    all_years = time.perf_counter() - started
    # What the exact method showed for the year when all years were decided together
    # (as a release is), against what the release shows (with the main-against-
    # subcategory check).
    _seconds, all_years_publications = publish_everything(
        categories, today, rules, default_years(today, settings.PRICE_YEARS_BACK)
    )
    exact_all_years = {}
    for publication in all_years_publications:
        for key, n in exact_cells(publication, rules).items():
            if key.year == YEAR:
                exact_all_years[size_group(n)] = exact_all_years.get(size_group(n), 0) + 1
    in_release = {}
    for category in categories:
        for key in publication_for(category).keys():
            if key.year == YEAR:
                n = int(publication_for(category).cells.loc[tuple(key), "n"])
                in_release[size_group(n)] = in_release.get(size_group(n), 0) + 1

    organization = Organization.objects.filter(sector="general_hospital").order_by("pk").first()
    user, _ = User.objects.get_or_create(username="bench-inkoper")
    if not Membership.objects.filter(user=user, organization=organization).exists():
        add_member(
            organization=organization, user=user, role=Membership.Role.PROCUREMENT_SPECIALIST
        )
    client = Client()
    client.force_login(user)
    asked = queries(organization, 300)
    for query in asked[:20]:  # the parts of the release this process reads, unpacked
        client.get("/api/v1/benchmarks/", query)
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
                "release_parts": release.summary.get("prices", 0),
                "years": settings.PRICE_YEARS_BACK + 1,
                "utility": utility_figures,
                "in_release": in_release,
                "exact_all_years": exact_all_years,
                "utility_seconds": utility_seconds,
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
