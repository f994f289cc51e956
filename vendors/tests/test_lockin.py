"""Lock-in risk of a contract: a worked example and each component."""

from datetime import date
from decimal import Decimal

import pytest

from contracts.models import ContractClause, LockInClause, VendorSwitch
from contracts.tests.factories import ContractFactory
from vendors.lockin import contract_lock_in
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
    the only customer in the category -> share 1 -> 1; nobody switched away -> 1.
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
    risk, breakdown = contract_lock_in(contract, today=TODAY)
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
    risk, breakdown = contract_lock_in(contract, today=TODAY)
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
    assert "Lock-inrisico: 60,0 / 100" in html
    assert "Ontbrekende beschermende clausules" in html


def _customers(product, count, **contract_fields):
    contracts = []
    for n in range(count):
        contract = ContractFactory(
            vendor=product.vendor,
            category=product.category,
            start_date=date(2024, 1, 1),
            end_date=date(2029, 12, 31),
            initial_term_months=24 + 12 * n,
            notice_period_months=n * 2,
            **contract_fields,
        )
        contract.products.set([product])
        answer_all(contract, ["yes", "partly", "no"][n % 3])
        contracts.append(contract)
    return contracts


def test_published_figures_match_each_contracts_risk(reference_data):
    from prices.disclosure import Rules
    from vendors.lockin_published import _contract_risks, published_lock_in
    from vendors.models import ScoringMethod

    product = ProductFactory()
    contracts = _customers(product, 6)
    method = ScoringMethod.objects.live()
    bulk, _links = _contract_risks(product.vendor, TODAY, method)
    for contract in contracts:
        single, _ = contract_lock_in(contract, today=TODAY, method=method)
        assert round(bulk.set_index("id").loc[contract.pk, "risk"], 1) == float(single)
    published = published_lock_in(product.vendor, today=TODAY, rules=Rules())
    assert published.vendor.n_organisations == 6 and published.vendor.median is not None
    # the product's customers are the vendor's: same set, so both may be shown
    assert not published.products[product.pk].suppressed


def test_few_customers_or_a_subtractable_product_are_suppressed(reference_data):
    from prices.disclosure import Rules
    from vendors.lockin_published import published_lock_in

    product = ProductFactory()
    _customers(product, 4)
    assert published_lock_in(product.vendor, today=TODAY, rules=Rules()).vendor.suppressed
    other = ProductFactory(vendor=product.vendor, category=product.category)
    _customers(other, 3)  # vendor: 7 customers, product: 4, other: 3
    published = published_lock_in(product.vendor, today=TODAY, rules=Rules())
    assert published.vendor.n_organisations == 7
    assert published.products[product.pk].suppressed  # fewer than 5
    _customers(other, 2)  # other: 5 customers, vendor 9: differ by 4 -> other suppressed
    published = published_lock_in(product.vendor, today=TODAY, rules=Rules())
    assert not published.vendor.suppressed
    assert published.products[other.pk].suppressed
    assert (
        published.products[other.pk].reason
        == "zou samen met een ander cijfer een organisatie kunnen onthullen"
    )


def test_vendor_page_publishes_the_lock_in_figure_only_with_enough_customers(
    client, reference_data
):
    from django.urls import reverse

    product = ProductFactory()
    _customers(product, 4)
    html = client.get(reverse("vendor_detail", args=[product.vendor.slug])).content.decode()
    assert "niet getoond: minder dan 5 organisaties" in html
    _customers(product, 2)
    html = client.get(reverse("vendor_detail", args=[product.vendor.slug])).content.decode()
    assert "6 organisaties)" in html


def test_api_publishes_lock_in_on_detail_requests(client, reference_data):
    product = ProductFactory()
    _customers(product, 6)
    body = client.get(f"/api/v1/vendors/{product.vendor.slug}/").json()
    assert body["lock_in"]["n_organisations"] == 6 and body["lock_in"]["median"] is not None
    assert client.get("/api/v1/vendors/").json()["results"][0]["lock_in"] is None
    product_body = client.get(f"/api/v1/products/{product.slug}/").json()
    assert product_body["lock_in"]["suppressed"] is False


def test_a_customer_sees_the_figure_without_its_own_contract(client, reference_data):
    from django.urls import reverse

    from portal.tests.factories import member

    product = ProductFactory()
    contracts = _customers(product, 6)
    client.force_login(member(contracts[0].organization))
    html = client.get(reverse("vendor_detail", args=[product.vendor.slug])).content.decode()
    assert "5 organisaties)" in html  # six customers, its own left out
    client.logout()
    html = client.get(reverse("vendor_detail", args=[product.vendor.slug])).content.decode()
    assert "6 organisaties)" in html


def test_published_figures_are_cached_until_a_contract_changes(
    reference_data, django_assert_max_num_queries
):
    from contracts.services import delete_contract
    from prices.disclosure import Rules
    from vendors.lockin_published import published_lock_in

    product = ProductFactory()
    contracts = _customers(product, 6)
    first = published_lock_in(product.vendor, today=TODAY, rules=Rules())
    with django_assert_max_num_queries(2):  # the live scoring method and the data versions
        assert published_lock_in(product.vendor, today=TODAY, rules=Rules()) == first
    delete_contract(contract=contracts[0])  # a write through the services bumps a version
    assert published_lock_in(product.vendor, today=TODAY, rules=Rules()).vendor.n_organisations == 5
    # a customer's own view is not the cached one: it leaves its own contracts out
    own = contracts[1].organization_id
    mine = published_lock_in(product.vendor, today=TODAY, rules=Rules(), viewer_organization=own)
    assert mine.vendor.suppressed  # 4 others
