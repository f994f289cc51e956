"""AI applications made through the service, so their permissions and audit events
exist as in use."""

from airegister.models import AIApplication
from airegister.services import create_application

DEFAULTS = {
    "purpose": AIApplication.Purpose.DIAGNOSIS,
    "origin": AIApplication.Origin.SELF_BUILT,
    "phase": AIApplication.Phase.PILOT,
    "kind": AIApplication.Kind.TRADITIONAL,
    "risk_class": AIApplication.RiskClass.MINIMAL,
}


def application(organization, name="Longnodule-detectie", **fields):
    return create_application(organization=organization, name=name, **{**DEFAULTS, **fields})
