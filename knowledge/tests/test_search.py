"""The knowledge base is found with the rest of the portal: a freshly published guide by
a word of its body (Dutch or English), a clause page by its model wording, the glossary
by a term."""

import pytest

from knowledge.models import GuidePage, KnowledgeIndexPage
from search.query import SearchRequest, run_search
from search.tests.conftest import search_index  # noqa: F401 - the real engine

pytestmark = [pytest.mark.search_engine, pytest.mark.django_db]


def titles(q):
    hits = run_search(None, SearchRequest(q=q)).hits
    return sorted(str(h.title).replace("<mark>", "").replace("</mark>", "") for h in hits)


def test_a_published_guide_and_the_clause_texts_are_found(
    knowledge_base,
    search_index,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    index = KnowledgeIndexPage.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        guide = index.add_child(
            instance=GuidePage(
                title="Gids meerjarenbegroting",
                slug="meerjarenbegroting",
                body=[("paragraph", "<p>Reken de kasstromen door tot na de exitdatum.</p>")],
                title_en="Multi-year budget guide",
                body_en=[("paragraph", "<p>Work the cash flows through past the exit date.</p>")],
            )
        )
        assert titles("kasstromen") == []  # a draft is not indexed
        guide.save_revision().publish()
    assert titles("kasstromen") == ["Gids meerjarenbegroting"]
    assert "Gids meerjarenbegroting" in titles("cash flows")
    # The seeded pages (indexed when the fixture built the indices): a model wording and
    # a glossary term, neither in a page's introduction or body.
    assert "Escrow (broncodedepot)" in titles("escrow-agent")
    assert "Begrippenlijst" in titles("gehandicaptenzorg")
