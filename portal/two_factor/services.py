"""Setting up, replacing and resetting a user's second factor."""

from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

APP_DEVICE_NAME = "authenticator-app"
BACKUP_DEVICE_NAME = "backup-codes"


def pending_app_device(user):
    """The not yet confirmed app device for set-up; made once, reused on reload so the
    QR code does not change while the user is scanning it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def confirmed_app_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


@transaction.atomic
def confirm_app_device(*, user, device, token):
    """Confirm ``device`` with a code from the app; replaces any earlier app and the
    backup codes. Returns the new backup codes, or None when the code is wrong."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
    if not device.verify_token(token):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_backup_codes(user=user)


@transaction.atomic
def new_backup_codes(*, user):
    """Replace the user's backup codes with a fresh set and return them (shown once)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.TWO_FACTOR_BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def backup_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def verified_device(user, token):
    """The confirmed device (app or backup codes) that accepts ``token``, or None. Each
    device throttles its own failures (1, 2, 4 ... seconds between attempts)."""
    token = "".join(token.split()).lower()
    kind = TOTPDevice if token.isdigit() else StaticDevice
    with transaction.atomic():
        for device in devices_for_user(user, for_verify=True):
            if isinstance(device, kind) and device.verify_token(token):
                return device
    return None


def throttled(user):
    """True while every confirmed device of the user refuses attempts after failures."""
    devices = list(devices_for_user(user))
    return bool(devices) and not any(device.verify_is_allowed()[0] for device in devices)


@transaction.atomic
def reset_two_factor(*, user):
    """Remove all of the user's devices (lost phone): the next log-in sets up anew, and
    sessions verified with the removed devices are no longer verified."""
    removed = 0
    for model in (TOTPDevice, StaticDevice):
        removed += model.objects.filter(user=user).delete()[1].get(model._meta.label, 0)
    return removed
