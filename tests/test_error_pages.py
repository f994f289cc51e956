"""The portal's own 403, 404 and 500 pages: in the site layout and the user's language
(Dutch unless English was chosen), saying why and what to do. API errors stay JSON."""

import pytest
from django.conf import settings
from django.urls import reverse

from portal.models import Membership, Organization
from portal.tests.factories import OrganizationFactory, member

ENGLISH = {settings.LANGUAGE_COOKIE_NAME: "en"}


@pytest.fixture
def coordinator(db):
    """A coalition coordinator: a member, but of no care provider, so no benchmarks."""
    association = OrganizationFactory(type=Organization.Type.USER_ASSOCIATION, sector="")
    return member(association, Membership.Role.COALITION_COORDINATOR)


@pytest.mark.django_db
def test_page_not_found_in_dutch_with_the_site_menu_and_a_log_in(client):
    response = client.get("/bestaat-niet/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Pagina niet gevonden</h1>" in html
    assert "Veel pagina's zijn alleen voor ingelogde gebruikers." in html
    assert f'href="{reverse("login")}?next=/bestaat-niet/"' in html
    assert "Naar de startpagina" in html and 'action="/zoeken/"' in html
    assert f'href="{reverse("vendor_list")}">Leveranciers</a>' in html  # the site layout


@pytest.mark.django_db
def test_page_not_found_in_english_when_chosen(client):
    client.cookies.load(ENGLISH)
    html = client.get("/bestaat-niet/").content.decode()
    assert "<h1>Page not found</h1>" in html
    assert "Go to the start page" in html


@pytest.mark.django_db
def test_a_refused_page_says_why_and_whom_to_ask(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("price_explorer"))
    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Geen toegang tot deze pagina</h1>" in html
    assert "vraag dan de beheerder van uw organisatie om een rol" in html
    assert "Naar de startpagina" in html
    assert "Uitloggen" in html  # the site layout, with the user's own header


@pytest.mark.django_db
def test_a_refused_page_in_english(client, coordinator):
    client.cookies.load(ENGLISH)
    client.force_login(coordinator)
    html = client.get(reverse("price_explorer")).content.decode()
    assert "<h1>No access to this page</h1>" in html
    assert "Benchmarks are for care providers and policy staff." in html  # why
    assert "ask your organisation's admin for a role" in html


@pytest.mark.urls("tests.raising_urls")
def test_server_error_page_needs_no_database(client):
    """No django_db mark: any query while rendering the page would fail this test."""
    client.raise_request_exception = False
    response = client.get("/kapot/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Er ging bij ons iets mis</h1>" in html
    assert "Probeer het over een paar minuten opnieuw." in html
    assert 'href="/"' in html


@pytest.mark.urls("tests.raising_urls")
def test_server_error_page_in_english(client):
    client.raise_request_exception = False
    client.cookies.load(ENGLISH)
    html = client.get("/kapot/").content.decode()
    assert "<h1>Something went wrong on our side</h1>" in html


@pytest.mark.urls("tests.raising_urls")
def test_api_errors_stay_json(client):
    client.raise_request_exception = False
    broken = client.get("/api/v1/kapot/")
    assert broken.status_code == 500
    assert broken.json() == {"detail": "Er is een serverfout opgetreden."}


@pytest.mark.django_db
def test_api_not_found_stays_json(client):
    missing = client.get("/api/v1/bestaat-niet/")  # no such route
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Niet gevonden."}
    vendor = client.get("/api/v1/vendors/bestaat-niet/")  # no such object (DRF's own)
    assert vendor.status_code == 404
    assert vendor["Content-Type"] == "application/json"
