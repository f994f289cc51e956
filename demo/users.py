"""Demo log-ins, one per role. Created only where settings.DEMO_USERS_ENABLED is True
(dev and test), because their password is printed."""

import hashlib
import hmac
from base64 import b32encode

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.models import Membership, Organization
from portal.services import add_member
from portal.two_factor.policy import requires_two_factor
from vendors.models import Vendor, VendorRepresentative
from vendors.services import add_vendor_representative

DEMO_PASSWORD = "demo-portaal-2026"  # noqa: S105 - printed on purpose, dev and test only
DEMO_USERNAMES = [
    "inkoper.a",
    "inkoper.b",
    "beheerder.a",
    "lezer.a",
    "coordinator",
    "analist",
    "leverancier.a",
    "leverancier.b",
    "redacteur",
    "admin",
]


def _first_hospitals():
    return list(
        Organization.objects.care_providers().filter(sector="general_hospital").order_by("slug")[:2]
    )


def _leading_ehr_vendors(market):
    return [slug for slug, _ in market.leaf_vendors["epd-ziekenhuis"][:2]]


@transaction.atomic
def create_demo_users(market):
    """Create (or leave alone) one user per role; returns [(username, description)]."""
    User = get_user_model()
    hospital_a, hospital_b = _first_hospitals()
    association = Organization.objects.get(slug="vereniging-gebruikers-zorgsuite-demo")
    policy_body = Organization.objects.get(slug="directie-zorgmarkt-demo")
    vendor_a, vendor_b = (Vendor.objects.get(slug=s) for s in _leading_ehr_vendors(market))

    memberships = [
        ("inkoper.a", "Anouk", hospital_a, Membership.Role.PROCUREMENT_SPECIALIST),
        ("inkoper.b", "Bram", hospital_b, Membership.Role.PROCUREMENT_SPECIALIST),
        ("beheerder.a", "Chantal", hospital_a, Membership.Role.ORGANIZATION_ADMIN),
        ("lezer.a", "Daan", hospital_a, Membership.Role.VIEWER),
        ("coordinator", "Eva", association, Membership.Role.COALITION_COORDINATOR),
        ("analist", "Farid", policy_body, Membership.Role.POLICY_ANALYST),
    ]
    created = []
    for username, first_name, organization, role in memberships:
        user = _user(User, username, first_name)
        if not Membership.objects.filter(user=user, organization=organization).exists():
            add_member(organization=organization, user=user, role=role)
        created.append((username, f"{Membership.Role(role).label} · {organization.name}"))
    for username, first_name, vendor in (
        ("leverancier.a", "Gijs", vendor_a),
        ("leverancier.b", "Hanna", vendor_b),
    ):
        user = _user(User, username, first_name)
        if not VendorRepresentative.objects.filter(user=user).exists():
            add_vendor_representative(vendor=vendor, user=user)
        created.append((username, f"Vendor representative · {vendor.name}"))
    editor = _user(User, "redacteur", "Iris")
    editor.groups.add(Group.objects.get(name="Editors"))
    created.append(("redacteur", "Editor (CMS at /cms/)"))
    admin = _user(User, "admin", "Joost", superuser=True)
    created.append((admin.username, "Site administrator (CMS at /cms/)"))
    return created


def demo_authenticator_secrets():
    """Give the demo users who need a second factor an authenticator app with a known
    key (printed, like their password); returns [(username, base32 key)]. Put the key
    in any authenticator app, or run scripts/totp_code.py with it."""
    secrets = []
    for user in get_user_model().objects.filter(username__in=DEMO_USERNAMES).order_by("pk"):
        if not requires_two_factor(user):
            continue
        key = hmac.new(b"zorg-ict-demo", user.username.encode(), hashlib.sha1).hexdigest()
        TOTPDevice.objects.get_or_create(
            user=user, name="demo-app", defaults={"key": key, "confirmed": True}
        )
        secrets.append((user.username, b32encode(bytes.fromhex(key)).decode()))
    return secrets


def _user(User, username, first_name, superuser=False):
    user, made = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first_name,
            "email": f"{username}@demo.invalid",
            "is_staff": superuser,
            "is_superuser": superuser,
        },
    )
    if made:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user
