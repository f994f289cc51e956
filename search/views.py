"""The search page and the autocomplete endpoint used by its box."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from search.query import SORTS, SearchRequest, SearchUnavailable, run_search, suggest

# Query-string names on the (Dutch) page -> facet fields.
PAGE_PARAMS = {
    "type": "kind",
    "categorie": "category",
    "sector": "sector",
    "provincie": "province",
    "standaard": "standards",
    "inzet": "deployment",
    "score": "score_band",
}
FACET_TITLES = {
    "kind": _("Type"),
    "category": _("Category"),
    "sector": _("Sector"),
    "province": _("Province"),
    "standards": _("Standard supported"),
    "deployment": _("Deployment"),
    "score_band": _("Interoperability score"),
}


def _page_number(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 1


@require_safe
def search_page(request):
    q = request.GET.get("q", "").strip()[:200]
    filters = {
        field: request.GET.get(param, "")
        for param, field in PAGE_PARAMS.items()
        if request.GET.get(param)
    }
    sort = request.GET.get("sorteer", "relevance")
    if sort not in SORTS:
        sort = "relevance"
    context = {
        "q": q,
        "sort": sort,
        "filters": filters,
        "unavailable": False,
        "params": {field: param for param, field in PAGE_PARAMS.items()},
    }
    try:
        result = run_search(
            request.user,
            SearchRequest(
                q=q, filters=filters, sort=sort, page=_page_number(request.GET.get("page"))
            ),
        )
    except SearchUnavailable:
        context["unavailable"] = True
        return render(request, "search/search.html", context, status=503)
    context["result"] = result
    context["facets"] = [
        (FACET_TITLES[name], _facet_links(request.GET, context["params"][name], buckets))
        for name, buckets in result.facets.items()
        if buckets
    ]
    context["hidden"] = [(context["params"][f], v) for f, v in filters.items()]
    return render(request, "search/search.html", context)


def _facet_links(query, param, buckets):
    """(label, count, selected, href) per bucket: a link selects the value, or removes
    the filter when it is already selected; the page number starts over."""
    links = []
    for value, label, count, selected in buckets:
        params = query.copy()
        params.pop("page", None)
        if selected:
            params.pop(param, None)
        else:
            params[param] = value
        links.append((label, count, selected, f"?{params.urlencode()}"))
    return links


@require_safe
def autocomplete(request):
    try:
        suggestions = suggest(request.user, request.GET.get("q", "")[:100])
    except SearchUnavailable:
        return JsonResponse({"suggestions": [], "unavailable": True}, status=503)
    return JsonResponse({"suggestions": suggestions})
