"""Registering, changing and deleting AI applications: validated as a whole, granted to
the organisation's groups, and every write in the audit trail."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from airegister.models import AIApplication
from airegister.services import create_application, delete_application, update_application
from airegister.tests.factories import DEFAULTS, application
from portal.audit import Actor
from portal.models import AuditEvent
from vendors.tests.factories import ProductFactory, VendorFactory

pytestmark = pytest.mark.django_db


def errors_of(call):
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def test_creating_records_who_did_it_and_what_was_entered(world):
    user = world["users"]["procurement_a"]
    app = application(world["org_a"], name="Spraakherkenning", actor=Actor.of_user(user))
    event = AuditEvent.objects.get(object_id=app.pk, action=AuditEvent.Action.CREATE)
    assert event.actor == user
    assert event.organization == world["org_a"]
    assert event.after["name"] == "Spraakherkenning"
    assert event.after["risk_class"] == "minimal"


def test_a_change_records_only_what_changed(world):
    app = world["application"]
    update_application(application=app, phase=AIApplication.Phase.PRODUCTION)
    event = AuditEvent.objects.get(object_id=app.pk, action=AuditEvent.Action.UPDATE)
    assert event.before == {"phase": "pilot"}
    assert event.after == {"phase": "production"}


def test_saving_without_a_change_records_nothing(world):
    update_application(application=world["application"], phase=AIApplication.Phase.PILOT)
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.UPDATE).exists()


def test_deleting_keeps_the_last_state_in_the_trail(world):
    app = world["application"]
    pk = app.pk
    delete_application(application=app)
    assert not AIApplication.objects.filter(pk=pk).exists()
    event = AuditEvent.objects.get(object_id=pk, action=AuditEvent.Action.DELETE)
    assert event.before["name"] == "Geheime sepsisvoorspeller"


def test_high_risk_needs_a_reason_in_dutch(world):
    with translation.override("nl"):
        errors = errors_of(lambda: application(world["org_a"], risk_class="high"))
    assert errors["risk_reason"] == ["Leg uit waarom de toepassing in deze risicoklasse valt."]
    assert not AIApplication.objects.filter(risk_class="high").exists()
    app = application(world["org_a"], risk_class="high", risk_reason="Bijlage III, triage")
    assert app.risk_class == "high"


def test_co_created_needs_a_partner_and_only_then_has_partners(world):
    org_a, org_b = world["org_a"], world["org_b"]
    with translation.override("nl"):
        errors = errors_of(lambda: application(org_a, origin="co_created"))
    assert "minstens één partnerorganisatie" in errors["partners"][0]
    assert "partners" in errors_of(lambda: application(org_a, partners=[org_b]))
    assert "partners" in errors_of(
        lambda: application(org_a, origin="co_created", partners=[org_a])
    )
    app = application(org_a, origin="co_created", partners=[org_b])
    assert list(app.partners.all()) == [org_b]


def test_the_product_must_be_the_vendors(world):
    other = VendorFactory()
    product = ProductFactory()
    errors = errors_of(
        lambda: application(world["org_a"], origin="bought", vendor=other, product=product)
    )
    assert "product" in errors
    assert "vendor" in errors_of(lambda: application(world["org_a"], product=product))


def test_a_review_date_in_the_future_is_refused(world):
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert "last_reviewed_on" in errors_of(
        lambda: application(world["org_a"], last_reviewed_on=tomorrow)
    )


def test_only_care_providers_keep_a_register(world):
    assert "organization" in errors_of(lambda: application(world["association"]))


def test_an_invalid_change_saves_nothing(world):
    app = world["application"]
    with pytest.raises(ValidationError):
        update_application(application=app, risk_class="prohibited")
    app.refresh_from_db()
    assert app.risk_class == "minimal"
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.UPDATE).exists()


def test_unknown_fields_are_a_programming_error(world):
    with pytest.raises(TypeError):
        create_application(organization=world["org_a"], colour="red", name="x", **DEFAULTS)
