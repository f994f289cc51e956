"""Market-balance measures against small hand-computed examples."""

from datetime import date

import pandas as pd
import pytest

from market import measures


def test_hhi_bands_and_concentration_ratios():
    """Shares 50/30/10/10 %: HHI 2,500 + 900 + 100 + 100 = 3,600 (high; US: highly
    concentrated); CR1 50%, CR3 90%, CR4 100%."""
    shares = measures.shares(pd.Series({"a": 5, "b": 3, "c": 1, "d": 1}))
    assert list(shares.index) == ["a", "b", "c", "d"]
    figures = measures.concentration(shares)
    assert figures["hhi"] == pytest.approx(3600)
    assert (figures["eu_band"], figures["us_band"]) == ("high", "highly_concentrated")
    assert (figures["cr1"], figures["cr3"], figures["cr4"]) == pytest.approx((0.5, 0.9, 1.0))


def test_a_66_percent_share_alone_gives_4356():
    assert measures.hhi(pd.Series([0.66])) == pytest.approx(4356)


@pytest.mark.parametrize(
    "index, eu, us",
    [
        (999, "low", "unconcentrated"),
        (1000, "moderate", "moderately_concentrated"),
        (1800, "moderate", "moderately_concentrated"),
        (1801, "moderate", "highly_concentrated"),
        (2000, "high", "highly_concentrated"),
    ],
)
def test_band_edges(index, eu, us):
    assert (measures.eu_band(index), measures.us_band(index)) == (eu, us)


def test_ten_equal_vendors_are_unconcentrated():
    shares = measures.shares(pd.Series(dict.fromkeys("abcdefghij", 1)))
    assert measures.hhi(shares) == pytest.approx(1000)  # 10 x 10^2
    assert measures.eu_band(900) == "low"


def contracts(rows):
    frame = pd.DataFrame(rows, columns=["contract_id", "vendor", "start", "end", "auto_renewal"])
    frame["start_date"] = pd.to_datetime(frame["start"])
    frame["end_date"] = pd.to_datetime(frame["end"])
    frame["start_year"] = frame["start_date"].dt.year
    frame["end_year"] = frame["end_date"].dt.year
    return frame


MARKET = contracts(
    [
        (1, "a", date(2018, 1, 1), date(2022, 12, 31), True),  # ended 2022, switched to b
        (2, "a", date(2019, 1, 1), date(2022, 6, 30), False),  # ended 2022, renewed with a
        (3, "b", date(2023, 1, 1), date(2027, 12, 31), True),  # b enters 2023
        (4, "a", date(2022, 7, 1), date(2026, 6, 30), False),
        (5, "c", date(2020, 1, 1), date(2024, 12, 31), True),  # c's only contract: exits 2024
    ]
)


def test_switching_rate_counts_contracts_ending_that_year():
    assert measures.switching_rate(MARKET, {1}, 2022) == 0.5  # 1 of the 2 that ended
    assert measures.switching_rate(MARKET, {1}, 2024) == 0.0
    assert measures.switching_rate(MARKET, {1}, 2021) is None  # none ended


def test_entries_and_exits():
    assert measures.entries_and_exits(MARKET, 2023, last_complete_year=2025) == (["b"], [])
    assert measures.entries_and_exits(MARKET, 2024, last_complete_year=2025) == ([], ["c"])
    # A year not over yet has no exits (contracts may still be renewed).
    assert measures.entries_and_exits(MARKET, 2026, last_complete_year=2025) == ([], None)
    assert measures.entries_and_exits(MARKET, 2018, last_complete_year=2025) == (["a"], [])


def test_contract_length_and_auto_renewal_of_active_contracts():
    active = measures.active_in(MARKET, 2024)  # contracts 3, 4 and 5
    assert sorted(active["contract_id"]) == [3, 4, 5]
    # 60, 48 and 60 months (to the day: 59.97, 47.97, 59.97) -> median ~60
    assert measures.median_length_months(active) == pytest.approx(59.97, abs=0.05)
    assert measures.auto_renewal_share(active) == pytest.approx(2 / 3)


def test_clause_shares_count_only_yes():
    active = measures.active_in(MARKET, 2024)
    clauses = pd.DataFrame(
        [
            (3, "exit-plan", "yes"),
            (4, "exit-plan", "partly"),
            (5, "exit-plan", "yes"),
            (3, "escrow", "no"),
            (1, "escrow", "yes"),  # not active in 2024
        ],
        columns=["contract_id", "code", "answer"],
    )
    agreed = clauses[clauses["answer"] == "yes"][["contract_id", "code"]]
    assert measures.clause_shares(active, agreed, ["exit-plan", "escrow"]) == {
        "exit-plan": pytest.approx(2 / 3),
        "escrow": 0.0,
    }


def test_ict_spend_as_a_share_of_revenue():
    """EUR 5.8m of 100m is 5.8%; an organisation without revenue is left out."""
    spend = pd.Series({1: 5_800_000.0, 2: 3_000_000.0, 3: 1.0})
    revenue = pd.Series({1: 100_000_000.0, 2: 50_000_000.0, 3: 0.0, 4: 10_000_000.0})
    ratios = measures.revenue_shares(spend, revenue)
    assert ratios.to_dict() == pytest.approx({1: 0.058, 2: 0.06, 4: 0.0})
