"""The user's own account page, changing the password, and a forgotten password."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from portal.models import Membership
from portal.tests.factories import OrganizationFactory, UserFactory, member

pytestmark = pytest.mark.django_db


def test_the_account_page_shows_roles_and_the_second_factor(client):
    user = member(
        OrganizationFactory(name="Ziekenhuis Eigen"), Membership.Role.VIEWER, username="lezer"
    )
    assert client.get(reverse("account")).status_code == 302  # log in first
    client.force_login(user)
    page = client.get(reverse("account")).content.decode()
    assert "Ziekenhuis Eigen" in page and "Lezer" in page
    assert "Uit: bij het inloggen vraagt het portaal alleen uw wachtwoord." in page


def test_changing_the_password_checks_the_old_one_and_the_rules(client):
    user = UserFactory(username="inkoper")
    client.force_login(user)
    url = reverse("password_change")
    wrong = client.post(
        url,
        {
            "old_password": "fout",
            "new_password1": "Een-nieuw-wachtwoord-42",
            "new_password2": "Een-nieuw-wachtwoord-42",
        },
    )
    assert "Uw oude wachtwoord is niet juist ingevoerd" in wrong.content.decode()
    weak = client.post(
        url,
        {"old_password": "secret-password", "new_password1": "1234", "new_password2": "1234"},
    ).content.decode()
    assert "Dit wachtwoord is te kort" in weak and "alleen cijfers" in weak
    user.refresh_from_db()
    assert user.check_password("secret-password")  # nothing changed

    done = client.post(
        url,
        {
            "old_password": "secret-password",
            "new_password1": "Een-nieuw-wachtwoord-42",
            "new_password2": "Een-nieuw-wachtwoord-42",
        },
    )
    assert done.status_code == 302 and done.url == reverse("password_change_done")
    user.refresh_from_db()
    assert user.check_password("Een-nieuw-wachtwoord-42")
    assert client.get(reverse("account")).status_code == 200  # still logged in


def test_a_forgotten_password_is_reset_through_an_e_mailed_link_once(client):
    admin = member(OrganizationFactory(), Membership.Role.ORGANIZATION_ADMIN, username="beheerder")
    admin.email = "beheerder@zh.invalid"
    admin.save()
    sent = client.post(reverse("password_reset"), {"email": "beheerder@zh.invalid"})
    assert sent.status_code == 302
    unknown = client.post(reverse("password_reset"), {"email": "niemand@zh.invalid"})
    assert unknown.url == sent.url  # the page does not tell which addresses exist
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["beheerder@zh.invalid"]
    assert "Zorg-ICT Marktportaal" in mail.outbox[0].subject
    link = re.search(r"http://testserver(/wachtwoord-herstellen/\S+/)", mail.outbox[0].body)[1]

    form = client.get(link, follow=True)  # Django moves the token out of the address
    new = {"new_password1": "Een-nieuw-wachtwoord-42", "new_password2": "Een-nieuw-wachtwoord-42"}
    assert client.post(form.redirect_chain[-1][0], new).url == reverse("password_reset_complete")
    again = client.get(link, follow=True).content.decode()
    assert "werkt niet (meer)" in again

    logged_in = client.post(
        reverse("login"), {"username": "beheerder", "password": "Een-nieuw-wachtwoord-42"}
    )
    assert logged_in.status_code == 302
    held = client.get(reverse("account"))
    assert held.url.startswith(reverse("two_factor_setup"))  # the second factor still counts
