"""Guessing protection on both log-in pages (django-axes, per user name and client
address), sessions that end, API rate limits per token and per client address, and the
client address itself: X-Forwarded-For counts only from a trusted proxy."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from rest_framework.test import APIClient

from contracts.services import issue_api_token
from contracts.tests.factories import ContractFactory
from portal.models import AccessLogEntry
from portal.tests.factories import OrganizationFactory, UserFactory, member

pytestmark = pytest.mark.django_db

PROXY = "127.0.0.1"
ATTACKER = "203.0.113.9"
OWNER = "198.51.100.4"
LOCKED = "Te veel mislukte inlogpogingen"


def attempt(client, url, username, password, **headers):
    return client.post(url, {"username": username, "password": password}, **headers)


def direct(address):
    """A browser that connects to the portal itself, from ``address``."""
    return Client(REMOTE_ADDR=address)


def via_proxy(address, forwarded_by_client=""):
    """A browser at ``address`` behind the trusted proxy, which appends the address it
    got the request from to whatever X-Forwarded-For the client sent."""
    header = f"{forwarded_by_client}, {address}" if forwarded_by_client else address
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=header)


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = [PROXY]


@pytest.mark.parametrize("url", ["/inloggen/", "/cms/login/"])
def test_five_wrong_passwords_lock_the_account_for_a_while(client, url):
    UserFactory(username="inkoper", is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        assert attempt(client, url, "inkoper", "fout").status_code == 200
    refused = attempt(client, url, "inkoper", "secret-password")  # the right one
    assert refused.status_code == 200
    assert LOCKED in refused.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_right_password_before_the_limit_resets_the_count(client):
    UserFactory(username="inkoper")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "/inloggen/", "INKOPER", "fout")  # user names match case-blind
    assert attempt(client, "/inloggen/", "inkoper", "secret-password").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "/inloggen/", "inkoper", "fout")
    assert attempt(client, "/inloggen/", "inkoper", "secret-password").status_code == 302


def test_one_address_cannot_try_many_user_names(client, settings):
    settings.LOGIN_MAX_FAILURES_PER_ADDRESS = 3
    UserFactory(username="lezer")
    for name in ("a", "b", "c"):
        attempt(client, "/inloggen/", name, "fout")
    assert LOCKED in attempt(client, "/inloggen/", "lezer", "secret-password").content.decode()


@pytest.mark.parametrize("url", ["/inloggen/", "/cms/login/"])
def test_someone_who_knows_a_user_name_locks_out_only_themselves(url):
    UserFactory(username="inkoper", is_staff=True)
    attacker = direct(ATTACKER)
    for _ in range(settings.AXES_FAILURE_LIMIT + 3):
        attempt(attacker, url, "inkoper", "fout")
    assert LOCKED in attempt(attacker, url, "inkoper", "secret-password").content.decode()
    owner = direct(OWNER)
    assert attempt(owner, url, "inkoper", "secret-password").status_code == 302


def test_without_a_trusted_proxy_a_forged_forwarded_header_escapes_no_lock_out():
    UserFactory(username="inkoper")
    attacker = direct(ATTACKER)
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(attacker, "/inloggen/", "inkoper", "fout", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    refused = attempt(
        attacker, "/inloggen/", "inkoper", "secret-password", HTTP_X_FORWARDED_FOR="10.9.9.9"
    )
    assert LOCKED in refused.content.decode()


def test_behind_the_proxy_failures_count_per_client_not_for_the_proxy(behind_proxy, settings):
    settings.LOGIN_MAX_FAILURES_PER_ADDRESS = 3
    UserFactory(username="inkoper")
    UserFactory(username="lezer")
    attacker = via_proxy(ATTACKER)
    for name in ("inkoper", "a", "b", "c"):
        attempt(attacker, "/inloggen/", name, "fout")
    # the attacker is locked (even with a forged header in front of the proxy's) ...
    forged = via_proxy(ATTACKER, forwarded_by_client=OWNER)
    assert LOCKED in attempt(forged, "/inloggen/", "lezer", "secret-password").content.decode()
    # ... everyone else behind the same proxy is not
    assert attempt(via_proxy(OWNER), "/inloggen/", "inkoper", "secret-password").status_code == 302
    assert attempt(via_proxy(OWNER), "/inloggen/", "lezer", "secret-password").status_code == 302


def test_sessions_end_after_a_working_day_or_when_the_browser_closes(client):
    UserFactory(username="inkoper")
    attempt(client, "/inloggen/", "inkoper", "secret-password")
    assert client.session.get_expire_at_browser_close()
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600


def test_site_administrators_see_and_lift_lock_outs_in_the_cms(client):
    UserFactory(username="inkoper")
    attacker = direct(ATTACKER)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(attacker, "/inloggen/", "inkoper", "fout")
    editor = UserFactory(username="redacteur")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get("/cms/login_lockouts/").status_code in (302, 403)
    client.force_login(UserFactory(username="beheer", is_superuser=True, is_staff=True))
    screen = client.get("/cms/login_lockouts/").content.decode()
    assert "inkoper" in screen and ATTACKER in screen
    from axes.models import AccessAttempt

    lock_out = AccessAttempt.objects.get(username="inkoper")
    assert client.get("/cms/login_lockouts/new/").status_code in (302, 403)
    assert client.post(f"/cms/login_lockouts/delete/{lock_out.pk}/").status_code == 302
    assert attempt(attacker, "/inloggen/", "inkoper", "secret-password").status_code == 302


def rates(settings, anon="3/min", token="5/min"):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": anon, "token": token},
    }


def test_api_rate_limits_per_anonymous_address_and_per_token(settings):
    rates(settings)
    anonymous = APIClient()
    statuses = [anonymous.get("/api/v1/vendors/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
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


def test_a_new_forwarded_header_on_every_request_does_not_reset_the_anonymous_limit(settings):
    rates(settings)
    anonymous = APIClient(REMOTE_ADDR=ATTACKER)
    statuses = [
        anonymous.get("/api/v1/vendors/", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code
        for n in range(5)
    ]
    assert statuses == [200, 200, 200, 429, 429]


def test_behind_the_proxy_each_client_has_its_own_anonymous_budget(behind_proxy, settings):
    rates(settings)
    attacker = APIClient(REMOTE_ADDR=PROXY)
    statuses = [
        # the client's own X-Forwarded-For stands left of what the proxy appended
        attacker.get("/api/v1/vendors/", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, {ATTACKER}")
        for n in range(4)
    ]
    assert [response.status_code for response in statuses] == [200, 200, 200, 429]
    owner = APIClient(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=OWNER)
    assert owner.get("/api/v1/vendors/").status_code == 200  # not the proxy's budget


def test_the_access_log_records_the_client_address(behind_proxy):
    hospital = OrganizationFactory(slug="zh")
    contract = ContractFactory(organization=hospital)
    browser = via_proxy(OWNER, forwarded_by_client="192.0.2.1")
    browser.force_login(member(hospital))
    assert browser.get(f"/contracten/{contract.pk}/").status_code == 200
    assert AccessLogEntry.objects.get(organization=hospital).client_address == OWNER
