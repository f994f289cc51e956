"""Sensitive reads are logged for the organisation, and only its admins read the log."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from contracts.services import issue_api_token
from contracts.tests.factories import ContractFactory
from portal.models import AccessLogEntry, Membership
from portal.tests.factories import OrganizationFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(reference_data):
    hospital = OrganizationFactory(slug="zh", name="Ziekenhuis Zuid")
    return {
        "hospital": hospital,
        "contract": ContractFactory(organization=hospital, reference="GEHEIM-1"),
        "buyer": member(hospital, username="inkoper"),
        "admin": member(hospital, Membership.Role.ORGANIZATION_ADMIN, username="beheerder"),
        "viewer": member(hospital, Membership.Role.VIEWER, username="lezer"),
    }


def kinds(organization):
    return list(
        AccessLogEntry.objects.filter(organization=organization)
        .order_by("at", "id")
        .values_list("actor_label", "kind", "subject")
    )


def test_contract_page_export_benchmarks_and_api_reads_are_logged(client, world):
    contract = world["contract"]
    client.force_login(world["buyer"])
    client.get(reverse("contract_detail", args=[contract.pk]))
    client.get(reverse("contract_export", args=["csv"]) + "?organisatie=zh")
    client.get(reverse("price_explorer"))
    api = APIClient()
    api.force_authenticate(world["viewer"])
    api.get(f"/api/v1/contracts/{contract.pk}/")
    _token, key = issue_api_token(
        organization=world["hospital"], name="ERP", can_write=False, created_by=world["admin"]
    )
    APIClient(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/v1/contracts/")
    logged = kinds(world["hospital"])
    assert logged[:4] == [
        ("inkoper", "contract", "GEHEIM-1"),
        ("inkoper", "export", "contracten.csv"),
        ("inkoper", "benchmark", logged[2][2]),
        ("lezer", "contract_api", "GEHEIM-1"),
    ]
    assert logged[4][1] == "contract_api" and logged[4][0].startswith("token:")


def test_only_the_organisations_admins_read_the_log(client, world):
    client.force_login(world["buyer"])
    client.get(reverse("contract_detail", args=[world["contract"].pk]))
    url = reverse("access_log", args=["zh"])
    for user in ("buyer", "viewer"):
        client.force_login(world[user])
        assert client.get(url).status_code == 404
    client.force_login(
        member(OrganizationFactory(slug="ander"), Membership.Role.ORGANIZATION_ADMIN)
    )
    assert client.get(url).status_code == 404
    client.force_login(world["admin"])
    html = client.get(url).content.decode()
    assert "GEHEIM-1" in html and "inkoper" in html
    filtered = client.get(url + "?soort=export").content.decode()
    assert "GEHEIM-1" not in filtered


def test_reads_older_than_the_retention_are_forgotten_by_the_daily_command(
    client, world, settings, capsys
):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    settings.ACCESS_LOG_RETENTION_DAYS = 30
    client.force_login(world["buyer"])
    for _ in range(3):
        client.get(reverse("contract_detail", args=[world["contract"].pk]))
    old, recent, today = AccessLogEntry.objects.order_by("id")
    AccessLogEntry.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=31))
    AccessLogEntry.objects.filter(pk=recent.pk).update(at=timezone.now() - timedelta(days=29))

    call_command("purge_access_log")
    assert "1 access-log entries older than 30 days deleted" in capsys.readouterr().out
    assert set(AccessLogEntry.objects.values_list("pk", flat=True)) == {recent.pk, today.pk}
    client.force_login(world["admin"])
    page = client.get(reverse("access_log", args=["zh"])).content.decode()
    assert "worden 30 dagen bewaard" in page
