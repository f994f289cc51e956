"""The AI monitor: known answers on a small world, the disclosure rules (threshold,
dominance, differencing between nested selections, complementary suppression), figures
that move only with a release, and the public page and API in both languages."""

import pytest
from django.conf import settings
from django.core.cache import cache

from airegister import monitor
from airegister.models import AIApplication
from airegister.services import delete_application
from airegister.tests.factories import application
from disclosure import releases
from portal.models import Organization
from portal.tests.factories import OrganizationFactory
from tests.language import foreign_words

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_noise(settings):
    """Exact counts, so hand-worked answers can be checked (the noise has tests of its
    own in disclosure/tests)."""
    settings.DISCLOSURE_SUM_NOISE = 0.0


def hospitals(n, sector="general_hospital", start=0):
    return [
        OrganizationFactory(name=f"Monitorziekenhuis {start + i}", slug=f"mz-{start + i}",
                            sector=sector)
        for i in range(n)
    ]  # fmt: skip


def partner():
    """The co-creation partner: a care provider without a register of its own."""
    found = Organization.objects.filter(slug="partner").first()
    return found or OrganizationFactory(name="Partnerziekenhuis", slug="partner")


def register(org, *specs):
    """``specs``: (origin, phase, kind, risk class) per application."""
    for number, (origin, phase, kind, risk) in enumerate(specs):
        application(
            org,
            name=f"Toepassing {number}",
            origin=origin,
            phase=phase,
            kind=kind,
            risk_class=risk,
            risk_reason="AI-verordening art. 6" if risk == "high" else "",
            partners=[partner()] if origin == "co_created" else [],
        )


def publish():
    release = releases.publish()
    releases.forget()
    cache.clear()
    return release


def by_code(rows):
    return {row["code"]: row for row in rows}


# Each of five hospitals: 2 bought, 1 co-created, 1 self-built; 2 in pilot, 2 in
# production; 1 generative; 1 high risk. So 20 applications: bought 10 (50%), co-created
# 5 (25%), self-built 5 (25%); pilot 50%, production 50%; generative 25%; high 25%.
BALANCED = (
    ("bought", "pilot", "generative", "high"),
    ("bought", "production", "traditional", "minimal"),
    ("co_created", "pilot", "traditional", "minimal"),
    ("self_built", "production", "traditional", "minimal"),
)


def balanced_world(n=5, sector="general_hospital", start=0):
    orgs = hospitals(n, sector, start)
    for org in orgs:
        register(org, *BALANCED)
    return orgs


def test_known_answers_on_a_small_world(no_noise):
    balanced_world()
    publish()
    found = monitor.report()
    assert found["organisations"] == 5
    assert found["applications"]["value"] == 20
    origin = by_code(found["origin"])
    assert (origin["bought"]["count"], origin["bought"]["share"]) == (10, 0.5)
    assert (origin["co_created"]["count"], origin["co_created"]["share"]) == (5, 0.25)
    assert (origin["self_built"]["count"], origin["self_built"]["share"]) == (5, 0.25)
    phase = by_code(found["phase"])
    assert phase["pilot"]["share"] == phase["production"]["share"] == 0.5
    # phases nobody is in: no organisation contributes, so withheld, not a zero
    assert phase["idea"]["share"] is None and phase["idea"]["withheld"] == "too_few"
    assert by_code(found["kind"])["generative"]["share"] == 0.25
    assert by_code(found["risk_class"])["high"]["count"] == 5
    assert by_code(found["risk_class"])["minimal"]["share"] == 0.75
    this_year = found["years"][-1]
    assert (this_year["applications"], this_year["bought_share"]) == (20, 0.5)
    assert found["sectors"] == [
        {
            "sector": "general_hospital",
            "label": "Algemeen ziekenhuis",
            "applications": 20,
            "applications_reason": "",
            "bought_share": 0.5,
            "bought_reason": "",
        }
    ]


def test_noisy_counts_stay_near_and_never_move_within_a_release():
    balanced_world()
    publish()
    first = monitor.report()["applications"]["value"]
    assert abs(first - 20) <= 20  # Laplace noise at the scale of one hospital's 4
    cache.clear()
    releases.forget()
    assert monitor.report()["applications"]["value"] == first


def test_withheld_below_five_organisations(no_noise, client):
    balanced_world(n=4)
    publish()
    found = monitor.report()
    assert found["withheld"] == "too_few"
    assert found["applications"] is None and found["origin"] is None
    html = client.get("/ai-monitor/").content.decode()
    assert "minder dan 5 organisaties" in html


def test_withheld_when_one_organisation_dominates(no_noise, client):
    big, *others = hospitals(5)
    register(big, *[("bought", "pilot", "traditional", "minimal")] * 5)
    for org in others:
        register(org, ("bought", "pilot", "traditional", "minimal"))
    publish()
    found = monitor.report()
    assert found["organisations"] == 5  # five organisations, one counted once each
    assert found["applications"]["value"] is None
    assert found["applications"]["withheld"] == "dominant"
    assert by_code(found["origin"])["bought"]["withheld"] == "dominant"
    html = client.get("/ai-monitor/").content.decode()
    assert "niet getoond: één organisatie heeft een te groot aandeel" in html


def test_one_withheld_category_takes_another_with_it(no_noise):
    """Self-built is withheld (one hospital has most of it); the total and bought would
    give it away (total minus the rest), so co-created goes too."""
    orgs = hospitals(6)
    register(orgs[0], *[("self_built", "pilot", "traditional", "minimal")] * 3,
             ("bought", "pilot", "traditional", "minimal"))  # fmt: skip
    for org in orgs[1:]:
        register(
            org,
            ("self_built", "pilot", "traditional", "minimal"),
            ("bought", "pilot", "traditional", "minimal"),
            ("bought", "pilot", "traditional", "minimal"),
            ("co_created", "pilot", "traditional", "minimal"),
        )
    publish()
    origin = by_code(monitor.report()["origin"])
    assert origin["self_built"]["withheld"] == "dominant"  # 3 of 8
    assert origin["co_created"]["withheld"] == "differencing"
    assert origin["co_created"]["count"] is None
    assert origin["bought"]["share"] is not None


def test_figures_move_only_with_the_next_release(no_noise):
    orgs = balanced_world()
    publish()
    before = monitor.report()
    register(orgs[0], ("bought", "idea", "generative", "limited"))
    delete_application(application=AIApplication.objects.filter(organization=orgs[1]).first())
    cache.clear()
    releases.forget()
    assert monitor.report() == before
    publish()
    after = monitor.report()
    assert after["release"]["number"] == before["release"]["number"] + 1
    assert after["applications"]["value"] == 20  # one added, one deleted
    # bought: the first hospital now has 3 of 10, over a quarter: withheld from now on
    assert by_code(before["origin"])["bought"]["count"] == 10
    assert by_code(after["origin"])["bought"]["withheld"] == "dominant"


def test_sector_minus_all_sectors_is_blocked(no_noise):
    """All sectors (six organisations) minus general hospitals (five) would give the
    one mental-health organisation's figures: the narrower selection is withheld, the
    lone sector too, and the sector table shows neither."""
    balanced_world(n=5)
    (lone,) = hospitals(1, sector="mental_health", start=10)
    register(lone, ("self_built", "idea", "generative", "limited"))
    publish()
    everything = monitor.report()
    assert everything["withheld"] == ""
    assert everything["applications"]["value"] == 21
    general = monitor.report("general_hospital")
    assert general["withheld"] == "differencing"
    assert general["applications"] is None
    assert monitor.report("mental_health")["withheld"] == "too_few"
    rows = {row["sector"]: row for row in everything["sectors"]}
    assert rows["general_hospital"]["applications"] is None
    assert rows["mental_health"]["applications"] is None


def test_a_lone_withheld_sector_takes_the_smallest_other_with_it(no_noise):
    """Three sectors: all sectors minus two published ones would give the third; the
    rule withholds a second sector, so only a sum of two stays hidden."""
    balanced_world(n=12)
    balanced_world(n=7, sector="academic_hospital", start=20)
    balanced_world(n=1, sector="mental_health", start=40)
    publish()
    rows = {row["sector"]: row for row in monitor.report()["sectors"]}
    assert rows["mental_health"]["applications"] is None
    withheld = [s for s, row in rows.items() if row["applications"] is None]
    assert len(withheld) >= 2


def test_page_and_api_in_both_languages(no_noise, client):
    """Dutch by default, English when chosen; the API holds the page's figures."""
    balanced_world()
    publish()
    html = client.get("/ai-monitor/").content.decode()
    assert "AI-monitor" in html and "Ingekocht" in html and 'id="origin"' in html
    assert "Aandeel AI-toepassingen" in html or "aandeel" in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html_en = client.get("/ai-monitor/?sector=general_hospital&jaar=2020").content.decode()
    assert "AI monitor" in html_en and "Bought" in html_en
    # one language per page (tests/language.py): no English words in Dutch, and back
    assert foreign_words(html, "nl") == []
    assert foreign_words(html_en, "en") == []
    answer = client.get("/api/v1/ai-monitor/").json()
    assert answer["applications"]["value"] == 20
    assert by_code(answer["origin"])["bought"]["share"] == 0.5
    assert client.get("/api/v1/ai-monitor/?sector=nope").status_code == 400
    assert client.get("/api/v1/ai-monitor/?year=1990").status_code == 400


def test_before_any_release_the_page_says_so(client):
    balanced_world()
    assert "nog geen cijfers" in client.get("/ai-monitor/").content.decode().lower()
    answer = client.get("/api/v1/ai-monitor/").json()
    assert answer["withheld"] == "no_release" and answer["release"] is None


def test_charts_leave_withheld_figures_out_never_zero():
    from airegister.monitor_charts import distribution_figure, years_figure

    bars = distribution_figure(
        [
            {"label": "Ingekocht", "percent": 66},
            {"label": "Zelf gebouwd", "percent": None},
        ]
    )
    assert bars["data"][0]["y"] == ["Ingekocht"] and bars["data"][0]["x"] == [66]
    years = years_figure(
        [
            {"year": 2025, "applications": None, "percent": None},
            {"year": 2026, "applications": 24, "percent": 50},
        ]
    )
    assert years["data"][0]["y"] == [None, 24]  # a gap, not a zero
    assert years["layout"]["separators"] == ",."  # Dutch number format


def test_the_api_is_in_the_schema(client):
    schema = client.get("/api/schema/?format=json").json()
    assert "/api/v1/ai-monitor/" in schema["paths"]


def test_all_sectors_minus_the_shown_sectors_never_gives_a_withheld_cell(no_noise):
    """Self-built in all sectors minus self-built in the two hospital sectors would give
    the one mental-health organisation's self-built applications: one hospital sector's
    self-built figure is withheld as well."""
    balanced_world(n=7, sector="general_hospital")
    balanced_world(n=7, sector="academic_hospital", start=20)
    mental = hospitals(6, sector="mental_health", start=40)
    for org in mental:
        register(org, *[("bought", "pilot", "traditional", "minimal")] * 2)
    register(mental[0], ("self_built", "idea", "traditional", "minimal"))
    publish()

    def self_built(sector):
        return by_code(monitor.report(sector)["origin"])["self_built"]

    assert self_built("")["count"] == 15
    assert self_built("mental_health")["withheld"]
    hospital_cells = [self_built("general_hospital"), self_built("academic_hospital")]
    assert [cell["withheld"] for cell in hospital_cells].count("differencing") == 1
