"""Guessing protection on both log-in pages, sessions that end, and API rate limits per
token and per anonymous address."""

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from portal.tests.factories import OrganizationFactory, UserFactory, member

pytestmark = pytest.mark.django_db


def attempt(client, url, username, password):
    return client.post(url, {"username": username, "password": password})


@pytest.mark.parametrize("url", ["/inloggen/", "/cms/login/"])
def test_five_wrong_passwords_lock_the_account_for_a_while(client, url):
    UserFactory(username="inkoper", is_staff=True)
    for _ in range(settings.LOGIN_MAX_FAILURES):
        assert attempt(client, url, "inkoper", "fout").status_code == 200
    refused = attempt(client, url, "inkoper", "secret-password")  # the right one
    assert refused.status_code == 200
    assert "Te veel mislukte inlogpogingen" in refused.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_right_password_before_the_limit_resets_the_count(client):
    UserFactory(username="inkoper")
    for _ in range(settings.LOGIN_MAX_FAILURES - 1):
        attempt(client, "/inloggen/", "INKOPER", "fout")  # user names match case-blind
    assert attempt(client, "/inloggen/", "inkoper", "secret-password").status_code == 302
    client.logout()
    for _ in range(settings.LOGIN_MAX_FAILURES - 1):
        attempt(client, "/inloggen/", "inkoper", "fout")
    assert attempt(client, "/inloggen/", "inkoper", "secret-password").status_code == 302


def test_one_address_cannot_try_many_user_names(client, settings):
    settings.LOGIN_MAX_FAILURES_PER_ADDRESS = 3
    UserFactory(username="lezer")
    for name in ("a", "b", "c"):
        attempt(client, "/inloggen/", name, "fout")
    assert "Te veel" in attempt(client, "/inloggen/", "lezer", "secret-password").content.decode()


def test_sessions_end_after_a_working_day_or_when_the_browser_closes(client):
    UserFactory(username="inkoper")
    attempt(client, "/inloggen/", "inkoper", "secret-password")
    assert client.session.get_expire_at_browser_close()
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600


def test_api_rate_limits_per_anonymous_address_and_per_token(settings):
    rates = {"anon": "3/min", "token": "5/min"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    anonymous = APIClient()
    statuses = [anonymous.get("/api/v1/vendors/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    from contracts.services import issue_api_token

    organisation = OrganizationFactory(slug="zh")
    _token, key = issue_api_token(
        organization=organisation, name="ERP", can_write=False, created_by=member(organisation)
    )
    system = APIClient(HTTP_AUTHORIZATION=f"Bearer {key}")
    statuses = [system.get("/api/v1/contracts/").status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    other = APIClient()
    other.force_authenticate(UserFactory())  # another caller has its own budget
    assert other.get("/api/v1/vendors/").status_code == 200
