"""The knowledge base's pages in Dutch and English, who may read and edit them, and the
clause library's rule of one page per clause."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from contracts.models import LockInClause
from knowledge.models import ClauseLibraryPage, ClausePage, GlossaryPage, GuidePage
from portal.models import Membership
from portal.tests.factories import OrganizationFactory, UserFactory, member

pytestmark = pytest.mark.django_db
ENGLISH = {settings.LANGUAGE_COOKIE_NAME: "en"}


def text_of(client, url, **cookies):
    for name, value in cookies.items():
        client.cookies[name] = value
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_seeded_pages_read_in_dutch_and_english(client, knowledge_base):
    index_url = knowledge_base.url
    dutch = text_of(client, index_url)
    assert "Samen inkopen: optie 3.1, 3.2a of 3.2b" in dutch
    assert "Een benchmark lezen" in dutch and "Een exitplan onderhandelen" in dutch
    assert "Clausulebibliotheek" in dutch and "Begrippenlijst" in dutch
    english = text_of(client, index_url, **ENGLISH)
    assert "Buying together: option 3.1, 3.2a or 3.2b" in english
    assert "Clause library" in english and "Samen inkopen" not in english

    guide = GuidePage.objects.get(slug="samen-inkopen")
    dutch = text_of(client, guide.url, django_language="nl")
    assert "hooguit 15%" in dutch and "Center of Excellence" in dutch
    english = text_of(client, guide.url, **ENGLISH)
    assert "at most 15%" in english and '<article lang="en">' in english


def test_one_clause_page_per_lock_in_clause_with_its_model_wording(client, knowledge_base):
    pages = ClausePage.objects.live()
    assert sorted(p.clause.code for p in pages) == sorted(
        LockInClause.objects.values_list("code", flat=True)
    )
    exit_plan = pages.get(clause__code="exit-plan")
    dutch = text_of(client, exit_plan.url, django_language="nl")
    assert "Modeltekst van het portaal" in dutch and "exitplan" in dutch
    english = text_of(client, exit_plan.url, **ENGLISH)
    assert "Within six months of the Agreement" in english
    assert "Modeltekst" not in english


def test_seeding_again_keeps_the_editors_pages(knowledge_base):
    from demo.knowledge import ensure_knowledge_base
    from portal.models import HomePage

    guide = GuidePage.objects.get(slug="benchmark-lezen")
    guide.title = "Benchmarks lezen"
    guide.save_revision().publish()
    count = knowledge_base.get_descendants().count()
    ensure_knowledge_base(HomePage.objects.get())
    assert knowledge_base.get_descendants().count() == count
    assert GuidePage.objects.get(slug="benchmark-lezen").title == "Benchmarks lezen"


def test_a_clause_has_one_page_only(knowledge_base):
    library = ClauseLibraryPage.objects.get()
    second = ClausePage(
        title="Nog een exitplan", slug="nog-een", clause=LockInClause.objects.get(code="exit-plan")
    )
    second.path = library.path + "9999"
    with pytest.raises(ValidationError) as raised:
        second.clean()
    assert "clause" in raised.value.message_dict


def test_the_glossary_lists_the_terms_in_the_readers_language(client, knowledge_base):
    glossary = GlossaryPage.objects.get()
    dutch = text_of(client, glossary.url, django_language="nl")
    assert "Gehandicaptenzorg" in dutch and "Basisgegevensset Zorg" in dutch
    english = text_of(client, glossary.url, **ENGLISH)
    assert "Care for the disabled" in english and "Gehandicaptenzorg" not in english
    assert "EHR/HIS" in english


def test_the_menu_links_the_knowledge_base_once_it_is_live(client, reference_data):
    from knowledge.models import KnowledgeIndexPage

    assert "Kennisbank" not in text_of(client, "/")
    from demo.knowledge import ensure_knowledge_base
    from portal.models import HomePage

    ensure_knowledge_base(HomePage.objects.get())
    index = KnowledgeIndexPage.objects.get()
    assert f'href="{index.url}">Kennisbank</a>' in text_of(client, "/")
    index.unpublish()
    assert "Kennisbank" not in text_of(client, "/")


@pytest.mark.parametrize(
    "role",
    [None, Membership.Role.PROCUREMENT_SPECIALIST, Membership.Role.POLICY_ANALYST],
)
def test_the_pages_are_public(client, knowledge_base, role):
    if role == Membership.Role.POLICY_ANALYST:
        from portal.models import Organization

        body = OrganizationFactory(type=Organization.Type.POLICY_BODY, sector="")
        client.force_login(member(body, role))
    elif role:
        client.force_login(member(OrganizationFactory(), role))
    for page in knowledge_base.get_descendants(inclusive=True).live():
        assert client.get(page.url).status_code == 200, page.url


def guide_form(title, paragraph):
    return nested_form_data(
        {
            "title": title,
            "slug": "nieuwe-gids",
            "intro": "",
            "body": streamfield([("paragraph", rich_text(paragraph))]),
            "title_en": "",
            "intro_en": "",
            "body_en": streamfield([]),
        }
    )


def test_only_cms_editors_write_guides(client, knowledge_base):
    add_url = f"/cms/pages/add/knowledge/guidepage/{knowledge_base.pk}/"
    form = guide_form("Nieuwe gids", "<p>Over escrow.</p>")
    # A procurement specialist is no CMS editor: the admin stays closed.
    client.force_login(member(OrganizationFactory(), Membership.Role.PROCUREMENT_SPECIALIST))
    assert client.get(add_url).status_code in (302, 403)
    assert client.post(add_url, form).status_code in (302, 403)
    assert not GuidePage.objects.filter(slug="nieuwe-gids").exists()
    # Wagtail's Editors group writes it; publishing goes through the moderators.
    editor = UserFactory(username="redacteur")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    response = client.post(add_url, form)
    assert response.status_code == 302, response.content.decode()[:1000]
    written = GuidePage.objects.get(slug="nieuwe-gids")
    assert not written.live
    moderator = UserFactory(username="eindredacteur")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    response = client.post(
        f"/cms/pages/{written.pk}/edit/", {**form, "action-publish": "action-publish"}
    )
    assert response.status_code == 302, response.content.decode()[:1000]
    written.refresh_from_db()
    assert written.live
    client.logout()
    assert "Over escrow." in text_of(client, written.url)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_page_speaks_one_language(client, knowledge_base, language):
    from tests.language import foreign_words

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    mixed = []
    for page in knowledge_base.get_descendants(inclusive=True).live():
        html = client.get(page.url).content.decode()
        assert f'<html lang="{language}">' in html
        mixed += [f"{page.slug}: {found}" for found in foreign_words(html, language)]
    assert not mixed, "\n".join(mixed)
