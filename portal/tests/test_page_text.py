"""Editorial pages hold a Dutch and an English text (portal.page_text): each reader
sees one, and an untranslated page shows its Dutch text marked as Dutch."""

import pytest
from wagtail.models import Page

from portal.models import ContentPage, HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def about_page():
    home = HomePage.objects.first() or Page.get_first_root_node().add_child(
        instance=HomePage(title="Zorg-ICT Marktportaal", slug="home-test")
    )
    page = ContentPage(
        title="Over het portaal",
        slug="over-test",
        intro="Waarvoor het portaal dient.",
        title_en="About the portal",
        intro_en="What the portal is for.",
    )
    home.add_child(instance=page)
    return page


def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_each_reader_sees_the_page_in_their_language(client, about_page):
    dutch = client.get(about_page.url).content.decode()
    assert "Waarvoor het portaal dient." in dutch and "What the portal is for." not in dutch
    assert '<article lang="nl">' in dutch
    html = english(client).get(about_page.url).content.decode()
    assert "What the portal is for." in html and "Waarvoor het portaal dient." not in html
    assert "<title>About the portal" in html
    assert '<article lang="en">' in html


def test_a_page_without_english_shows_its_dutch_marked_as_dutch(client, about_page):
    about_page.title_en = ""
    about_page.save()
    html = english(client).get(about_page.url).content.decode()
    assert '<html lang="en">' in html
    assert '<article lang="nl">' in html
    assert "Waarvoor het portaal dient." in html


def test_editors_find_the_english_text_on_its_own_tab(client, about_page):
    from portal.tests.factories import UserFactory

    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    html = client.get(f"/cms/pages/{about_page.pk}/edit/").content.decode()
    assert 'name="title_en"' in html and 'name="intro_en"' in html
    assert "Engels" in html  # the tab, in the CMS's Dutch
