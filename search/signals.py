"""django-elasticsearch-dsl's signal processor for the portal (set as
ELASTICSEARCH_DSL_SIGNAL_PROCESSOR): saves and deletes queue index updates through the
outbox (search.sync) after commit instead of indexing inline, so a write never waits
for, or fails with, the engine.

What to re-index when a related object changes is the documents' own business: their
``Django.related_models`` and ``get_instances_from_related()`` (search.documents,
one module per app). Wagtail pages are indexed when published, unpublished or moved, not
when a draft is saved."""

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django_elasticsearch_dsl.apps import DEDConfig
from django_elasticsearch_dsl.registries import registry
from django_elasticsearch_dsl.signals import BaseSignalProcessor
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.signals import bulk_changed
from search import sync


def _documents_of(instance):
    """The documents indexing ``instance`` itself. isinstance, so a specific page counts
    as a Page; migrations' historical models are other classes and never match."""
    return [
        doc
        for doc in registry.get_documents()
        if isinstance(instance, doc.django.model) and not doc.django.ignore_signals
    ]


def _related_documents(instance):
    return [
        doc
        for doc in registry.get_documents()
        if type(instance) in doc.django.related_models and not doc.django.ignore_signals
    ]


def _pks(found):
    if found is None:
        return []
    if isinstance(found, models.Model):
        return [found.pk]
    if isinstance(found, models.QuerySet):
        return list(found.order_by().values_list("pk", flat=True).distinct())
    return [obj.pk for obj in found]


class QueuedSignalProcessor(BaseSignalProcessor):
    """Queues, never indexes: each handler notes which documents to bring up to date and
    search.sync applies (or remembers and retries) them once the transaction commits."""

    receivers = [
        (post_save, "handle_save"),
        (pre_delete, "handle_pre_delete"),
        (post_delete, "handle_delete"),
        (m2m_changed, "handle_m2m_changed"),
        (page_published, "handle_page"),
        (page_unpublished, "handle_page"),
        (post_page_move, "handle_page"),
        (bulk_changed, "handle_bulk"),
    ]

    def setup(self):
        for signal, handler in self.receivers:
            signal.connect(getattr(self, handler), dispatch_uid=f"search-{handler}")

    def teardown(self):
        for signal, handler in self.receivers:
            signal.disconnect(dispatch_uid=f"search-{handler}")

    def handle_save(self, sender, instance, **kwargs):
        if not DEDConfig.autosync_enabled() or isinstance(instance, Page):
            return  # pages: see handle_page
        self._queue_own(instance)
        self._queue_related(instance)

    def handle_pre_delete(self, sender, instance, **kwargs):
        # Before the delete, while the relation still shows who shows this object; the
        # documents are rebuilt without it after commit.
        if DEDConfig.autosync_enabled():
            self._queue_related(instance)

    def handle_delete(self, sender, instance, **kwargs):
        # Gone from the database, so sync deletes the document.
        if DEDConfig.autosync_enabled():
            self._queue_own(instance)

    def handle_bulk(self, sender, ids, **kwargs):
        if DEDConfig.autosync_enabled():
            sync.queue(sender, ids)

    def handle_page(self, sender, instance, **kwargs):
        if DEDConfig.autosync_enabled():
            sync.queue(Page, [instance.pk])

    def _queue_own(self, instance):
        for doc in _documents_of(instance):
            sync.queue(doc.django.model, [instance.pk])

    def _queue_related(self, instance):
        for doc in _related_documents(instance):
            try:
                found = doc().get_instances_from_related(instance)
            except ObjectDoesNotExist:
                continue
            sync.queue(doc.django.model, _pks(found))
