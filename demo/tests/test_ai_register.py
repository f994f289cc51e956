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


def test_demo_shares_a_handful_with_interest_enough_for_one_coalition():
    hospitals = sorted((OrganizationFactory() for _ in range(6)), key=lambda h: h.slug)
    seed_demo_ai_register()
    shared = AIApplication.objects.filter(shared=True)
    assert shared.count() == 7
    first = shared.filter(organization=hospitals[0]).annotate(n=Count("interests"))
    assert max(a.n for a in first) >= 2  # the first demo hospital may start a coalition
    assert not AIApplication.objects.filter(shared=False, interests__isnull=False).exists()
