"""The one lock-in formula (vendors.lockin_formula): its components on hand-made frames,
its 0-100 scale, and that a contract's risk on its own page (one contract) is the very
number the bulk computation gives it (the published figures and the market monitor)."""

from datetime import date
from decimal import Decimal
from itertools import cycle

import numpy as np
import pandas as pd
import pytest

from vendors import lockin_formula as formula
from vendors.lockin import MarketInputs

TODAY = date(2026, 11, 22)


def frame(**columns):
    return pd.DataFrame(columns)


def test_structure_thresholds():
    """Over 60 months' term 1, over 36 0.5; notice of 12 months or more 1, 6 or more
    0.5; automatic renewal 1."""
    parts = formula.structure_parts(
        pd.Series([36, 37, 60, 61]),
        pd.Series([False, True, False, True]),
        pd.Series([5, 6, 11, 12]),
    )
    assert parts.to_dict("list") == {
        "long_term": [0.0, 0.5, 0.5, 1.0],
        "auto_renewal": [0.0, 1.0, 0.0, 1.0],
        "long_notice": [0.0, 0.5, 0.5, 1.0],
    }


def test_clauses_count_unanswered_as_unknown():
    """A checklist of 4: contract 1 answered yes, partly (the other two unanswered):
    (0 + 0.5 + 1 + 1) / 4 = 0.625; contract 2 answered nothing: 1."""
    answers = frame(contract_id=[1, 1], answer=["yes", "partly"])
    risk = formula.clause_risk(pd.Series([1, 2]), answers, 4)
    assert risk.tolist() == [0.625, 1.0]


def test_interoperability_without_a_score_counts_fully():
    assert formula.interoperability_risk(pd.Series([80.0, np.nan])).tolist() == pytest.approx(
        [0.2, 1.0]
    )


def test_weights_are_scaled_to_add_up_to_100():
    """A method whose lock-in weights add up to 10 gives the same risks as the
    default's 40/20/15/15/10: the total stays on the 0-100 scale."""
    tenths = {"clauses": 4, "structure": 2, "interoperability": 1.5, "market_position": 1.5}
    weights, dominant = formula.weights({"lock_in": {**tenths, "switching": 1}})
    assert weights == {
        "clauses": 40,
        "structure": 20,
        "interoperability": 15,
        "market_position": 15,
        "switching": 10,
    }
    assert dominant == 0.5
    assert formula.weights({})[0] == weights  # the default


def test_the_worst_contract_scores_100_and_the_best_0():
    contracts = frame(
        id=[1, 2],
        vendor_id=[7, 7],
        category_id=[3, 4],
        initial_term_months=[72, 12],
        auto_renewal=[True, False],
        notice_period_months=[12, 0],
    )
    answers = frame(contract_id=[2, 2], answer=["yes", "yes"])
    market = MarketInputs({(7, 3): 0.9, (7, 4): 0.1}, frozenset({(7, 4)}))
    weights, dominant = formula.weights({})
    parts = formula.components(contracts, answers, 2, pd.Series([np.nan, 100.0]), market, dominant)
    assert parts.loc[1, "market_position"] == pytest.approx(0.2)  # 10% of the 50% mark
    parts.loc[1, "market_position"] = 0.0
    assert formula.total(parts, weights).tolist() == [100.0, 0.0]


@pytest.mark.django_db
def test_each_contracts_own_risk_is_the_bulk_risk(reference_data):
    """Thirty contracts varied in every input (terms and notices at the thresholds,
    automatic renewal, some clauses answered, products with and without scores, a
    vendor scored only through a product no contract names, one never scored, shares
    published or withheld, switches): the contract page's figure and breakdown are the
    bulk computation's, to the decimal."""
    from contracts.lockin import contract_lock_in, contract_risks
    from contracts.models import ContractClause, LockInClause
    from contracts.tests.factories import ContractFactory
    from vendors.models import InteroperabilityScore, ScoringMethod
    from vendors.tests.factories import LeafCategoryFactory, ProductFactory, VendorFactory

    method = ScoringMethod.objects.live()
    categories = [LeafCategoryFactory(), LeafCategoryFactory()]
    vendors = [VendorFactory() for _ in range(3)]
    products = [
        ProductFactory(vendor=vendors[0], category=categories[0]),  # scored 35.5
        ProductFactory(vendor=vendors[0], category=categories[1]),  # scored 80
        ProductFactory(vendor=vendors[1], category=categories[0]),  # never scored
        ProductFactory(vendor=vendors[2], category=categories[1]),  # not in any contract
    ]
    for product, score in ((products[0], "35.5"), (products[1], "80"), (products[3], "62.5")):
        InteroperabilityScore.objects.create(
            product=product, method=method, score=Decimal(score), breakdown={}
        )
    clauses = list(LockInClause.objects.all())
    rng = np.random.default_rng(7)
    terms, notices = cycle([12, 36, 37, 60, 61, 72]), cycle([0, 5, 6, 11, 12, 24, 3])
    contracts = []
    for n in range(30):
        vendor, category = vendors[n % 3], categories[n % 2]
        term = next(terms)
        contract = ContractFactory(
            vendor=vendor,
            category=category,
            start_date=date(2024, 1, 1),
            end_date=date(2029, 12, 31),
            initial_term_months=term,
            auto_renewal=bool(n % 4 == 1),
            notice_period_months=min(next(notices), term - 1),  # shorter than the term
        )
        linked = [p for p in products[:3] if rng.random() < 0.5]
        contract.products.set(linked)
        for clause in clauses:
            if rng.random() < 0.7:
                answer = rng.choice(["yes", "partly", "no", "unknown"])
                ContractClause.objects.create(contract=contract, clause=clause, answer=answer)
        contracts.append(contract)
    pairs = [(v.pk, c.pk) for v in vendors for c in categories]
    market = MarketInputs(
        dict(zip(pairs, [0.2, 0.7, None, 0.45, 0.05, None], strict=True)),
        frozenset(pairs[::3]),
    )

    bulk, _links = contract_risks(None, TODAY, method, market=market)
    bulk = bulk.set_index("id")
    bases = set()
    for contract in contracts:
        risk, breakdown = contract_lock_in(contract, method=method, market=market)
        row = bulk.loc[contract.pk]
        assert risk == formula.rounded(row["risk"])
        for part in breakdown["components"]:
            assert part["value"] == round(row[part["name"]], 4)
        bases.add(breakdown["components"][2]["inputs"]["basis"])
    assert bases == {"products", "vendor", "none"}
    assert len(set(bulk["risk"].round(1))) > 15  # the inputs did vary
