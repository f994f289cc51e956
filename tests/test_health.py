import pytest

from search.client import use_engine


@pytest.mark.django_db
def test_healthz_reports_database_and_search(client, settings):
    use_engine("http://127.0.0.1:9")  # nothing listens on the discard port
    try:
        body = client.get("/healthz").json()
    finally:
        use_engine(settings.ELASTICSEARCH_URL)
    assert body["database"]["status"] == "ok"
    assert body["search"]["status"] == "unreachable"
    assert body["status"] == "degraded"


@pytest.mark.django_db
@pytest.mark.search_engine
def test_healthz_reports_a_reachable_engine(client):
    body = client.get("/healthz").json()
    assert body["search"]["status"] == "ok"
    assert body["status"] == "ok"
