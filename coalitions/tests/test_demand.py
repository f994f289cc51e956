"""Aggregated demand, the disclosure rule on the members' combined spend, the savings
estimate and the 15% competition check, with hand-computed figures.

The market: ten hospitals of 1,000 FTE and 300 beds, each with one contract in the
category at EUR 100,000, 110,000, ... 190,000 a year (so EUR 100 ... 190 per FTE)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from coalitions import checklist, services
from coalitions.demand import (
    aggregated_demand,
    competition_check,
    disclosed_total,
    savings_against,
)
from coalitions.models import Coalition
from coalitions.tests.conftest import join
from portal.models import Membership
from portal.tests.factories import OrganizationFactory, member, size
from prices.disclosure import Rules
from prices.tests.conftest import TODAY, Market

pytestmark = pytest.mark.django_db


@pytest.fixture
def market(db):
    market = Market()
    for step in range(10):
        market.hospital(100_000 + 10_000 * step, fte=1000, beds=300)
    return market


def coalition_of(market, organizations, slug="samen"):
    """A coalition in the market's category coordinated by an association (which does
    not buy) with ``organizations`` as members."""
    association = OrganizationFactory(slug=f"vereniging-{slug}", type="user_association", sector="")
    user = member(association, Membership.Role.COALITION_COORDINATOR, username=f"eva-{slug}")
    coalition = services.create_coalition(
        coordinator=association,
        user=user,
        categories=[market.category],
        name=f"Samen {slug}",
        slug=slug,
        goal="Samen inkopen",
        type=Coalition.Type.JOINT_PURCHASING,
        visibility=Coalition.Visibility.PRIVATE,
    )
    for org in organizations:
        join(coalition, org)
    return coalition


def test_disclosed_total_needs_five_organisations_and_no_dominant_one():
    rules = Rules()
    four = {1: 100, 2: 100, 3: 100, 4: 100}
    assert disclosed_total(four, rules) == (None, "minder dan 5 organisaties")
    five = {**four, 5: 100}
    assert disclosed_total(five, rules) == (Decimal("5"), "")  # cents -> euros
    dominant = {**five, 5: 200}  # 200 of 600 = 33% > 25%
    assert disclosed_total(dominant, rules)[0] is None
    zero_spender = {**four, 5: 0}  # contributes nothing: still four
    assert disclosed_total(zero_spender, rules)[0] is None


def test_savings_worked_example():
    """EUR 850,000 for 5,000 FTE against a median of EUR 145 and a P25 of EUR 122 per
    FTE: 850,000 - 725,000 = 125,000 and 850,000 - 610,000 = 240,000."""
    median, p25 = savings_against(85_000_000, 5000.0, 145.0, 122.0)
    assert (median, p25) == (Decimal("125000"), Decimal("240000"))
    assert savings_against(50_000_000, 5000.0, 145.0, None) == (Decimal("-225000"), None)


def test_aggregated_demand_of_the_five_largest_spenders(market):
    coalition = coalition_of(market, market.organizations[5:])  # 150,000 ... 190,000
    demand = aggregated_demand(coalition, today=TODAY)
    assert demand.members == 5
    assert (demand.fte, demand.beds) == (Decimal(5000), 1500)
    assert demand.end_years == [(2028, 5)]
    assert demand.spend == Decimal("850000")
    # Benchmark over all ten: median of 100..190 = 145, P25 = 122.5 -> 122 (3 figures).
    [savings] = demand.savings
    assert (savings.median, savings.p25) == (Decimal("125000"), Decimal("240000"))


def test_combined_spend_is_kept_back_below_five_contributors(market):
    coalition = coalition_of(market, market.organizations[:4])
    demand = aggregated_demand(coalition, today=TODAY)
    assert demand.members == 4 and demand.beds == 1200  # sizes are always shown
    assert demand.spend is None and demand.spend_reason == "minder dan 5 organisaties"
    assert demand.savings == []  # would reveal the total


def test_competition_check_by_spend_and_by_beds(market):
    small = coalition_of(market, market.organizations[:1])  # 100,000 of 1,450,000
    check = competition_check(small, today=TODAY)
    assert round(check.share_by_spend, 4) == round(100_000 / 1_450_000, 4)  # 6.9%
    assert check.share_by_beds == pytest.approx(0.1)  # 300 of 3,000 beds
    assert not check.exceeded
    large = coalition_of(
        market, market.organizations[:2], slug="groter"
    )  # 210,000 = 14.5%, 20% beds
    check = competition_check(large, today=TODAY)
    assert check.spend_percent == 14.5 and check.beds_percent == 20.0
    assert check.exceeded  # by beds


def test_a_new_member_without_a_contract_counts_in_both(market):
    newcomer = OrganizationFactory(slug="nieuw")
    size(newcomer, year=2026, beds=1000, fte=10)
    coalition = coalition_of(market, [newcomer])
    check = competition_check(coalition, today=TODAY)
    assert check.share_by_spend == 0
    assert check.share_by_beds == pytest.approx(1000 / 4000)


def test_market_consultation_waits_for_the_checklist_above_the_limit(market, client):
    coalition = coalition_of(market, market.organizations[:3])  # 30% of the beds
    eva = coalition.created_by
    services.advance(coalition, Coalition.Stage.REQUIREMENTS, user=eva)
    with pytest.raises(ValidationError, match="checklist"):
        services.advance(coalition, Coalition.Stage.CONSULTATION, user=eva)
    client.force_login(eva)
    page = client.get(f"/coalities/{coalition.slug}/eisen/").content.decode()
    assert 'id="competition-warning"' in page
    for code in checklist.CODES[:-1]:
        checklist.confirm(coalition, code, user=eva)
    with pytest.raises(ValidationError):
        services.advance(coalition, Coalition.Stage.CONSULTATION, user=eva)
    response = client.post(
        f"/coalities/{coalition.slug}/mededingingstoets/",
        {"item": [checklist.CODES[-1]], f"note-{checklist.CODES[-1]}": "Gecontroleerd"},
    )
    assert response.status_code == 302
    assert checklist.is_complete(coalition)
    services.advance(coalition, Coalition.Stage.CONSULTATION, user=eva)
    assert coalition.stage == Coalition.Stage.CONSULTATION


def test_below_the_limit_no_warning_and_no_checklist_needed(market, client):
    coalition = coalition_of(market, market.organizations[:1])
    eva = coalition.created_by
    client.force_login(eva)
    assert 'id="competition-warning"' not in client.get("/coalities/samen/").content.decode()
    services.advance(coalition, Coalition.Stage.REQUIREMENTS, user=eva)
    services.advance(coalition, Coalition.Stage.CONSULTATION, user=eva)


def test_only_coordinators_confirm_checklist_items(market, client):
    coalition = coalition_of(market, market.organizations[:3])
    buyer = member(market.organizations[0], username="buyer")
    client.force_login(buyer)
    assert client.get("/coalities/samen/mededingingstoets/").status_code == 200
    response = client.post("/coalities/samen/mededingingstoets/", {"item": checklist.CODES})
    assert response.status_code == 404
    assert not coalition.checklist_confirmations.exists()


def test_end_dates_show_when_members_could_move_together(market):
    market.contract(market.organizations[0], 5000, start=date(2025, 1, 1), end=date(2027, 6, 30))
    coalition = coalition_of(market, market.organizations[:2])
    assert aggregated_demand(coalition, today=TODAY).end_years == [(2027, 1), (2028, 2)]
