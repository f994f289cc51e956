"""Analyzers shared by every index. Only what both Elasticsearch 8 and osmem support:
lowercase + ASCII folding ("patiëntendossier" = "patientendossier"), edge n-grams for
prefix matching, and (Elasticsearch only, behind a setting) a Dutch stemmer."""

from django.conf import settings
from elasticsearch.dsl import analyzer, token_filter

prefix_filter = token_filter("prefix_ngram", type="edge_ngram", min_gram=1, max_gram=20)
dutch_stemmer = token_filter("dutch_stemmer", type="stemmer", language="dutch")


def text_analyzer():
    filters = ["lowercase", "asciifolding"]
    if settings.SEARCH_DUTCH_STEMMER:
        filters.append(dutch_stemmer)
    return analyzer("portal_text", tokenizer="standard", filter=filters)


folded = analyzer("portal_folded", tokenizer="standard", filter=["lowercase", "asciifolding"])
folded_prefix = analyzer(
    "portal_prefix", tokenizer="standard", filter=["lowercase", "asciifolding", prefix_filter]
)
