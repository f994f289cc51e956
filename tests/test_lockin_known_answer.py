"""A contract's lock-in risk, worked out by hand on a tiny market, is the number the
contract page shows, the one the vendor page's published figure is made of, and the one
the market monitor's median, quartiles and bands (dashboard and API) are made of: one
formula, one 0-100 scale (a bug report once had the monitor's median at 6110 and every
band at 0% while vendor pages showed 57.1)."""

from datetime import date, timedelta
from decimal import Decimal

import numpy as np
import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from contracts.lockin import contract_lock_in
from contracts.models import ContractClause, LockInClause
from contracts.tests.factories import ContractFactory
from disclosure.releases import publish
from disclosure.statistics import QUANTILES, hd_matrix, three_significant
from portal.models import Membership, Organization
from portal.tests.factories import OrganizationFactory, member
from vendors.lockin_published import published_lock_in
from vendors.models import InteroperabilityScore, ScoringMethod
from vendors.tests.factories import LeafCategoryFactory, ProductFactory, VendorFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)
PER_ORGANISATION = [51.0, 56.0, 61.0, 66.0, 71.0]


@pytest.fixture(autouse=True)
def exact(settings, monkeypatch):
    """Noise off (figures are the Harrell-Davis estimates), and today is TODAY."""
    from django.utils import timezone

    settings.DISCLOSURE_QUANTILE_NOISE = 0
    settings.DISCLOSURE_SUM_NOISE = 0
    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)


def dutch(value):
    return f"{value:.1f}".replace(".", ",")


@pytest.fixture
def tiny_market(reference_data):
    """Five hospitals, all buying product p (interoperability score 60) of vendor v.

    Every contract shares three components (default weights 40/20/15/15/10):
    interoperability 15 x (1 - 60/100) = 6; market position: v has 5 of the
    category's 5 customers, a share of 1 against the 50% mark: 15 x 1 = 15; nobody
    switched away: 10. Together 31. The rest, of the 9 clauses and the structure:

    - A: 3 clauses no, 3 partly, 3 yes: 40 x (3 + 1.5) / 9 = 20; 72 months (1), no
      automatic renewal (0), 6 months' notice (0.5): 20 x 1.5 / 3 = 10. Risk 61.
    - B: clauses as A: 20; 36 months, no renewal, 3 months' notice: 0. Risk 51.
    - C: clauses as A: 20; 72 months, automatic renewal, 12 months' notice: 20. Risk 71.
    - D: all 9 yes: 0; 48 months (0.5), no renewal, 12 months' notice (1): 10. Risk 41.
    - E: no clause answered (unknown counts as no): 40; 72 months, renewal, 12
      months' notice: 20. Risk 91.

    Hospital 1 has B (51); hospital 2 has B and A (mean 56); hospital 3 A (61);
    hospital 4 D and E (mean 66); hospital 5 C (71). One value per organisation:
    51, 56, 61, 66, 71 (PER_ORGANISATION), all in the band 50-75. (Six hospitals
    that signed with another vendor 30 days before the release count nowhere: with
    them v's share would be 5 of 11, under the 50% mark.) Evenly spaced, so
    the Harrell-Davis median is the middle value, 61.0; P25 and P75 lie symmetrically
    around it."""
    category = LeafCategoryFactory()
    product = ProductFactory(category=category)
    InteroperabilityScore.objects.create(
        product=product,
        method=ScoringMethod.objects.live(),
        score=Decimal("60"),
        breakdown={"components": []},
    )
    codes = list(LockInClause.objects.values_list("code", flat=True))
    mixed = {code: ["no", "partly", "yes"][i // 3] for i, code in enumerate(codes)}
    shapes = {  # clause answers, term, automatic renewal, notice
        "A": (mixed, 72, False, 6),
        "B": (mixed, 36, False, 3),
        "C": (mixed, 72, True, 12),
        "D": (dict.fromkeys(codes, "yes"), 48, False, 12),
        "E": ({}, 72, True, 12),
    }
    contracts = {}
    for n, held in enumerate(["B", "BA", "A", "DE", "C"], start=1):
        hospital = OrganizationFactory(slug=f"hospital-{n}")
        for shape in held:
            answers, term, renewal, notice = shapes[shape]
            contract = ContractFactory(
                organization=hospital,
                vendor=product.vendor,
                category=category,
                start_date=date(2024, 1, 1),
                end_date=date(2029, 12, 31),
                initial_term_months=term,
                auto_renewal=renewal,
                notice_period_months=notice,
            )
            contract.products.set([product])
            for clause in LockInClause.objects.filter(code__in=answers):
                ContractClause.objects.create(
                    contract=contract, clause=clause, answer=answers[clause.code]
                )
            contracts[(n, shape)] = contract
    newcomer = VendorFactory()
    for n in range(6):  # too young to count anywhere, v's share of customers included
        ContractFactory(
            organization=OrganizationFactory(slug=f"newcomer-{n}"),
            vendor=newcomer,
            category=category,
            start_date=TODAY - timedelta(days=30),
            end_date=date(2029, 12, 31),
        )
    publish(as_of=TODAY, topics=["lockin", "market"])
    return product, category, contracts


def expected_quartiles():
    values = np.array([PER_ORGANISATION])
    estimates = hd_matrix(values, [QUANTILES["p25"], QUANTILES["p75"]])[0]
    return tuple(three_significant(value) for value in estimates)


def test_each_contract_page_shows_the_hand_computed_risk(tiny_market, client):
    _product, _category, contracts = tiny_market
    expected = {"A": "61.0", "B": "51.0", "C": "71.0", "D": "41.0", "E": "91.0"}
    for (_n, shape), contract in contracts.items():
        risk, _breakdown = contract_lock_in(contract)
        assert risk == Decimal(expected[shape]), shape
    contract = contracts[(3, "A")]
    client.force_login(member(contract.organization))
    html = client.get(contract.get_absolute_url()).content.decode()
    assert "Lock-inrisico: 61,0 / 100" in html


def test_vendor_page_publishes_the_hand_computed_figure(tiny_market, client):
    product, _category, _contracts = tiny_market
    p25, p75 = expected_quartiles()
    assert p25 < 61.0 < p75 and p25 + p75 == pytest.approx(122.0, abs=0.1)
    figure = published_lock_in(product.vendor).vendor
    assert (figure.n_organisations, figure.median) == (5, 61.0)
    assert (figure.p25, figure.p75) == (p25, p75)
    html = client.get(reverse("vendor_detail", args=[product.vendor.slug])).content.decode()
    shown = f"mediaan 61,0 (P25 {dutch(p25)}, P75 {dutch(p75)}; 5 organisaties)"
    assert html.count(shown) == 2  # the vendor, and its one product (the same customers)


def test_market_monitor_shows_the_hand_computed_figures(tiny_market, client):
    _product, category, _contracts = tiny_market
    p25, p75 = expected_quartiles()
    body = OrganizationFactory(slug="ministerie", type=Organization.Type.POLICY_BODY, sector="")
    analyst = member(body, Membership.Role.POLICY_ANALYST, username="analist")

    api = APIClient()
    api.force_authenticate(analyst)
    answer = api.get(f"/api/v1/market/lock-in/?category={category.slug}&year=2026").json()
    lock_in = answer["lock_in"]
    assert (lock_in["organisations"], lock_in["median"]) == (5, 61.0)
    assert (lock_in["p25"], lock_in["p75"]) == (p25, p75)
    bands = {band["band"]: band for band in lock_in["bands"]}
    assert bands["50-75"]["share"] == 1.0  # all five organisations
    for band in ("0-25", "25-50", "75-100"):
        assert bands[band]["share"] is None and bands[band]["withheld"] == "too_few"

    client.force_login(analyst)
    html = client.get(
        reverse("market_dashboard") + f"?categorie={category.slug}&jaar=2026"
    ).content.decode()
    assert f"61,0 (P25 {dutch(p25)}, P75 {dutch(p75)})" in html
    assert "Lock-inrisico 50-75</td><td>100,0% van de organisaties" in html
