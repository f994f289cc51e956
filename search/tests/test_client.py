import pytest
from elastic_transport import Urllib3HttpNode

from search.client import get_client
from search.transport import PlainJsonNode


def test_plain_json_node_only_where_settings_say_osmem(settings):
    options = settings.ELASTICSEARCH_DSL["default"]
    if settings.SEARCH_ENGINE == "osmem":
        assert options["node_class"] is PlainJsonNode
    else:
        assert "node_class" not in options


def test_plain_json_node_rewrites_the_compatibility_media_type(monkeypatch):
    seen = {}

    def fake_perform(self, method, target, body=None, headers=None, **kwargs):
        seen.update(headers)

    monkeypatch.setattr(Urllib3HttpNode, "perform_request", fake_perform)
    node = PlainJsonNode.__new__(PlainJsonNode)
    node.perform_request(
        "POST",
        "/x/_doc",
        b"{}",
        headers={
            "accept": "application/vnd.elasticsearch+json; compatible-with=8",
            "content-type": "application/vnd.elasticsearch+x-ndjson; compatible-with=8",
        },
    )
    assert seen == {"accept": "application/json", "content-type": "application/x-ndjson"}


@pytest.mark.search_engine
def test_documents_round_trip_through_the_configured_engine(settings):
    client = get_client()
    index = f"{settings.SEARCH_INDEX_PREFIX}-client-smoke"
    client.options(ignore_status=404).indices.delete(index=index)
    client.index(index=index, id="1", document={"name": "Patiëntendossier"})
    client.indices.refresh(index=index)
    hits = client.search(index=index, query={"match": {"name": "Patiëntendossier"}})["hits"]
    assert hits["total"]["value"] == 1
    client.indices.delete(index=index)
