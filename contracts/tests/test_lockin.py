"""Lock-in risk of a contract (a worked example and each component), and the lock-in
figures that vendor and product pages and the API publish from releases."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from contracts.lockin import contract_lock_in
from contracts.models import ContractClause, LockInClause, VendorSwitch
from contracts.tests.factories import ContractFactory
from vendors.lockin import MarketInputs
from vendors.tests.factories import ProductFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)


def answer_all(contract, answer, **overrides):
    for clause in LockInClause.objects.all():
        ContractClause.objects.create(
            contract=contract, clause=clause, answer=overrides.get(clause.code, answer)
        )


def component(breakdown, name):
    return next(c for c in breakdown["components"] if c["name"] == name)


def test_worked_example(reference_data):
    """9 clauses: 7 yes, exit plan partly, escrow no -> (0.5 + 1) / 9 = 0.1667;
    72-month term (1), auto-renewal (1), 3 months' notice (0) -> 0.6667; no score -> 1;
    the vendor has all the category's customers (share 1, as a release gives it) -> 1;
    nobody switched away -> 1.
    Risk = 40 x 0.1667 + 20 x 0.6667 + 15 + 15 + 10 = 6.67 + 13.33 + 40 = 60.0."""
    product = ProductFactory()
    contract = ContractFactory(
        vendor=product.vendor,
        category=product.category,
        start_date=date(2024, 1, 1),
        end_date=date(2029, 12, 31),
        initial_term_months=72,
        auto_renewal=True,
        notice_period_months=3,
    )
    answer_all(contract, "yes", **{"exit-plan": "partly", "escrow": "no"})
    market = MarketInputs({(product.vendor_id, product.category_id): 1.0}, frozenset())
    risk, breakdown = contract_lock_in(contract, market=market)
    assert LockInClause.objects.count() == 9
    assert risk == Decimal("60.0")
    assert component(breakdown, "clauses")["inputs"]["escrow"] == "no"
    assert component(breakdown, "market_position")["inputs"] == {"customer_share": 1.0}


def test_protective_contract_with_competition_and_switching(reference_data):
    product = ProductFactory()
    contract = ContractFactory(
        vendor=product.vendor,
        category=product.category,
        start_date=date(2025, 1, 1),
        end_date=date(2027, 12, 31),
        initial_term_months=36,
        notice_period_months=3,
    )
    answer_all(contract, "yes")
    for _ in range(3):  # three other customers with another vendor: share 1/4
        ContractFactory(
            category=product.category, start_date=date(2025, 1, 1), end_date=date(2027, 12, 31)
        )
    other = ContractFactory(
        category=product.category, start_date=date(2023, 1, 1), end_date=date(2025, 12, 31)
    )
    VendorSwitch.objects.create(
        organization=other.organization,
        category=product.category,
        from_vendor=product.vendor,
        to_vendor=other.vendor,
        to_contract=other,
        switch_date=date(2023, 1, 1),
    )
    pair = (product.vendor_id, product.category_id)
    risk, breakdown = contract_lock_in(
        contract, market=MarketInputs({pair: 0.25}, frozenset({pair}))
    )
    assert component(breakdown, "clauses")["value"] == 0
    assert component(breakdown, "structure")["value"] == 0
    assert component(breakdown, "market_position")["value"] == 0.5  # 25% of the 50% mark
    assert component(breakdown, "switching")["value"] == 0
    assert risk == Decimal("22.5")  # 15 (no interoperability score) + 15 x 0.5


def test_the_contract_page_shows_its_lock_in_risk(reference_data, client):
    from portal.tests.factories import member

    product = ProductFactory()
    contract = ContractFactory(
        vendor=product.vendor,
        category=product.category,
        start_date=date(2024, 1, 1),
        end_date=date(2029, 12, 31),
        initial_term_months=72,
        auto_renewal=True,
        notice_period_months=3,
    )
    answer_all(contract, "yes", **{"exit-plan": "partly", "escrow": "no"})
    client.force_login(member(contract.organization))
    html = client.get(contract.get_absolute_url()).content.decode()
    # As the worked example, but the vendor's share of customers is not published (one
    # customer, fewer than 5): its market position counts 0. 60.0 - 15 = 45.0.
    assert "Lock-inrisico: 45,0 / 100" in html
    assert "Ontbrekende beschermende clausules" in html


# Published figures ---------------------------------------------------------------------


def exact_rules():
    from disclosure.rules import Rules

    return Rules(sum_noise=0, quantile_noise=0)


def publish_lock_in(as_of=TODAY):
    from disclosure.releases import publish

    return publish(as_of=as_of, topics=["lockin"])


def _customers(product, count, start=date(2024, 1, 1), **contract_fields):
    contracts = []
    for n in range(count):
        contract = ContractFactory(
            vendor=product.vendor,
            category=product.category,
            start_date=start,
            end_date=date(2029, 12, 31),
            initial_term_months=24 + 12 * n,
            notice_period_months=n * 2,
            **contract_fields,
        )
        contract.products.set([product])
        answer_all(contract, ["yes", "partly", "no"][n % 3])
        contracts.append(contract)
    return contracts


def computed(vendor, rules, *, as_of=TODAY, earlier=()):
    """What the release producer computes for ``vendor`` (with ``rules``), seen by all."""
    from contracts.lockin import contract_risks
    from vendors.lockin_published import build_vendor_lock_in, values_by_vendor
    from vendors.models import Product, ScoringMethod

    contracts, links = contract_risks(
        None,
        as_of,
        ScoringMethod.objects.live(),
        started_by=as_of - timedelta(days=rules.min_age_days),
    )
    families = values_by_vendor(
        contracts, links, dict(Product.objects.values_list("pk", "vendor_id"))
    )
    return build_vendor_lock_in(
        vendor.pk, families[vendor.pk], rules, as_of=as_of, earlier=earlier
    ).view()


def test_bulk_risks_match_each_contracts_risk(reference_data):
    """The bulk computation (also read by the market monitor through
    contract_risks(vendor, today, method)) gives every contract's own risk."""
    from contracts.lockin import contract_risks
    from vendors.models import ScoringMethod

    product = ProductFactory()
    contracts = _customers(product, 6)
    publish_lock_in()  # a contract's market inputs come from the release
    method = ScoringMethod.objects.live()
    bulk, links = contract_risks(product.vendor, TODAY, method)
    for contract in contracts:
        single, _ = contract_lock_in(contract, method=method)
        assert round(bulk.set_index("id").loc[contract.pk, "risk"], 1) == float(single)
    assert set(links["product_id"]) == {product.pk}


def test_without_noise_the_figures_are_harrell_davis_quantiles_per_organisation(reference_data):
    """One value per organisation (the mean of its contracts); the median is the
    Harrell-Davis estimate over those values, never one organisation's own value."""
    import numpy as np

    from contracts.lockin import contract_risks
    from disclosure.statistics import QUANTILES, hd_matrix, three_significant
    from vendors.models import ScoringMethod

    product = ProductFactory()
    contracts = _customers(product, 6)
    ContractFactory(  # a second contract of the first customer, without the product
        organization=contracts[0].organization,
        vendor=product.vendor,
        category=product.category,
        start_date=date(2024, 1, 1),
        end_date=date(2029, 12, 31),
        initial_term_months=12,
    )
    risks, _ = contract_risks(product.vendor, TODAY, ScoringMethod.objects.live())
    per_org = np.sort(risks.groupby("organization_id")["risk"].mean().to_numpy())
    expected = hd_matrix(per_org[None, :], list(QUANTILES.values()))[0]
    published = computed(product.vendor, exact_rules())
    assert published.vendor.n_organisations == 6
    assert published.vendor.median == three_significant(expected[2])
    assert published.vendor.p25 == three_significant(expected[1])
    assert published.vendor.p10 is None  # tails only from 10 organisations
    assert published.vendor.median not in set(np.round(per_org, 1))
    # the product's customers are the vendor's: the same set, so both are shown
    assert not published.product(product.pk).suppressed


def test_few_customers_or_a_subtractable_product_are_suppressed(reference_data):
    product = ProductFactory()
    _customers(product, 4)
    assert computed(product.vendor, exact_rules()).vendor.code == "too_few"
    other = ProductFactory(vendor=product.vendor, category=product.category)
    _customers(other, 3)  # vendor: 7 customers, product: 4, other: 3
    published = computed(product.vendor, exact_rules())
    assert published.vendor.n_organisations == 7
    assert published.product(product.pk).code == "too_few"
    _customers(other, 2)  # other: 5 customers, vendor 9: differ by 4 -> other suppressed
    published = computed(product.vendor, exact_rules())
    assert not published.vendor.suppressed
    assert published.product(other.pk).code == "differencing"
    assert (
        published.product(other.pk).reason
        == "zou samen met een ander cijfer een organisatie kunnen onthullen"
    )


def test_only_contracts_running_on_the_release_day_and_ninety_days_old_count(reference_data):
    product = ProductFactory()
    _customers(product, 5)
    _customers(product, 1, start=TODAY - timedelta(days=89))  # too young
    _customers(product, 1, start=TODAY - timedelta(days=90))  # just old enough
    ended = _customers(product, 1)[0]
    ended.end_date = TODAY - timedelta(days=1)
    ended.save(update_fields=["end_date"])
    assert computed(product.vendor, exact_rules()).vendor.n_organisations == 6


def test_pages_and_api_say_so_before_the_first_release(client, reference_data):
    from django.urls import reverse

    product = ProductFactory()
    _customers(product, 6)
    html = client.get(reverse("vendor_detail", args=[product.vendor.slug])).content.decode()
    assert html.count("niet getoond: er zijn nog geen cijfers gepubliceerd") == 2  # vendor, product
    body = client.get(f"/api/v1/vendors/{product.vendor.slug}/").json()
    assert body["lock_in"]["code"] == "no_release" and body["lock_in"]["release"] is None


def test_vendor_page_publishes_the_lock_in_figure_of_the_release(client, reference_data):
    """The real, noisy figure: the page shows the release's date; writes after the
    release change nothing until the next one."""
    from django.urls import reverse

    product = ProductFactory()
    _customers(product, 4)
    publish_lock_in()
    url = reverse("vendor_detail", args=[product.vendor.slug])
    html = client.get(url).content.decode()
    assert "niet getoond: minder dan 5 organisaties" in html
    assert "Publicatie van 22-11-2026" in html
    _customers(product, 2)
    assert "minder dan 5 organisaties" in client.get(url).content.decode()  # not yet released
    publish_lock_in(TODAY + timedelta(days=30))
    html = client.get(url).content.decode()
    assert "6 organisaties)" in html and "Publicatie van 22-12-2026" in html
    product_html = client.get(reverse("product_detail", args=[product.slug])).content.decode()
    assert "6 organisaties)" in product_html


def test_api_publishes_lock_in_on_detail_requests(client, reference_data):
    product = ProductFactory()
    contracts = _customers(product, 6)
    publish_lock_in()
    body = client.get(f"/api/v1/vendors/{product.vendor.slug}/").json()
    assert body["lock_in"]["n_organisations"] == 6 and body["lock_in"]["median"] is not None
    assert body["lock_in"]["release"] == "2026-11-22" and body["lock_in"]["code"] == ""
    per_org = sorted(float(contract_lock_in(c)[0]) for c in contracts)  # each customer's own risk
    assert 0 <= body["lock_in"]["median"] <= 100 and body["lock_in"]["median"] not in per_org
    assert client.get("/api/v1/vendors/").json()["results"][0]["lock_in"] is None
    product_body = client.get(f"/api/v1/products/{product.slug}/").json()
    assert product_body["lock_in"]["suppressed"] is False


def test_a_customer_sees_the_figure_without_its_own_contract(client, reference_data):
    from django.urls import reverse

    from portal.tests.factories import member

    product = ProductFactory()
    contracts = _customers(product, 6)
    publish_lock_in()
    url = reverse("vendor_detail", args=[product.vendor.slug])
    client.force_login(member(contracts[0].organization))
    assert "5 organisaties)" in client.get(url).content.decode()  # six customers, its own left out
    body = client.get(f"/api/v1/vendors/{product.vendor.slug}/").json()
    assert body["lock_in"]["n_organisations"] == 5
    client.logout()
    assert "6 organisaties)" in client.get(url).content.decode()


def test_a_release_withholds_a_figure_one_customer_away_from_an_earlier_one(
    reference_data, django_assert_max_num_queries
):
    """Differencing over time: after one customer leaves, the figure is withheld until its
    customers are more than five organisations away from every set shown before."""
    from contracts.services import delete_contract
    from vendors.lockin_published import published_lock_in

    product = ProductFactory()
    contracts = _customers(product, 7)
    publish_lock_in()
    first = published_lock_in(product.vendor)
    assert first.vendor.n_organisations == 7
    with django_assert_max_num_queries(0):  # the release and its part are remembered
        assert published_lock_in(product.vendor) == first
    delete_contract(contract=contracts[0])
    assert published_lock_in(product.vendor) == first  # nothing moves until the next release
    publish_lock_in(TODAY + timedelta(days=30))
    assert published_lock_in(product.vendor).vendor.code == "differencing"
    publish_lock_in(TODAY + timedelta(days=60))  # still one away from the first release's set
    assert published_lock_in(product.vendor).vendor.code == "differencing"
    _customers(product, 6)  # 12 customers: 6 away from the 7 shown before
    publish_lock_in(TODAY + timedelta(days=90))
    assert published_lock_in(product.vendor).vendor.n_organisations == 12
    # a customer's own view leaves its own contracts out
    own = contracts[1].organization_id
    assert published_lock_in(product.vendor, viewer_organization=own).vendor.n_organisations == 11


def test_market_inputs_come_from_the_release_and_do_not_move_between_releases(
    reference_data, settings
):
    """Six organisations buy from the product's vendor and two from another. The
    vendor's share of customers is read from the release as a protected share (noise
    off here: 6 of 8 = 0.75); the other vendor's two customers are too few: withheld,
    counted 0. New customers after the release change no contract's risk until the next
    (the red team read exact customer counts from a contract page that moved daily)."""
    settings.DISCLOSURE_SUM_NOISE = 0
    product = ProductFactory()
    contracts = _customers(product, 6)
    others = [
        ContractFactory(category=product.category, start_date=date(2024, 1, 1)) for _ in range(2)
    ]
    publish_lock_in()
    _risk, breakdown = contract_lock_in(contracts[0])
    assert component(breakdown, "market_position")["inputs"] == {"customer_share": 0.75}
    _risk, breakdown = contract_lock_in(others[0])
    assert component(breakdown, "market_position") | {"weight": 0} == {
        "name": "market_position",
        "weight": 0,
        "value": 0,
        "inputs": {"customer_share": None},
    }
    before = contract_lock_in(contracts[0])
    for _ in range(3):
        ContractFactory(category=product.category, start_date=date(2024, 1, 1))
    assert contract_lock_in(contracts[0]) == before
    publish_lock_in(TODAY + timedelta(days=30))
    _risk, breakdown = contract_lock_in(contracts[0])
    assert component(breakdown, "market_position")["inputs"] == {"customer_share": 0.55}
