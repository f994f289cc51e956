"""Market shares, CR-n and HHI per vendor group (the ultimate parent), through the same
release path real data takes, on the monitor, the public page and the API.

The market (category "pacs-test", 2026, 25 hospitals with one contract each of
EUR 100,000): "Moeder" (P) serves 10, its subsidiary "Dochter" (S) 10, the independent
"Zelfstandig" (X) 5. By customers per vendor: 40%, 40%, 20%, HHI 1,600 + 1,600 + 400 =
3,600. Per group (P with S: 80%, X: 20%): HHI 6,400 + 400 = 6,800, CR1 80%. Under P
its other member S is named, as the catalogue has it, without a share of its own.
Noise off (``exact_figures``), so the shares are exact."""

import pickle
import zlib
from datetime import date

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from contracts.tests.markets import Market
from disclosure.releases import publish
from market.compute import category_report
from portal.models import Membership, Organization
from portal.tests.factories import OrganizationFactory, member
from vendors.models import Vendor
from vendors.tests.factories import ProductFactory, VendorFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)
API = "/api/v1/market/concentration/?category=pacs-test&year=2026"


@pytest.fixture(autouse=True)
def today(monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)


def add_vendor(market, key, name, parent=None):
    vendor = VendorFactory(slug=key, name=name, parent_group=parent)
    market.vendors[key] = vendor
    market.products[key] = ProductFactory(
        slug=f"{key}-product", vendor=vendor, category=market.category
    )
    return vendor


def group_market(p=10, s=10, x=5):
    market = Market()
    parent = add_vendor(market, "p", "Moeder")
    add_vendor(market, "s", "Dochter", parent=parent)
    add_vendor(market, "x", "Zelfstandig")
    for key, customers in (("p", p), ("s", s), ("x", x)):
        for _ in range(customers):
            market.hospital(100_000, vendor=key)
    return market


def release():
    return publish(as_of=TODAY, topics=["market"])


def concentration(market, basis="customers"):
    return category_report(market.category.pk, year=2026, basis=basis)["concentration"]


@pytest.fixture
def analyst():
    body = OrganizationFactory(slug="ministerie", type=Organization.Type.POLICY_BODY, sector="")
    return member(body, Membership.Role.POLICY_ANALYST, username="analist")


def test_the_monitor_counts_a_parent_and_its_subsidiary_as_one_group(exact_figures):
    market = group_market()
    release()
    for basis in ("customers", "value", "beds"):
        found = concentration(market, basis)
        assert found["hhi"] == pytest.approx(6800)  # per vendor it would be 3,600
        assert found["cr1"] == pytest.approx(0.8) and found["cr3"] == pytest.approx(1.0)
        group, independent = found["vendors"]
        assert (group["vendor"], group["share"]) == ("Moeder", 0.8)
        assert group["members"] == ["Dochter"]
        assert (independent["vendor"], independent["share"], independent["members"]) == (
            "Zelfstandig",
            0.2,
            [],
        )


def test_dashboard_shows_the_group_with_its_members(client, analyst, exact_figures):
    group_market()
    release()
    client.force_login(analyst)
    html = client.get(
        reverse("market_dashboard") + "?categorie=pacs-test&jaar=2026&basis=customers"
    ).content.decode()
    assert '<dd id="hhi">6.800</dd>' in html
    assert "80,0% / 100,0% / 100,0%" in html  # CR1 / CR3 / CR4
    shares = html[html.index('id="shares"') : html.index('id="dynamics"')]
    assert "<td>Moeder<ul" in shares and "<li>Dochter</li>" in shares
    assert "<td>Dochter" not in shares  # no row of its own
    export = client.get(
        reverse("market_export", args=["csv"]) + "?categorie=pacs-test&jaar=2026&basis=customers"
    ).content.decode("utf-8-sig")
    assert "Concentratie;HHI;6800" in export
    assert "Leden van leveranciersgroepen;Moeder;Dochter" in export


def test_public_page_and_api_show_the_group_figures(client, exact_figures):
    from wagtail.models import Page

    from market.models import MarketBalancePage

    group_market()
    release()
    home = Page.objects.get(depth=2)
    page = MarketBalancePage(title="Marktbalans", slug="marktbalans")
    home.add_child(instance=page)
    page.save_revision().publish()
    table = client.get("/marktbalans/").content.decode()
    table = table[table.index('id="balance"') :]
    assert "<td>6.800</td>" in table and "3.600" not in table
    assert "Moeder (80,0%)" in table and "leden: Dochter" in table

    answer = APIClient().get(API).json()  # public: by customers
    assert answer["hhi"] == pytest.approx(6800) and answer["cr1"] == pytest.approx(0.8)
    assert [(v["vendor"], v["share"]) for v in answer["vendors"]] == [
        ("Moeder", 0.8),
        ("Zelfstandig", 0.2),
    ]
    assert answer["vendors"][0]["members"] == ["Dochter"]


def test_members_are_the_catalogues_whoever_serves_the_selection(exact_figures):
    """P 12, its subsidiary S 3, X 5 hospitals: the group has 15 of 20 (75%), X 25%, HHI
    5,625 + 625 = 6,250. S serves only 3, and is listed under P all the same: the list
    says nothing of the selection's data."""
    market = group_market(p=12, s=3, x=5)
    release()
    found = concentration(market)
    assert found["hhi"] == pytest.approx(6250) and found["cr1"] == pytest.approx(0.75)
    group = found["vendors"][0]
    assert (group["vendor"], group["share"], group["members"]) == ("Moeder", 0.75, ["Dochter"])


def test_two_selections_one_organisation_apart_show_the_same_members(exact_figures):
    """The red team's attack: in province FR, 5 general hospitals buy from P and one
    mental-health institution from P and, in 2021-2023 only, also from P's subsidiary S
    (the catalogue is public). When the member list followed who serves the selection,
    an "Other members" line under P in "FR, all sectors" but not in "FR, general
    hospitals" told which vendor that one institution bought from, and in which years.
    Now both selections list the same members every year."""
    from portal.choices import Sector

    market = group_market(p=12, s=3, x=8)
    long = {"start": date(2018, 1, 1), "end": date(2030, 12, 31)}
    for _ in range(5):
        market.hospital(120_000, vendor="p", province="FR", **long)
    target = market.hospital(60_000, vendor="p", province="FR", sector=Sector.MENTAL_HEALTH, **long)
    market.contract(target, 25_000, vendor="s", start=date(2021, 1, 1), end=date(2023, 12, 31))
    release()
    api = APIClient()
    for year in range(2019, 2027):
        base = f"/api/v1/market/concentration/?category=pacs-test&year={year}&province=FR"
        lines = []
        for query in (base, base + f"&sector={Sector.GENERAL_HOSPITAL}"):
            vendors = api.get(query).json().get("vendors", [])
            lines.append([v["members"] for v in vendors if v["vendor"] == "Moeder"])
        assert lines[0] == lines[1] == [["Dochter"]], (year, lines)


def test_a_grandparent_is_the_group_of_the_whole_chain(exact_figures):
    """G above P above S: P's and S's customers count for G (which sells nothing here),
    named as the group, with P and S as its members."""
    market = group_market()
    grandparent = VendorFactory(slug="g", name="Grootmoeder")
    Vendor.objects.filter(slug="p").update(parent_group=grandparent)
    release()
    found = concentration(market)
    assert found["hhi"] == pytest.approx(6800)
    group = found["vendors"][0]
    assert (group["vendor"], group["share"]) == ("Grootmoeder", 0.8)
    assert group["members"] == ["Dochter", "Moeder"]


def test_a_cycle_of_parent_groups_is_one_group(exact_figures):
    """P and S each other's parent (written around the catalogue's check): the release
    is made and both count as one group, named after the lower id (P, made first)."""
    market = group_market()
    Vendor.objects.filter(slug="p").update(parent_group=market.vendors["s"])
    release()
    found = concentration(market)
    assert found["hhi"] == pytest.approx(6800)
    assert (found["vendors"][0]["vendor"], found["vendors"][0]["share"]) == ("Moeder", 0.8)


def test_a_release_stored_before_groups_still_loads(exact_figures):
    """A market table pickled before the groups were stored (no ``groups``) is read and
    computed per vendor, as it was made; the next release gives the group figures."""
    from disclosure.models import ReleasePart
    from market.data import TABLE, TOPIC

    market = group_market()
    made = release()
    part = ReleasePart.objects.get(release=made, topic=TOPIC, key=TABLE)
    table = part.unpack()
    del table.__dict__["groups"]  # what the old code pickled
    part.payload = zlib.compress(pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL), 3)
    part.save(update_fields=["payload"])
    assert concentration(market)["hhi"] == pytest.approx(3600)  # per vendor, as made
    publish(as_of=date(2026, 11, 23), topics=["market"])
    assert concentration(market)["hhi"] == pytest.approx(6800)
