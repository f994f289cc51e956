"""The one way to reach the search engine: the connection django-elasticsearch-dsl
configures from settings.ELASTICSEARCH_DSL (osmem gets the plain-JSON node there)."""

from elasticsearch.dsl import connections


def get_client():
    return connections.get_connection("default")


def engine_status():
    """{"status": "ok", ...} when the engine answers, else a short reason. Never raises."""
    try:
        info = get_client().info()
    except Exception as err:  # any transport or API failure means: not reachable
        return {"status": "unreachable", "error": type(err).__name__}
    return {"status": "ok", "version": info.get("version", {}).get("number", "")}


def use_engine(url):
    """Point the default connection at ``url``, otherwise configured as in settings
    (tests simulate outages with this)."""
    from django.conf import settings

    options = {**settings.ELASTICSEARCH_DSL["default"], "hosts": [url]}
    connections.create_connection(alias="default", **options)
