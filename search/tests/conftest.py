import pytest
from django.conf import settings

from search.client import get_client
from search.rebuild import documents, rebuild


def drop_test_indices():
    client = get_client()
    for name in list(client.indices.get(index=f"{settings.SEARCH_INDEX_PREFIX}-*")):
        client.indices.delete(index=name)


@pytest.fixture
def search_index(db):
    """Fresh indices built from the test database; dropped afterwards."""
    drop_test_indices()

    def build():
        for document in documents():
            rebuild(document)

    build()
    yield build
    drop_test_indices()
