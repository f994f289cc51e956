import pytest

from demo.knowledge import ensure_knowledge_base
from knowledge.models import KnowledgeIndexPage
from portal.models import HomePage


@pytest.fixture
def knowledge_base(reference_data):
    """The demo's knowledge base, published below the home page."""
    ensure_knowledge_base(HomePage.objects.get())
    return KnowledgeIndexPage.objects.get()
