"""Keep the search indices in step with the database without ever failing a write.

A write queues the changed objects' ids after commit (search.signals finds them; bulk
writes call queue() themselves); a background task brings each object's document in
line with the database: indexed when the document's queryset still holds it, deleted
otherwise. When the engine is down or refuses, the ids are remembered
(PendingIndexUpdate) and `manage.py search_sync` retries them."""

import logging

from django.db import transaction
from django_elasticsearch_dsl.registries import registry
from django_tasks import task
from elasticsearch.helpers import BulkIndexError

from search.client import get_client
from search.models import PendingIndexUpdate

logger = logging.getLogger(__name__)


def document_for(label):
    for document in registry.get_documents():
        if document.django.model._meta.label_lower == label:
            return document
    raise LookupError(label)


QUEUE_BATCH = 500  # ids per task: a vendor's rename reaches all its contracts


def queue(model, ids):
    """After the current transaction commits, bring these objects' documents up to date."""
    ids = [str(pk) for pk in ids]
    label = model._meta.label_lower
    for start in range(0, len(ids), QUEUE_BATCH):
        batch = ids[start : start + QUEUE_BATCH]
        transaction.on_commit(lambda batch=batch: _enqueue(label, batch))


def _enqueue(label, ids):
    try:
        sync_documents.enqueue(label, ids)
    except Exception as err:  # the write has committed; never fail it
        logger.warning("Could not queue index update for %s: %s", label, err)
        remember(label, ids, err)


def remember(label, ids, err):
    for object_id in ids:
        pending, created = PendingIndexUpdate.objects.get_or_create(
            document=label, object_id=object_id, defaults={"last_error": str(err)[:2000]}
        )
        if not created:
            pending.attempts += 1
            pending.last_error = str(err)[:2000]
            pending.save(update_fields=["attempts", "last_error", "updated_at"])


def apply(label, ids):
    """Index or delete the documents of ``ids``. Raises when the engine fails."""
    document = document_for(label)()
    present = list(document.get_queryset().filter(pk__in=ids))
    present_ids = {str(obj.pk) for obj in present}
    if present:
        document.update(present, refresh=False)
    missing = [pk for pk in ids if pk not in present_ids]
    if missing:
        response = get_client().bulk(
            operations=[{"delete": {"_index": document._index._name, "_id": pk}} for pk in missing]
        )
        failures = [
            item["delete"]
            for item in response["items"]
            if item["delete"].get("status") not in (200, 404)
        ]
        if failures:
            raise BulkIndexError(f"{len(failures)} deletes failed", failures)


@task()
def sync_documents(label, ids):
    try:
        apply(label, ids)
    except Exception as err:  # engine down or refusing: remember and retry later
        logger.warning("Search index update for %s failed: %s", label, err)
        remember(label, ids, err)
        return False
    PendingIndexUpdate.objects.filter(document=label, object_id__in=ids).delete()
    return True


def retry_pending(batch_size=500):
    """One pass over the remembered updates; returns (done, still pending)."""
    done = 0
    labels = PendingIndexUpdate.objects.values_list("document", flat=True).distinct()
    for label in list(labels):
        pending = list(
            PendingIndexUpdate.objects.filter(document=label).values_list("object_id", flat=True)
        )
        for start in range(0, len(pending), batch_size):
            ids = pending[start : start + batch_size]
            try:
                apply(label, ids)
            except Exception as err:
                remember(label, ids, err)
                continue
            PendingIndexUpdate.objects.filter(document=label, object_id__in=ids).delete()
            done += len(ids)
    return done, PendingIndexUpdate.objects.count()
