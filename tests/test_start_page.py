"""The personal start page after log-in: each role finds what needs its attention
(notice deadlines, savings, coalitions' open work, open requests, expiring evidence,
market headlines), and nothing of another role's."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coalitions import requirements, rfi, services
from coalitions.models import Coalition
from contracts.tests.factories import ContractFactory
from portal.models import Membership, Organization
from portal.tests.factories import OrganizationFactory, UserFactory, member
from vendors.models import Certificate
from vendors.services import add_vendor_representative
from vendors.tests.factories import ProductFactory, StandardFactory

pytestmark = pytest.mark.django_db
Role = Membership.Role


def start_page(client, user):
    client.force_login(user)
    response = client.get(reverse("start"))
    assert response.status_code == 200
    return response.content.decode()


def coalition_asking(vendor, category, *, name, visibility):
    """A coordinator's coalition at the requirements stage that has asked ``vendor``
    to answer; returns (coalition, coordinator)."""
    association = OrganizationFactory(type=Organization.Type.USER_ASSOCIATION, sector="")
    coordinator = member(association, Role.COALITION_COORDINATOR)
    coalition = services.create_coalition(
        coordinator=association,
        user=coordinator,
        categories=[category],
        name=name,
        slug=name.lower().replace(" ", "-"),
        type=Coalition.Type.JOINT_PURCHASING,
        goal="Samen inkopen.",
        visibility=visibility,
    )
    services.advance(coalition, Coalition.Stage.REQUIREMENTS, user=coordinator)
    requirements.add_requirement(
        coalition, organization=association, text="Exitplan", priority="must"
    )
    rfi.invite_vendor(coalition, vendor, user=coordinator)
    return coalition, coordinator


def test_log_in_leads_to_the_start_page(client):
    user = member(OrganizationFactory())
    response = client.post(
        reverse("login"), {"username": user.username, "password": "secret-password"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("start")


def test_procurement_specialist_sees_the_next_notice_deadlines(client):
    organization = OrganizationFactory()
    today = timezone.localdate()
    soon = ContractFactory(
        organization=organization,
        reference="EERST-OPZEGGEN",
        start_date=today - timedelta(days=700),
        end_date=today + timedelta(days=200),
        initial_term_months=36,
        notice_period_months=3,
    )
    ContractFactory(
        organization=OrganizationFactory(),
        reference="VAN-EEN-ANDER",
        end_date=today + timedelta(days=100),
    )
    html = start_page(client, member(organization))
    assert "Eerstvolgende opzegdata" in html
    assert "EERST-OPZEGGEN" in html and "VAN-EEN-ANDER" not in html
    assert reverse("contract_detail", args=[soon.pk]) in html
    assert "binnen 6 maanden" in html  # deadline about 110 days away: urgent


def test_coordinator_sees_invitations_and_open_work(client):
    product = ProductFactory()
    coalition, coordinator = coalition_asking(
        product.vendor, product.category, name="Samen PACS", visibility=Coalition.Visibility.PUBLIC
    )
    services.request_to_join(coalition, OrganizationFactory())
    hospital = OrganizationFactory()
    services.invite(coalition, hospital)

    html = start_page(client, coordinator)
    assert "Samen PACS" in html
    assert "1 verzoek om deel te nemen" in html and "1 leverancier moet nog antwoorden" in html

    invited = start_page(client, member(hospital))
    assert "Samen PACS" in invited and "is uitgenodigd" in invited
    assert "verzoek om deel te nemen" not in invited  # the coordinator's work, not theirs


def test_vendor_representative_sees_requests_and_expiring_certificates(client):
    product = ProductFactory()
    representative = UserFactory()
    add_vendor_representative(vendor=product.vendor, user=representative)
    today = timezone.localdate()
    Certificate.objects.create(
        vendor=product.vendor,
        kind=Certificate.Kind.NICTIZ_QUALIFICATION,
        standard=StandardFactory(),
        issuer="Testcertificering B.V.",
        number="EXP-1",
        valid_from=today - timedelta(days=1000),
        valid_until=today + timedelta(days=30),
    )
    coalition_asking(
        product.vendor,
        product.category,
        name="Vraag aan leverancier",
        visibility=Coalition.Visibility.PRIVATE,
    )

    html = start_page(client, representative)
    assert "Openstaande uitvragen" in html and "Vraag aan leverancier" in html
    assert "Bewijs dat binnenkort verloopt" in html and "verloopt binnenkort" in html
    assert "Eerstvolgende opzegdata" not in html and "Marktkoppen" not in html


def test_policy_analyst_sees_market_headlines_only(client):
    body = OrganizationFactory(type=Organization.Type.POLICY_BODY, sector="")
    html = start_page(client, member(body, Role.POLICY_ANALYST))
    assert "Marktkoppen" in html
    assert "Eerstvolgende opzegdata" not in html and "Uw coalities" not in html


def test_savings_come_from_the_published_benchmark(client, settings, monkeypatch):
    from prices import start_panels
    from prices.tests.conftest import Market

    monkeypatch.setattr(start_panels, "default_year", lambda: 2025)  # the market's year
    settings.DISCLOSURE_QUANTILE_NOISE = 0
    settings.DISCLOSURE_SUM_NOISE = 0
    market = Market()
    for n in range(8):
        market.hospital(100_000 + 10_000 * n)
    market.release()
    organization = market.organizations[7]  # pays 170k; its peers' median: 130k
    html = start_page(client, member(organization))
    assert "Grootste mogelijke besparingen" in html
    assert "€ 40.000" in html  # 170k - 130k, the total and the one line
    assert html.count("€ 40.000") == 2
