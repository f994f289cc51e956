"""One search across every index, filtered inside the query to what the user may see:
public documents, plus the contracts of organisations the user is a member of."""

import math
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_elasticsearch_dsl.registries import registry
from elasticsearch.dsl import Q, Search

from airegister.access import may_find_shared
from portal.choices import Province, Sector
from portal.permissions import organizations_for
from search.client import get_client
from vendors.models import ProductCategory, Standard

PAGE_SIZE = 20
MAX_PAGE = 50  # deep paging is not what a person does; the engine caps it too
# Interoperability score bands (search.documents.vendors.score_band).
SCORE_BANDS = ("0-25", "25-50", "50-75", "75-100")
FACETS = ["kind", "category", "sector", "province", "standards", "deployment", "score_band"]
KIND_LABELS = {
    "vendor": _("Vendor"),
    "product": _("Product"),
    "category": _("Category"),
    "standard": _("Standard"),
    "organization": _("Organisation"),
    "page": _("Page"),
    "contract": _("Contract"),
    "coalition": _("Coalition"),
    "ai_application": _("Shared AI application"),
}
SORTS = {
    "relevance": None,
    "title": [{"title.raw": {"order": "asc"}}],
    "newest": [{"date": {"order": "desc", "missing": "_last", "unmapped_type": "date"}}],
}
# Both languages' fields, so either language's name finds a thing.
FIELDS = ["title^3", "title.prefix^2", "body", "title_en^3", "title_en.prefix^2", "body_en"]
# Highlight markers (Unicode private-use characters, which text from the portal does not
# contain; osmem drops ASCII control characters); replaced by <mark> after escaping.
OPEN, CLOSE = "\ue000", "\ue001"


class SearchUnavailable(Exception):
    """The engine could not be reached or failed; the portal keeps working without it."""


@dataclass
class SearchRequest:
    q: str = ""
    filters: dict = field(default_factory=dict)  # facet name -> selected value
    sort: str = "relevance"
    page: int = 1


@dataclass
class Hit:
    kind: str
    kind_label: str
    title: str  # safe HTML with <mark>
    snippet: str  # safe HTML with <mark>
    url: str


@dataclass
class SearchResult:
    total: int
    hits: list
    facets: dict  # name -> [(value, label, count, selected)]
    page: int
    pages: int


def indices():
    return [document._index._name for document in registry.get_documents()]


def visible_organizations(user):
    return list(
        organizations_for(user, "portal.view_organization_contracts").values_list("pk", flat=True)
    )


def _visibility(user):
    allowed = Q("term", public=True)
    organization_ids = visible_organizations(user)
    if organization_ids:
        allowed |= Q("terms", organization_id=organization_ids)
    if may_find_shared(user):
        # what care providers share with each other (search.documents.airegister)
        allowed |= Q("term", care_providers=True)
    return allowed


def _base(user, q):
    search = Search(using=get_client(), index=indices()).params(ignore_unavailable=True)
    search = search.filter(_visibility(user))
    if q:
        search = search.query(
            "multi_match", query=q, fields=FIELDS, type="most_fields", operator="and"
        )
    return search


def _marked(fragment):
    return mark_safe(  # noqa: S308 - escaped first, only our markers become tags
        escape(fragment).replace(OPEN, "<mark>").replace(CLOSE, "</mark>")
    )


def _labels():
    return {
        "kind": {k: str(v) for k, v in KIND_LABELS.items()},
        "category": {c.slug: c.display_name for c in ProductCategory.objects.all()},
        "sector": dict(Sector.choices),
        "province": dict(Province.choices),
        "standards": {s.code: str(s) for s in Standard.objects.all()},
        "deployment": {"on_premises": _("On-premises"), "hosted": _("Hosted"), "saas": _("SaaS")},
        "score_band": {band: f"{band.replace('-', '–')}" for band in SCORE_BANDS},
    }


def run_search(user, request: SearchRequest, page_size=PAGE_SIZE):
    page = min(max(request.page, 1), MAX_PAGE)
    search = _base(user, request.q)
    for name, value in request.filters.items():
        if name in FACETS and value:
            search = search.filter("term", **{name: value})
    for name in FACETS:
        search.aggs.bucket(name, "terms", field=name, size=50)
    if SORTS.get(request.sort):
        search = search.sort(*SORTS[request.sort])
    search = search.highlight(
        *(name.split("^")[0] for name in FIELDS),
        fragment_size=160,
        number_of_fragments=1,
        pre_tags=[OPEN],
        post_tags=[CLOSE],
    )
    search = search.extra(from_=(page - 1) * page_size, size=page_size, track_total_hits=True)
    try:
        response = search.execute()
    except Exception as err:
        raise SearchUnavailable(str(err)) from err
    labels = _labels()
    hits = []
    title_field, body_field = _shown_fields()
    for hit in response.hits:
        highlight = getattr(hit.meta, "highlight", None)
        title = (
            _first(highlight, title_field)
            or _first(highlight, f"{title_field}.prefix")
            or escape(_stored(hit, title_field, "title"))
        )
        snippet = _first(highlight, body_field) or escape(_stored(hit, body_field, "body")[:160])
        hits.append(Hit(hit.kind, labels["kind"].get(hit.kind, hit.kind), title, snippet, hit.url))
    facets = {}
    for name in FACETS:
        buckets = response.aggregations[name].buckets
        facets[name] = [
            (b.key, labels[name].get(b.key, b.key), b.doc_count, request.filters.get(name) == b.key)
            for b in buckets
        ]
    total = response.hits.total.value
    return SearchResult(total, hits, facets, page, min(math.ceil(total / page_size), MAX_PAGE))


def _shown_fields():
    """The title and body fields in the reader's language."""
    if (get_language() or "nl").startswith("en"):
        return "title_en", "body_en"
    return "title", "body"


def _stored(hit, name, fallback):
    """A stored field, or the Dutch one in a document indexed before it had English."""
    return getattr(hit, name, "") or getattr(hit, fallback, "") or ""


def _first(highlight, name):
    if not highlight or name not in highlight:
        return None
    return _marked(highlight[name][0])


def suggest(user, q, size=8):
    """Titles that start with what was typed, for the search box."""
    if not q.strip():
        return []
    search = Search(using=get_client(), index=indices()).params(ignore_unavailable=True)
    title_field, _body = _shown_fields()
    search = search.filter(_visibility(user)).query(
        "multi_match",
        query=q,
        fields=["title.prefix", "title_en.prefix"],
        type="most_fields",
        operator="and",
    )
    search = search.source(["title", "title_en", "url", "kind"]).extra(size=size)
    try:
        response = search.execute()
    except Exception as err:
        raise SearchUnavailable(str(err)) from err
    return [
        {"title": _stored(h, title_field, "title"), "url": h.url, "kind": h.kind}
        for h in response.hits
    ]
