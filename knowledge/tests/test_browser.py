"""In a real Chromium: a CMS editor who may publish (Wagtail's Moderators group) logs in
with both factors, publishes a guide in the knowledge base and finds it in the site
search; a procurement specialist's contract form links a clause to its explanation."""

import os

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from contracts.tests.factories import ContractFactory
from knowledge.models import ClausePage
from portal.models import Membership
from portal.tests.factories import (
    OrganizationFactory,
    UserFactory,
    app_code,
    authenticator_for,
    member,
)
from search.tests.conftest import search_index  # noqa: F401 - the real engine

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.mark.search_engine
def test_an_editor_publishes_a_guide_that_search_finds_and_a_clause_links_to_its_page(
    live_server,
    browser_page,
    knowledge_base,
    search_index,  # noqa: F811
):
    editor = UserFactory(username="eindredacteur")
    editor.groups.add(Group.objects.get(name="Moderators"))
    hospital = OrganizationFactory(name="Ziekenhuis Uitleg", slug="zh-uitleg")
    contract = ContractFactory(organization=hospital, reference="UITLEG-001")
    member(hospital, Membership.Role.PROCUREMENT_SPECIALIST, username="inkoper")
    page, base = browser_page, live_server.url

    device = authenticator_for(editor)
    page.goto(base + "/cms/login/")
    page.fill("#id_username", "eindredacteur")
    page.fill("#id_password", "secret-password")
    page.click("button[type=submit]")
    page.fill("#id_code", app_code(device))
    page.click("form.form button[type=submit]")
    page.wait_for_url(base + "/cms/")
    page.goto(base + f"/cms/pages/add/knowledge/guidepage/{knowledge_base.pk}/")
    page.fill("#id_title", "Gids marktconsultatie")
    page.fill("#id_intro", "Zo verkent u de markt voordat u aanbesteedt.")
    page.click(".w-dropdown-button .w-dropdown__toggle")
    page.click("button[name=action-publish]")
    page.wait_for_url(f"**/cms/pages/{knowledge_base.pk}/")

    page.context.clear_cookies()
    page.goto(base + "/")
    page.click("header >> text=Kennisbank")
    assert "Gids marktconsultatie" in page.locator("#guides").inner_text()
    page.fill("#nav-q", "marktconsultatie")
    page.press("#nav-q", "Enter")
    page.wait_for_selector("ol.hits")
    page.click("ol.hits >> text=Gids marktconsultatie")
    assert page.locator("h1").inner_text() == "Gids marktconsultatie"

    page.goto(base + reverse("login"))
    page.fill("#id_username", "inkoper")
    page.fill("#id_password", "secret-password")
    page.click("form.form button[type=submit]")
    page.goto(base + reverse("contract_update", args=[contract.pk]))
    page.click("a.clause-help[href$='/escrow/']")
    assert page.url == base + ClausePage.objects.get(clause__code="escrow").url
    assert "Modeltekst" in page.locator("#model-wording").inner_text()


@pytest.mark.parametrize("width", [1366, 390])
def test_the_knowledge_base_has_no_axe_violations(live_server, browser_page, knowledge_base, width):
    from tests.axe import AXE, violations_on

    assert AXE.exists(), "axe-core is missing: run `make install` (npm ci)"
    context = browser_page.context.browser.new_context(
        viewport={"width": width, "height": 900}, bypass_csp=True
    )
    page = context.new_page()
    found = []
    for slug in ("kennisbank", "samen-inkopen", "clausules", "exit-plan", "begrippen"):
        url = knowledge_base.get_descendants(inclusive=True).get(slug=slug).url
        assert page.goto(live_server.url + url).status == 200
        found += [(slug, violation) for violation in violations_on(page)]
        scrolls = page.evaluate("document.documentElement.scrollWidth") > width
        assert not scrolls, f"{slug} scrolls sideways at {width} px"
    context.close()
    assert not found, found
