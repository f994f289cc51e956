"""The demo AI registers follow the AI monitor's origins (66% bought, 21% co-created,
13% self-built), pass the register's own validation, and are seeded once."""

import pytest
from django.db.models import Count

from airegister.models import AIApplication
from demo.ai_register import seed_demo_ai_register
from portal.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_demo_registers_follow_the_monitors_origins():
    hospitals = [OrganizationFactory() for _ in range(6)]
    assert seed_demo_ai_register() == 38
    origins = dict(AIApplication.objects.values_list("origin").annotate(n=Count("pk")))
    assert origins == {"bought": 25, "co_created": 8, "self_built": 5}
    assert {a.organization_id for a in AIApplication.objects.all()} == {h.pk for h in hospitals}
    for application in AIApplication.objects.filter(origin="co_created"):
        assert application.partners.exclude(pk=application.organization_id).exists()
    names = AIApplication.objects.values_list("organization", "name")
    assert len(set(names)) == len(names)
    assert seed_demo_ai_register() == 0
