"""The clause pages' share of contracts, read from the market-monitor release through
the disclosure gate (withheld below five organisations, nothing before a release), and
the clause links on the contract form and page."""

from datetime import date

import pytest
from django.urls import reverse

from contracts.models import ContractClause, LockInClause
from contracts.tests.factories import ContractFactory
from contracts.tests.markets import Market
from disclosure.releases import publish
from knowledge.models import ClausePage
from portal.models import Membership
from portal.tests.factories import OrganizationFactory, member

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)


@pytest.fixture
def exact_figures(settings):
    settings.DISCLOSURE_QUANTILE_NOISE = 0
    settings.DISCLOSURE_SUM_NOISE = 0


def agree(contracts, code):
    clause = LockInClause.objects.get(code=code)
    for contract in contracts:
        ContractClause.objects.create(contract=contract, clause=clause, answer="yes")


@pytest.fixture
def market(knowledge_base):
    """Eight hospitals with a running contract each in 2026 (the hand-built market):
    six agreed an exit plan, two escrow."""
    market = Market()
    for step in range(5):
        market.hospital(100_000 + 10_000 * step, vendor="v")
    for _ in range(3):
        market.hospital(100_000, vendor="w", start=date(2025, 1, 1))
    contracts = [org.contracts.get() for org in market.organizations]
    agree(contracts[:6], "exit-plan")
    agree(contracts[:2], "escrow")
    return market


def share_text(client, code):
    html = client.get(ClausePage.objects.get(clause__code=code).url).content.decode()
    start = html.index('id="clause-share"')
    return html[start : html.index("</section>", start)]


def test_the_share_comes_from_the_release_and_small_groups_are_withheld(
    client, market, exact_figures
):
    # Before the first release there is no figure at all.
    assert "%" not in share_text(client, "exit-plan")
    publish(as_of=TODAY, topics=["market"])
    exit_plan = share_text(client, "exit-plan")
    assert "<strong>75%</strong>" in exit_plan  # 6 of 8 contracts
    assert "contracten lopend in 2026, alle categorieën" in exit_plan
    escrow = share_text(client, "escrow")
    assert "niet getoond" in escrow and "%" not in escrow  # two organisations only
    library = client.get(ClausePage.objects.first().get_parent().url).content.decode()
    assert "<strong>75%</strong>" in library
    # A contract added after the release changes nothing until the next one.
    agree(market.organizations[6].contracts.all(), "escrow")
    assert "niet getoond" in share_text(client, "escrow")


def test_the_contract_pages_link_each_clause_to_its_explanation(client, reference_data):
    hospital = OrganizationFactory()
    contract = ContractFactory(organization=hospital)
    agree([contract], "escrow")
    client.force_login(member(hospital, Membership.Role.PROCUREMENT_SPECIALIST))
    form_url = reverse("contract_update", args=[contract.pk])
    detail_url = reverse("contract_detail", args=[contract.pk])
    assert "Uitleg" not in client.get(form_url).content.decode()  # nothing published yet

    from demo.knowledge import ensure_knowledge_base
    from portal.models import HomePage

    ensure_knowledge_base(HomePage.objects.get())
    escrow = ClausePage.objects.get(clause__code="escrow")
    form = client.get(form_url).content.decode()
    assert f'href="{escrow.url}">Uitleg' in form
    assert form.count(">Uitleg<") == LockInClause.objects.count()
    assert f'href="{escrow.url}">Uitleg' in client.get(detail_url).content.decode()
    # An unpublished explanation is no longer linked.
    escrow.unpublish()
    assert escrow.url not in client.get(form_url).content.decode()
    assert escrow.url not in client.get(detail_url).content.decode()


def test_guides_are_linked_from_the_pages_they_explain(client, reference_data):
    from knowledge.models import GuidePage

    hospital = OrganizationFactory()
    contract = ContractFactory(organization=hospital)
    client.force_login(member(hospital, Membership.Role.PROCUREMENT_SPECIALIST))
    pages = {
        "benchmark": [reverse("price_explorer"), reverse("price_standing")],
        "joint_purchase": [reverse("coalition_create")],
        "exit_plan": [reverse("contract_detail", args=[contract.pk])],
    }
    for urls in pages.values():
        for url in urls:
            assert "Handleiding:" not in client.get(url).content.decode()  # none yet

    from demo.knowledge import ensure_knowledge_base
    from portal.models import HomePage

    ensure_knowledge_base(HomePage.objects.get())
    for topic, urls in pages.items():
        guide = GuidePage.objects.get(help_topic=topic)
        for url in urls:
            page = client.get(url).content.decode()
            assert f'href="{guide.url}">Handleiding: {guide.title}</a>' in page, (topic, url)
    # Unpublished, the guide is no longer linked; English readers get its English title.
    benchmark = GuidePage.objects.get(help_topic="benchmark")
    client.cookies["django_language"] = "en"
    page = client.get(reverse("price_explorer")).content.decode()
    assert f'href="{benchmark.url}">Guide: {benchmark.title_en}</a>' in page
    benchmark.unpublish()
    assert benchmark.url not in client.get(reverse("price_explorer")).content.decode()
