"""The one factory for search-engine clients."""

from django.conf import settings
from elasticsearch import Elasticsearch

from search.transport import PlainJsonNode


def client_options():
    """Connection options for Elasticsearch(...) and django-elasticsearch-dsl."""
    options = {
        "hosts": [settings.ELASTICSEARCH_URL],
        "request_timeout": settings.SEARCH_TIMEOUT_SECONDS,
    }
    if settings.SEARCH_ENGINE == "osmem":
        options["node_class"] = PlainJsonNode
    return options


def get_client():
    return Elasticsearch(**client_options())


def engine_status():
    """ "ok" when the engine answers, else a short reason. Never raises."""
    try:
        info = get_client().info()
    except Exception as err:  # any transport or API failure means: not reachable
        return {"status": "unreachable", "error": type(err).__name__}
    return {"status": "ok", "version": info.get("version", {}).get("number", "")}
