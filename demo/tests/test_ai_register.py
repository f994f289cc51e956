"""The demo AI registers follow the AI monitor's origins (66% bought, 21% co-created,
13% self-built), pass the register's own validation, are seeded once, and the AI
monitor shows their figures after the release that follows the seeding."""

import pytest
from django.core.cache import cache
from django.db.models import Count

from airegister import monitor
from airegister.models import AIApplication
from demo.ai_register import seed_demo_ai_register
from disclosure import releases
from portal.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_providers():
    sizes = {"general_hospital": 10, "top_clinical_hospital": 5, "mental_health": 8}
    return [
        OrganizationFactory(sector=sector, name=f"Demo {sector} {i}", slug=f"demo-{sector}-{i}")
        for sector, n in sizes.items()
        for i in range(n)
    ]


def test_demo_registers_follow_the_monitors_origins(demo_providers):
    created = seed_demo_ai_register()
    origins = dict(AIApplication.objects.values_list("origin").annotate(n=Count("pk")))
    assert sum(origins.values()) == created
    shares = {origin: n / created for origin, n in origins.items()}
    assert shares["bought"] == pytest.approx(0.66, abs=0.01)
    assert shares["co_created"] == pytest.approx(0.21, abs=0.01)
    assert shares["self_built"] == pytest.approx(0.13, abs=0.01)
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


def test_the_monitor_shows_the_demo_after_its_release(demo_providers, settings):
    # The demo's design (sectors of 5 or more, the monitor's proportions), not a noise
    # draw: the noise is seeded from the data, organisation ids included, which differ
    # between databases (airegister/tests/test_monitor.py tests the noise).
    settings.DISCLOSURE_SUM_NOISE = 0.0
    seed_demo_ai_register()
    releases.publish()
    releases.forget()
    cache.clear()
    found = monitor.report()
    assert found["withheld"] == ""
    assert found["applications"]["value"] is not None
    origin = {row["code"]: row for row in found["origin"]}
    assert all(origin[o]["share"] is not None for o in ("bought", "co_created", "self_built"))
    assert origin["bought"]["share"] == pytest.approx(0.66, abs=0.08)
    sectors = {row["sector"]: row for row in found["sectors"]}
    assert set(sectors) == {"general_hospital", "top_clinical_hospital", "mental_health"}
    assert all(row["applications"] is not None for row in sectors.values())
    assert all(row["applications"] is not None for row in found["years"][-3:])
