"""Aggregated demand, the savings estimate and the 15% competition check as published
in a release: members of the release's day, contracts at least 90 days old then,
totals through the disclosure gate, the market share as a band.

The market: ten hospitals of 1,000 FTE and 300 beds, each with one contract in the
category at EUR 100,000, 110,000, ... 190,000 a year (so EUR 100 ... 190 per FTE)."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError

from coalitions import checklist, services
from coalitions.demand import (
    aggregated_demand,
    band_label,
    competition_check,
    savings_against,
    share_edges,
)
from coalitions.models import Coalition, CoalitionMember
from coalitions.tests.conftest import join, joined_long_ago, release
from portal.models import Membership
from portal.tests.factories import OrganizationFactory, member, size
from prices.publication import CellKey
from prices.releases import publication_for
from prices.tests.conftest import TODAY, Market

pytestmark = pytest.mark.django_db
LATER = datetime(2026, 12, 1, 9, tzinfo=UTC)  # after TODAY


@pytest.fixture
def market(db):
    market = Market()
    for step in range(10):
        market.hospital(100_000 + 10_000 * step, fte=1000, beds=300)
    return market


def coalition_of(market, organizations, slug="samen"):
    """A coalition in the market's category coordinated by an association (which does
    not buy) with ``organizations`` as members, joined long before TODAY."""
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
    joined_long_ago(coalition)
    return coalition


def test_savings_worked_example():
    """EUR 850,000 for 5,000 FTE against a median of EUR 145 and a P25 of EUR 122 per
    FTE: 850,000 - 725,000 = 125,000 and 850,000 - 610,000 = 240,000."""
    assert savings_against(850_000, 5000.0, 145.0, 122.0) == (125_000, 240_000)
    assert savings_against(500_000, 5000.0, 145.0, None) == (-225_000, None)


def test_market_share_bands_follow_the_limit():
    edges = share_edges(0.15)
    assert edges == (0.05, 0.15)
    assert band_label((0.0, 0.05)) == "minder dan 5%"
    assert band_label((0.05, 0.15)) == "5–15%"
    assert band_label((0.15, None)) == "meer dan 15%"


def test_published_demand_of_the_five_largest_spenders(market, exact_figures):
    """Noise off: the release holds the exact totals (three significant figures)."""
    coalition = coalition_of(market, market.organizations[5:])  # 150,000 ... 190,000
    release()
    demand = aggregated_demand(coalition)
    assert demand.as_of == TODAY and demand.members == 5
    assert (demand.fte.value, demand.beds.value) == (5000, 1500)
    assert [(row.year, row.contracts) for row in demand.end_years if row.contracts] == [(2028, 5)]
    assert [row.year for row in demand.end_years] == list(range(2026, 2033))
    assert demand.end_years[-1].or_later and not demand.end_years[0].or_later
    assert demand.spend.value == 850_000
    median = publication_for(market.category).cell(CellKey("per_fte", 2026)).median
    [savings] = demand.savings
    assert savings.median == pytest.approx(850_000 - 5000 * median, rel=1e-3)


def test_published_figures_carry_noise(market):
    """With the portal's settings the combined spend is near, but not, the exact sum."""
    coalition = coalition_of(market, market.organizations[5:])
    release()
    spend = aggregated_demand(coalition).spend.value
    assert spend != 850_000
    assert 0 < spend < 850_000 + 20 * 190_000  # Laplace, scale = the largest member


def test_spend_and_sizes_are_withheld_below_five_members(market):
    coalition = coalition_of(market, market.organizations[:4])
    release()
    demand = aggregated_demand(coalition)
    assert demand.members == 4
    for figure in (demand.spend, demand.fte, demand.beds):
        assert figure.value is None and figure.reason == "minder dan 5 organisaties"
    [savings] = demand.savings
    assert savings.median is None and savings.reason == "minder dan 5 organisaties"


def test_nothing_is_shown_before_the_first_release(market):
    coalition = coalition_of(market, market.organizations[5:])
    demand = aggregated_demand(coalition)
    assert not demand.released and demand.spend.suppressed
    check = competition_check(coalition)
    assert check.code == "no_release" and not check.exceeded


def test_figures_stay_as_released_until_the_next_release(market, exact_figures):
    """A member that joins, and a contract recorded, after the release change nothing
    until the next one; a contract younger than 90 days on the release's day does not
    count in it."""
    coalition = coalition_of(market, market.organizations[5:])
    release()
    join(coalition, market.organizations[0])  # joins after TODAY
    joined_long_ago(coalition.members.filter(organization=market.organizations[0]), LATER)
    market.contract(market.organizations[5], 50_000, start=date(2026, 10, 1))  # young
    again = aggregated_demand(coalition)
    assert (again.members, again.spend.value) == (5, 850_000)
    release(as_of=date(2026, 12, 20))
    later = aggregated_demand(coalition)
    assert later.members == 6 and later.as_of == date(2026, 12, 20)
    assert later.spend.value == 950_000  # + 100,000; the young contract still waits
    release(as_of=date(2026, 12, 31))
    assert aggregated_demand(coalition).spend.value == 1_000_000


def test_a_member_that_left_after_the_release_day_still_counts_in_it(market, exact_figures):
    coalition = coalition_of(market, market.organizations[5:])
    leaving = coalition.members.get(organization=market.organizations[9])
    services.leave(leaving)
    joined_long_ago(coalition.members.filter(pk=leaving.pk), LATER, status="left")
    release(as_of=date(2026, 11, 1))  # before the member left
    assert aggregated_demand(coalition).members == 5
    release(as_of=date(2026, 12, 20))
    assert aggregated_demand(coalition).members == 4


def test_competition_check_by_spend_and_by_beds(market, exact_figures):
    small = coalition_of(market, market.organizations[:1])  # 100,000 of 1,450,000: 6.9%
    large = coalition_of(market, market.organizations[:6], slug="groter")  # 60% beds
    release()
    check = competition_check(small)
    assert (check.spend_band, check.beds_band) == ("5–15%", "5–15%")  # 10% beds
    assert not check.exceeded and check.as_of == TODAY
    check = competition_check(large)
    assert (check.spend_band, check.beds_band) == ("meer dan 15%", "meer dan 15%")
    assert check.exceeded


def test_a_new_member_without_a_contract_counts_in_both(market, exact_figures):
    newcomer = OrganizationFactory(slug="nieuw")
    size(newcomer, year=2026, beds=1000, fte=10)
    coalition = coalition_of(market, [newcomer])
    release()
    check = competition_check(coalition)
    assert check.by_spend == (0.0, 0.05)
    assert check.by_beds == (0.15, None)  # 1,000 of 4,000 beds
    assert check.exceeded


def test_market_consultation_waits_for_the_checklist_above_the_limit(market, client, exact_figures):
    coalition = coalition_of(market, market.organizations[:3])  # 30% of the beds
    release()
    eva = coalition.created_by
    services.advance(coalition, Coalition.Stage.REQUIREMENTS, user=eva)
    with pytest.raises(ValidationError, match="checklist"):
        services.advance(coalition, Coalition.Stage.CONSULTATION, user=eva)
    client.force_login(eva)
    page = client.get(f"/coalities/{coalition.slug}/eisen/").content.decode()
    assert 'id="competition-warning"' in page
    checklist_page = client.get(f"/coalities/{coalition.slug}/mededingingstoets/")
    assert "meer dan 15%" in checklist_page.content.decode()
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


def test_below_the_limit_no_warning_and_no_checklist_needed(market, client, exact_figures):
    coalition = coalition_of(market, market.organizations[:1])
    release()
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


def test_end_dates_show_when_members_could_move_together(market, exact_figures):
    """Noise off: contracts ending per year of a fixed range (2026 to "2032 or later")."""
    market.contract(market.organizations[0], 5000, start=date(2025, 1, 1), end=date(2027, 6, 30))
    market.contract(market.organizations[1], 5000, start=date(2025, 1, 1), end=date(2035, 6, 30))
    coalition = coalition_of(market, market.organizations[:5])
    release()
    demand = aggregated_demand(coalition)
    assert [(row.year, row.contracts, row.or_later) for row in demand.end_years] == [
        (2026, 0, False),
        (2027, 1, False),
        (2028, 5, False),
        (2029, 0, False),
        (2030, 0, False),
        (2031, 0, False),
        (2032, 1, True),
    ]


def test_end_dates_are_withheld_below_five_members_with_contracts(market, client):
    """Two members: the other one's end year would be its count minus one's own."""
    market.contract(market.organizations[0], 5000, start=date(2025, 1, 1), end=date(2027, 6, 30))
    coalition = coalition_of(market, market.organizations[:2])
    release()
    demand = aggregated_demand(coalition)
    assert demand.end_years == [] and demand.end_years_reason == "minder dan 5 organisaties"
    client.force_login(member(market.organizations[0], username="buyer"))
    html = client.get("/coalities/samen/").content.decode()
    shown = html[html.index('id="end-years"') :]
    assert shown.startswith('id="end-years">Niet getoond: minder dan 5 organisaties')
    data = client.get(f"/api/v1/coalitions/{coalition.slug}/demand/").json()
    assert data["end_years"] == [] and data["end_years_reason"] == "minder dan 5 organisaties"


def test_end_dates_carry_noise(market):
    """With the portal's settings: whole contracts, never negative, near the truth,
    not all exact."""
    coalitions = [
        coalition_of(market, market.organizations[start : start + 5], slug=f"c{start}")
        for start in range(6)
    ]
    release()
    exact = 0
    for coalition in coalitions:
        rows = aggregated_demand(coalition).end_years
        assert len(rows) == 7 and all(row.contracts >= 0 for row in rows)
        counts = [row.contracts for row in rows]
        exact += counts == [0, 0, 5, 0, 0, 0, 0]
        assert abs(counts[2] - 5) <= 15
    assert exact < len(coalitions)


def test_the_page_shows_the_release_and_noisy_figures(market, client):
    """The members' page: the release date, the protected figures (not the exact sum),
    the market share as a band, and the viewer's own figures live. A member sees the
    others' protected total with its own spend added exactly."""
    coalition = coalition_of(market, market.organizations[3:])
    buyer = member(market.organizations[5], username="buyer")
    client.force_login(buyer)
    before = client.get("/coalities/samen/").content.decode()
    assert "nog geen cijfers gepubliceerd" in before.lower() or "no figures" in before.lower()
    release()
    html = client.get("/coalities/samen/").content.decode()
    assert "Publicatie van 22-11-2026" in html
    spend = aggregated_demand(coalition, {market.organizations[5].pk}).spend.value
    shown = html[html.index('id="combined-spend"') :]
    assert f"{spend:,.0f}".replace(",", ".") in shown[:80]
    assert "1.120.000" not in shown[:80]
    assert "meer dan 15%" in html or "5–15%" in html
    own = html[html.index('id="own-figures"') :]
    assert "€ 150.000" in own  # its own spend, exact and live
    market.contract(market.organizations[5], 7_000, start=date(2026, 11, 1))
    own = client.get("/coalities/samen/").content.decode()
    assert "€ 157.000" in own[own.index('id="own-figures"') :]


def test_cost_shares_by_size_are_shown_to_each_member_for_itself_only(market, client):
    """Shares of the shared cost by FTE would show every member's FTE against the
    others': a member sees its own share only, its own FTE over the members' FTE as
    released (a protected total), and nothing below five members."""
    from decimal import ROUND_HALF_UP, Decimal

    size(market.organizations[0], year=2026, fte=1500)
    coalition = coalition_of(market, market.organizations[:2])
    Coalition.objects.filter(pk=coalition.pk).update(cost_sharing="fte", shared_cost=Decimal(400))
    client.force_login(member(market.organizations[0], username="buyer"))
    html = client.get("/coalities/samen/").content.decode()
    assert "nog geen cijfers gepubliceerd" in html[html.index('id="cost-share-note"') :][:200]
    release()
    html = client.get("/coalities/samen/").content.decode()
    members = html[html.index('id="members"') :]
    assert "€ 300,00" not in members and "€ 100,00" not in members
    assert "minder dan 5 organisaties" in html[html.index('id="cost-share-note"') :][:200]
    for org in market.organizations[2:6]:
        join(coalition, org)
    joined_long_ago(coalition)
    release()
    # 1,500 of its own, exact, plus the others' 5 x 1,000 with noise
    total = aggregated_demand(coalition, {market.organizations[0].pk}).fte.value
    assert total != 6500
    html = client.get("/coalities/samen/").content.decode()
    mine = html[html.index(f'id="cost-share-{market.organizations[0].slug}"') :][:80]
    expected = (Decimal(400) * 1500 / Decimal(str(total))).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert f"€ {expected}".replace(".", ",") in mine
    others = html[html.index(f'id="cost-share-{market.organizations[1].slug}"') :][:80]
    assert others.startswith(f'id="cost-share-{market.organizations[1].slug}"></td>')
    assert "indicatief" in html[html.index('id="cost-share-note"') :][:400]


def test_membership_decided_at_counts_to_the_day(market, exact_figures):
    """A member that joined on the release's day counts; one the day after does not."""
    coalition = coalition_of(market, market.organizations[5:])
    CoalitionMember.objects.filter(
        coalition=coalition, organization=market.organizations[9]
    ).update(decided_at=datetime(2026, 11, 23, 9, tzinfo=UTC))
    release()
    assert aggregated_demand(coalition).members == 4


def test_a_set_beyond_an_organisations_budget_is_withheld_on_page_and_api(market, client, settings):
    """Each organisation's data goes into at most DISCLOSURE_SETS_PER_ORGANISATION
    member sets over the window (disclosure.budget). With a budget of two, the third
    coalition of the same hospital, formed last, shows why its figures are withheld on
    its page and in the API, and keeps its market-share band for the competition-law
    check; the two formed first keep their figures, in the next release too."""
    settings.DISCLOSURE_SETS_PER_ORGANISATION = 2
    first = coalition_of(market, market.organizations[:6], slug="eerste")
    second = coalition_of(market, market.organizations[:5] + [market.organizations[7]], "twee")
    third = coalition_of(market, market.organizations[:5] + [market.organizations[8]], "drie")
    CoalitionMember.objects.filter(coalition=second).update(decided_at=LATER.replace(month=2))
    CoalitionMember.objects.filter(coalition=third).update(decided_at=LATER.replace(month=3))
    for as_of in (TODAY, date(2026, 12, 22)):
        release(as_of=as_of)
        assert not aggregated_demand(first).spend.suppressed
        assert not aggregated_demand(second).spend.suppressed
        withheld = aggregated_demand(third)
        assert withheld.code == "budget" and withheld.spend.suppressed
        assert competition_check(third).by_beds is not None
    buyer = member(market.organizations[0], username="buyer")
    client.force_login(buyer)
    html = client.get("/coalities/drie/").content.decode()
    note = html[html.index('id="demand-release"') :][:300]
    assert "zoveel coalities als de regels toestaan" in note
    assert 'id="combined-spend"' not in html
    data = client.get("/api/v1/coalitions/drie/demand/").json()
    assert data["spend"]["value"] is None and data["reason"]
