"""A transport node for osmem-server, the in-memory engine used locally and in tests.

osmem rejects the Elasticsearch 8 client's compatibility media type
(``application/vnd.elasticsearch+json; compatible-with=8``); this node sends plain
``application/json`` instead. It is used only when ``SEARCH_ENGINE = "osmem"``."""

from elastic_transport import Urllib3HttpNode

_PLAIN = {
    "application/vnd.elasticsearch+json; compatible-with=8": "application/json",
    "application/vnd.elasticsearch+x-ndjson; compatible-with=8": "application/x-ndjson",
}


class PlainJsonNode(Urllib3HttpNode):
    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        if headers:
            headers = headers.copy()
            for name in ("accept", "content-type"):
                if name in headers and headers[name] in _PLAIN:
                    headers[name] = _PLAIN[headers[name]]
        return super().perform_request(method, target, body=body, headers=headers, **kwargs)
