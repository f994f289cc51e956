"""Two-factor authentication through the pages, as users meet it: password first, then
set up an app or enter its code; backup codes; the CMS; the API; a reset for a lost
phone. (Elsewhere ``force_login`` completes both factors: see the root conftest.)"""

import re
from base64 import b32decode

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from portal.models import Membership
from portal.tests.factories import (
    OrganizationFactory,
    UserFactory,
    app_code,
    authenticator_for,
    member,
)

pytestmark = pytest.mark.django_db
SETUP, VERIFY = reverse("two_factor_setup"), reverse("two_factor_verify")


@pytest.fixture
def organisation():
    return OrganizationFactory(slug="zh-twee")


@pytest.fixture
def admin(organisation):
    return member(organisation, Membership.Role.ORGANIZATION_ADMIN, username="beheerder")


def log_in(client, username):
    response = client.post(reverse("login"), {"username": username, "password": "secret-password"})
    assert response.status_code == 302, "the password was refused"


def test_an_admin_sets_up_an_app_after_the_password_and_gets_backup_codes(client, admin):
    data_page = reverse("organisation_data", args=["zh-twee"])
    log_in(client, "beheerder")
    held = client.get(data_page)
    assert held.status_code == 302 and held.url.startswith(SETUP)
    page = client.get(held.url)
    html = page.content.decode()
    assert "<svg" in html and "Tweestapsverificatie instellen" in html
    secret = re.search(r'id="otp-secret">([A-Z2-7 ]+)<', html).group(1).replace(" ", "")
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    assert b32decode(secret) == device.bin_key  # what the QR code and the key give the app

    wrong = client.post(held.url, {"code": "000000", "next": data_page})
    assert "Deze code klopt niet" in wrong.content.decode()
    assert client.get(data_page).status_code == 302  # still held
    device.refresh_from_db()
    assert not device.verify_is_allowed()[0]  # a wrong code asks for a second's wait
    device.throttle_reset()

    done = client.post(held.url, {"code": app_code(device), "next": data_page})
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", done.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    assert TOTPDevice.objects.get(user=admin).confirmed
    assert client.get(data_page).status_code == 200


def test_the_next_log_in_asks_for_the_apps_code_once(client, admin):
    device = authenticator_for(admin)
    log_in(client, "beheerder")
    held = client.get(reverse("access_log", args=["zh-twee"]))
    assert held.status_code == 302 and held.url.startswith(VERIFY)
    target = reverse("access_log", args=["zh-twee"])
    assert (
        "Deze code klopt niet"
        in client.post(VERIFY, {"code": "123456", "next": target}).content.decode()
    )

    device.refresh_from_db()
    device.throttle_reset()  # the wrong code above asks for a second's wait
    code = app_code(device)
    passed = client.post(VERIFY, {"code": code, "next": target})
    assert passed.status_code == 302 and passed.url == target
    assert client.get(target).status_code == 200

    client.logout()
    log_in(client, "beheerder")
    replay = client.post(VERIFY, {"code": code, "next": target})  # a code works once
    assert "Deze code klopt niet" in replay.content.decode()


def test_wrong_codes_make_the_next_attempt_wait(client, admin):
    device = authenticator_for(admin)
    log_in(client, "beheerder")
    client.post(VERIFY, {"code": "111111"})
    refused = client.post(VERIFY, {"code": app_code(device)})  # right, but too soon
    assert "Te veel verkeerde codes" in refused.content.decode()
    assert client.get(reverse("organisation_data", args=["zh-twee"])).status_code == 302


def test_a_backup_code_works_once(client, admin):
    authenticator_for(admin)
    from portal.two_factor.services import new_backup_codes

    code = new_backup_codes(user=admin)[0]
    log_in(client, "beheerder")
    assert client.post(VERIFY, {"code": code.upper()}).status_code == 302
    assert client.get(reverse("organisation_data", args=["zh-twee"])).status_code == 200
    assert not StaticToken.objects.filter(token=code).exists()
    client.logout()
    log_in(client, "beheerder")
    assert "Deze code klopt niet" in client.post(VERIFY, {"code": code}).content.decode()


def test_a_password_alone_cannot_add_another_app(client, admin):
    authenticator_for(admin)
    log_in(client, "beheerder")
    response = client.get(SETUP)
    assert response.status_code == 302 and response.url.startswith(VERIFY)
    assert client.post(SETUP, {"code": "123456"}).status_code == 302
    assert TOTPDevice.objects.filter(user=admin).count() == 1


def test_a_verified_user_moves_to_another_phone(client, admin):
    old = authenticator_for(admin)
    client.force_login(admin)
    client.get(SETUP)
    new = TOTPDevice.objects.get(user=admin, confirmed=False)
    assert client.post(SETUP, {"code": app_code(new)}).status_code == 200
    assert list(TOTPDevice.objects.filter(user=admin)) == [new]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()


def test_cms_editors_and_staff_are_held_at_the_cms_too(client):
    editor = UserFactory(username="redacteur")
    editor.groups.add(Group.objects.get(name="Editors"))
    staff = UserFactory(username="staf", is_staff=True)
    for user in (editor, staff):
        client.logout()
        response = client.post(
            "/cms/login/", {"username": user.username, "password": "secret-password"}
        )
        assert response.status_code == 302
        held = client.get("/cms/")
        assert held.status_code == 302 and held.url.startswith(SETUP)
        assert "next=%2Fcms%2F" in held.url
        client.get(held.url)
        device = TOTPDevice.objects.get(user=user, confirmed=False)
        passed = client.post(held.url, {"code": app_code(device), "next": "/cms/"})
        assert "<li><code>" in passed.content.decode()  # the backup codes
        assert client.get("/cms/").status_code == (200 if user == editor else 302)
        assert client.get(reverse("account")).status_code == 200


def test_the_api_refuses_a_held_session_but_not_an_organisations_token(client, admin):
    from contracts.services import issue_api_token

    authenticator_for(admin)
    log_in(client, "beheerder")
    refused = client.get("/api/v1/contracts/", HTTP_ACCEPT_LANGUAGE="nl")
    assert refused.status_code == 403
    assert "tweede factor" in refused.json()["detail"]
    _token, key = issue_api_token(
        organization=admin.memberships.get().organization,
        name="ERP",
        can_write=False,
        created_by=admin,
    )
    assert (
        APIClient(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/v1/contracts/").status_code == 200
    )


def test_other_roles_need_no_code_but_may_switch_it_on_and_off(client, organisation):
    user = member(organisation, Membership.Role.PROCUREMENT_SPECIALIST, username="inkoper")
    contracts = reverse("contract_list")
    log_in(client, "inkoper")
    assert client.get(contracts).status_code == 200
    assert "Uit" in client.get(reverse("account")).content.decode()
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user)
    client.post(SETUP, {"code": app_code(device)})

    client.logout()
    log_in(client, "inkoper")
    assert client.get(contracts).url.startswith(VERIFY)  # switched on: asked from now on
    client.post(VERIFY, {"code": app_code(device, steps_ahead=1)})
    assert client.get(contracts).status_code == 200
    client.post(reverse("two_factor_switch_off"))
    assert not TOTPDevice.objects.filter(user=user).exists()
    client.logout()
    log_in(client, "inkoper")
    assert client.get(contracts).status_code == 200


def test_an_admin_cannot_switch_it_off(client, admin):
    client.force_login(admin)
    response = client.post(reverse("two_factor_switch_off"), follow=True)
    assert "Uw rol vereist tweestapsverificatie" in response.content.decode()
    assert TOTPDevice.objects.filter(user=admin).exists()


def test_new_backup_codes_replace_the_old_ones(client, admin):
    from portal.two_factor.services import new_backup_codes

    old = new_backup_codes(user=admin)
    client.force_login(admin)
    page = client.post(reverse("two_factor_backup_codes")).content.decode()
    fresh = re.findall(r"<li><code>([a-z2-7]+)</code></li>", page)
    assert len(fresh) == 10 and not set(fresh) & set(old)
    assert StaticToken.objects.filter(device__user=admin).count() == 10


def test_support_resets_a_lost_phone(client, admin, capsys):
    client.force_login(admin)  # a verified session on the old phone
    call_command("reset_two_factor", "beheerder")
    assert "1 device(s) removed" in capsys.readouterr().out
    assert not TOTPDevice.objects.filter(user=admin).exists()
    held = client.get(reverse("organisation_data", args=["zh-twee"]))
    assert held.status_code == 302 and held.url.startswith(SETUP)


def test_a_promotion_to_admin_asks_for_the_second_factor_on_the_next_request(
    client, organisation, django_capture_on_commit_callbacks
):
    from portal.services import change_member_role

    user = member(organisation, Membership.Role.PROCUREMENT_SPECIALIST, username="inkoper")
    log_in(client, "inkoper")
    contracts = reverse("contract_list")
    assert client.get(contracts).status_code == 200  # no second factor needed (cached)
    with django_capture_on_commit_callbacks(execute=True):
        change_member_role(
            membership=user.memberships.get(), role=Membership.Role.ORGANIZATION_ADMIN
        )
    held = client.get(contracts)
    assert held.status_code == 302 and held.url.startswith(SETUP)


def test_a_new_cms_editor_is_held_at_once_too(client):
    user = UserFactory(username="nieuw")
    log_in(client, "nieuw")
    assert client.get("/").status_code == 200
    Group.objects.get(name="Editors").user_set.add(user)
    assert client.get("/").url.startswith(SETUP)
