"""An organisation admin downloads all of the organisation's data in open formats and
deletes it; the benchmarks stop counting it at once."""

import io
import json
import zipfile
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coalitions import services as coalitions
from coalitions.models import Coalition
from contracts.importing.reading import read_table
from contracts.models import Contract
from disclosure.models import Release
from disclosure.releases import publish
from portal.models import AuditEvent, Membership
from portal.tests.factories import OrganizationFactory, member
from prices.publication import CellKey
from prices.releases import publication_for
from prices.tests.conftest import Market

pytestmark = pytest.mark.django_db


@pytest.fixture
def market(db, reference_data):
    market = Market()
    for step in range(6):
        market.hospital(100_000 + 10_000 * step, start=date(2023, 1, 1))
    return market


@pytest.fixture
def hospital(market):
    organization = market.organizations[0]
    admin = member(organization, Membership.Role.ORGANIZATION_ADMIN, username="beheerder")
    return organization, admin


def test_download_everything_in_open_formats(client, hospital):
    organization, admin = hospital
    client.force_login(admin)
    response = client.get(reverse("organisation_data_export", args=[organization.slug]))
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert {"organisatie.json", "contracten.csv", "contracten.xlsx"} <= set(archive.namelist())
    data = json.loads(archive.read("organisatie.json"))
    [contract] = data["contracts"]
    assert contract["lines"][0]["amount"] == "100000.00"
    assert data["organisation"]["slug"] == organization.slug and data["sizes"]
    headers, rows, _known = read_table(archive.read("contracten.csv"), "contracten.csv")
    assert len(rows) == 1 and "kenmerk" in [h.lower() for h in headers]


def test_only_the_admin_downloads_or_deletes(client, hospital):
    organization, _admin = hospital
    client.force_login(member(organization, username="inkoper"))
    for name in ("organisation_data", "organisation_data_export"):
        assert client.get(reverse(name, args=[organization.slug])).status_code == 404
    response = client.post(
        reverse("organisation_data", args=[organization.slug]), {"confirm": organization.name}
    )
    assert response.status_code == 404
    assert Contract.objects.filter(organization=organization).exists()


def test_delete_needs_the_name_and_then_the_benchmarks_stop_counting(client, hospital, market):
    organization, admin = hospital
    key = CellKey("annual", timezone.localdate().year)
    publish(as_of=timezone.localdate() - timedelta(days=10))  # past the minimum gap
    assert publication_for(market.category).cell(key).n_organisations == 6
    client.force_login(admin)
    url = reverse("organisation_data", args=[organization.slug])
    wrong = client.post(url, {"confirm": "iets anders"}, follow=True)
    assert "precies" in wrong.content.decode()
    assert Contract.objects.filter(organization=organization).count() == 1
    done = client.post(url, {"confirm": organization.name}, follow=True)
    assert "Verwijderd: 1 contracten" in done.content.decode()
    assert not Contract.objects.filter(organization=organization).exists()
    assert not organization.sizes.exists()
    # A release out of turn no longer counts it; five of last month's six would give
    # the sixth away, so the figure is withheld rather than shown with five.
    after = publication_for(market.category).cell(key)
    assert after.code == "differencing" and after.n_organisations is None
    event = AuditEvent.objects.filter(organization=organization).first()
    assert event.action == "delete" and event.before["contracts"] == 1
    # Deleting again, with nothing left, forces no release.
    releases_made = Release.objects.count()
    client.post(url, {"confirm": organization.name})
    assert Release.objects.count() == releases_made


def test_deleting_data_no_release_counted_forces_no_release(client, hospital, market):
    """An organisation whose only contract was entered after the current release's
    cutoff (so no figure counts it) deletes its data: no release out of turn (the red
    team forced weekly releases with a trial import and a deletion)."""
    organization, admin = hospital
    publish(as_of=timezone.localdate() - timedelta(days=10))
    Contract.objects.filter(organization=organization).update(created_at=timezone.now())
    client.force_login(admin)
    url = reverse("organisation_data", args=[organization.slug])
    client.post(url, {"confirm": organization.name})
    assert not Contract.objects.filter(organization=organization).exists()
    assert Release.objects.count() == 1


def test_a_sole_coordinator_hands_over_first(client, hospital, market):
    organization, admin = hospital
    coalition = coalitions.create_coalition(
        coordinator=organization,
        user=admin,
        categories=[market.category],
        name="Samen",
        slug="samen",
        goal="Samen",
        type=Coalition.Type.JOINT_PURCHASING,
        visibility=Coalition.Visibility.PUBLIC,
    )
    other = OrganizationFactory(slug="ander")
    coalitions.accept_invitation(coalitions.invite(coalition, other))
    client.force_login(admin)
    response = client.post(
        reverse("organisation_data", args=[organization.slug]),
        {"confirm": organization.name},
        follow=True,
    )
    assert "Draag eerst de coördinatie" in response.content.decode()
    assert Contract.objects.filter(organization=organization).exists()  # nothing deleted
