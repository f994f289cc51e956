"""Each disclosure rule of a single cell on small hand-built datasets (differencing
across cells: test_differencing.py and test_publication.py)."""

import pandas as pd

from prices.disclosure import (
    Rules,
    cell_statistics,
    three_significant,
)

RULES = Rules()


def cell(values):
    """{organization_id: value}."""
    return pd.DataFrame({"organization_id": list(values), "value": list(values.values())})


def test_fewer_than_five_organisations_is_suppressed_without_its_count():
    result = cell_statistics(cell({1: 100, 2: 110, 3: 120, 4: 130}), RULES)
    assert result.suppressed and result.reason == "minder dan 5 organisaties"
    assert result.n_organisations is None and result.median is None


def test_five_organisations_give_quartiles_but_no_tails():
    result = cell_statistics(cell({1: 100, 2: 110, 3: 120, 4: 130, 5: 140}), RULES)
    assert not result.suppressed
    assert (result.n_organisations, result.p25, result.median, result.p75) == (5, 110, 120, 130)
    assert result.p10 is None and result.p90 is None


def test_ten_organisations_add_p10_and_p90():
    result = cell_statistics(cell({i: 100 * i for i in range(1, 11)}), RULES)
    assert (result.p10, result.p90) == (190, 910)


def test_a_dominant_organisation_suppresses_the_cell():
    """Org 1 pays 1,000 of 1,400 in total (71 %): more than 25 %."""
    result = cell_statistics(cell({1: 1000, 2: 100, 3: 100, 4: 100, 5: 100}), RULES)
    assert result.suppressed and "te groot aandeel" in result.reason


def test_several_contracts_of_one_organisation_count_once():
    frame = pd.DataFrame({"organization_id": [1, 1, 1, 1, 1, 2], "value": [10, 10, 10, 10, 10, 10]})
    assert cell_statistics(frame, RULES).suppressed


def test_the_viewer_is_left_out_of_its_own_benchmark():
    values = {1: 100, 2: 110, 3: 120, 4: 130, 5: 140, 6: 150}
    assert cell_statistics(cell(values), RULES, viewer_organization=6).median == 120
    assert cell_statistics(cell(values), RULES).median == 125
    assert cell_statistics(cell(values), RULES, viewer_organization=1).organisations == {
        2,
        3,
        4,
        5,
        6,
    }


def test_rounding_to_three_significant_figures():
    assert three_significant(123456.0) == 123000
    assert three_significant(0.0042337) == 0.00423
    assert three_significant(98.76) == 98.8


def test_thresholds_come_from_settings(settings):
    settings.PRICE_MIN_ORGANISATIONS = 7
    rules = Rules.from_settings()
    assert rules.min_organisations == 7
    assert cell_statistics(cell({i: i for i in range(1, 7)}), rules).suppressed
