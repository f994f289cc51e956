import factory
from django.contrib.auth import get_user_model

from portal.choices import Province, Sector
from portal.models import Membership, Organization
from portal.services import add_member, create_organization, record_organization_size


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    password = factory.django.Password("secret-password")


class OrganizationFactory(factory.Factory):
    """Builds organisations through the service, so their groups exist."""

    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Testziekenhuis {n}")
    slug = factory.Sequence(lambda n: f"testziekenhuis-{n}")
    type = Organization.Type.CARE_PROVIDER
    sector = Sector.GENERAL_HOSPITAL
    province = Province.UTRECHT

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return create_organization(**kwargs)


def member(organization, role=Membership.Role.PROCUREMENT_SPECIALIST, **user_fields):
    """A user who is a member of ``organization`` with ``role``."""
    user = UserFactory(**user_fields)
    add_member(organization=organization, user=user, role=role)
    return user


def size(organization, year=2024, revenue_eur=250_000_000, fte=2_500, beds=300):
    return record_organization_size(
        organization=organization, year=year, revenue_eur=revenue_eur, fte=fte, beds=beds
    )


def authenticator_for(user):
    """The user's confirmed authenticator app (made on first use), as after set-up."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test-app", confirmed=True)


def app_code(device, steps_ahead=0):
    """The code the user's phone would show (``steps_ahead`` 30-second steps later: a
    code is accepted once, and one step of clock drift is allowed)."""
    import time

    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"
