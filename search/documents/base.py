"""The shape every searchable document shares, so one query with one set of facets can
run across all indices. The documents of each model (search.documents.*) subclass PortalDocument.

Fields: kind, title (+ .prefix for as-you-type, .raw for sorting), body, their English
title_en and body_en (the same text where a thing has one name in both languages), url, public
(anyone may see it) or organization_id (only that organisation's members), the facet
keywords (category, sector, province, standards, deployment) and a date for sorting."""

from django.conf import settings
from django.utils.translation import override
from django_elasticsearch_dsl import Document, fields

from search.analysis import folded, folded_prefix, text_analyzer

INDEX_SETTINGS = {
    "number_of_shards": settings.SEARCH_INDEX_SHARDS,
    "number_of_replicas": settings.SEARCH_INDEX_REPLICAS,
}


def index_name(kind):
    # Read when the document classes are defined (django-elasticsearch-dsl needs the name
    # then); tests use their own prefix from the test settings.
    return f"{settings.SEARCH_INDEX_PREFIX}-{kind}"


def _title_field():
    return fields.TextField(
        analyzer=text_analyzer(),
        fields={
            "prefix": fields.TextField(analyzer=folded_prefix, search_analyzer=folded),
            "raw": fields.KeywordField(),
        },
    )


class PortalDocument(Document):
    kind = fields.KeywordField()
    title = _title_field()
    body = fields.TextField(analyzer=text_analyzer())
    # The English of title and body: either language's words find a thing, and results
    # show the reader's (search.query).
    title_en = _title_field()
    body_en = fields.TextField(analyzer=text_analyzer())
    url = fields.KeywordField(index=False)
    public = fields.BooleanField()
    organization_id = fields.IntegerField()
    category = fields.KeywordField(multi=True)
    sector = fields.KeywordField()
    province = fields.KeywordField()
    standards = fields.KeywordField(multi=True)
    deployment = fields.KeywordField(multi=True)
    score_band = fields.KeywordField()
    date = fields.DateField()

    KIND = ""

    def prepare_kind(self, instance):
        return self.KIND

    def prepare_public(self, instance):
        return True

    def prepare_organization_id(self, instance):
        return None

    def prepare(self, instance):
        # Reference data shown in a document (a category's name) in Dutch; the
        # English fields below switch to English.
        with override("nl"):
            return super().prepare(instance)

    def prepare_title_en(self, instance):
        with override("en"):
            return self.prepare_title(instance)

    def prepare_body_en(self, instance):
        with override("en"):
            return self.prepare_body(instance)

    def prepare_url(self, instance):
        return instance.get_absolute_url()

    def prepare_category(self, instance):
        return []

    def prepare_standards(self, instance):
        return []

    def prepare_deployment(self, instance):
        return []

    def prepare_score_band(self, instance):
        return None

    def prepare_sector(self, instance):
        return None

    def prepare_province(self, instance):
        return None

    def prepare_date(self, instance):
        return None


def category_slugs(category):
    """A leaf category's slug and its parent's, so either level can be a facet filter."""
    if category is None:
        return []
    return [category.slug, *([category.parent.slug] if category.parent_id else [])]
