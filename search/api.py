"""The search API: the same search, facets and permission filtering as /zoeken/."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from search.query import FACETS, SORTS, SearchRequest, SearchUnavailable, run_search

API_PARAMS = {
    "kind": "kind",
    "category": "category",
    "sector": "sector",
    "province": "province",
    "standard": "standards",
    "deployment": "deployment",
    "score_band": "score_band",
}


class HitSerializer(serializers.Serializer):
    kind = serializers.CharField()
    title = serializers.CharField(help_text="HTML: matches wrapped in <mark>, rest escaped")
    snippet = serializers.CharField(help_text="HTML: matches wrapped in <mark>, rest escaped")
    url = serializers.CharField()


class BucketSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class SearchResultSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    results = HitSerializer(many=True)
    facets = serializers.DictField(child=BucketSerializer(many=True))


class SearchView(APIView):
    """Search everything the caller may see (contracts only of their own organisation)."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str),
            *[OpenApiParameter(name, str) for name in API_PARAMS],
            OpenApiParameter("sort", str, enum=list(SORTS)),
            OpenApiParameter("page", int),
        ],
        responses=SearchResultSerializer,
    )
    def get(self, request):
        params = request.query_params
        filters = {field: params[name] for name, field in API_PARAMS.items() if params.get(name)}
        sort = params.get("sort", "relevance")
        try:
            page = int(params.get("page", 1))
        except ValueError:
            page = 1
        try:
            result = run_search(
                request.user,
                SearchRequest(
                    q=params.get("q", "")[:200],
                    filters=filters,
                    sort=sort if sort in SORTS else "relevance",
                    page=page,
                ),
            )
        except SearchUnavailable:
            return Response({"detail": "Search is temporarily unavailable."}, status=503)
        return Response(
            {
                "total": result.total,
                "page": result.page,
                "pages": result.pages,
                "results": [
                    {"kind": h.kind, "title": str(h.title), "snippet": str(h.snippet), "url": h.url}
                    for h in result.hits
                ],
                "facets": {
                    name: [
                        {"value": v, "label": str(label), "count": n, "selected": s}
                        for v, label, n, s in result.facets[name]
                    ]
                    for name in FACETS
                },
            }
        )
