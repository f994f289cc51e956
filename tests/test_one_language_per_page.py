"""Every key page speaks one language: in Dutch no English words, in English no Dutch
ones (tests/language.py), reference data and editorial pages included, on the seeded
demo market as the roles that use the pages."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from search.rebuild import documents, rebuild
from search.tests.conftest import search_index  # noqa: F401 - the real engine
from tests.key_pages import SEARCHED_INDICES, key_pages, shown_as_written
from tests.language import foreign_words

pytestmark = [
    pytest.mark.search_engine,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def demo_market(reference_data, search_index):  # noqa: F811 - the fixture above
    call_command("seed_demo", scale="small", seed=1, verbosity=0)
    call_command("publish_release", verbosity=0)
    # What the key pages' searches show, in small chunks (the engine shares two cores).
    for document in documents(only=SEARCHED_INDICES):
        rebuild(document, chunk_size=200)


def words_of_the_other_language(language):
    """Each key page in ``language`` as its user, with the other language's words on it."""
    written = shown_as_written()
    clients, mixed = {}, []
    for who, name, path in key_pages():
        if who not in clients:
            clients[who] = Client()
            clients[who].cookies["django_language"] = language
            if who:
                clients[who].force_login(get_user_model().objects.get(username=who))
        response = clients[who].get(path)
        assert response.status_code == 200, (language, who, path, response.status_code)
        html = response.content.decode()
        assert f'<html lang="{language}">' in html
        mixed += [f"{name} ({path}): {found}" for found in foreign_words(html, language, written)]
    return mixed


def search_result_names(language, query):
    client = Client()
    client.cookies["django_language"] = language
    html = client.get("/zoeken/", {"q": query, "type": "category"}).content.decode()
    return html.replace("<mark>", "").replace("</mark>", "")


def test_key_pages_speak_one_language_and_search_finds_either(demo_market):
    """Dutch pages have no English words and English pages no Dutch ones. A category is
    found by its Dutch and by its English name, and named in the page's language.
    (One test: the demo market takes long to seed.)"""
    for language in ("nl", "en"):
        mixed = words_of_the_other_language(language)
        assert not mixed, f"{language}:\n" + "\n".join(mixed)
    for query in ("ziekenhuis epd", "hospital ehr"):
        dutch, english = search_result_names("nl", query), search_result_names("en", query)
        assert "Ziekenhuis-EPD/ZIS" in dutch and "Hospital EHR/HIS" not in dutch, query
        assert "Hospital EHR/HIS" in english and "Ziekenhuis-EPD/ZIS" not in english, query
