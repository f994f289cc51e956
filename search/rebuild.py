"""Rebuild every index from the database without a gap in search: each document gets a
fresh index, filled in bulk, then its alias is switched over in one step and the old
index dropped."""

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from itertools import islice

from django_elasticsearch_dsl.registries import registry
from elasticsearch.helpers import bulk

from search.client import get_client


def documents(only=None):
    found = list(registry.get_documents())
    if only:
        found = [d for d in found if d._index._name.rsplit("-", 1)[-1] in only]
    return sorted(found, key=lambda d: d._index._name)


def _actions(document, index, chunk_size):
    queryset = document().get_queryset().order_by("pk")
    instance = document()
    for obj in queryset.iterator(chunk_size=chunk_size):
        yield {"_index": index, "_id": obj.pk, "_source": instance.prepare(obj)}


def _chunks(actions, size):
    while chunk := list(islice(actions, size)):
        yield chunk


def _send(client, chunk):
    indexed, _errors = bulk(client, chunk, chunk_size=len(chunk), raise_on_error=True)
    return indexed


def rebuild(document, *, chunk_size=1000, progress=None):
    """Returns the number of documents indexed."""
    client = get_client()
    alias = document._index._name
    new_index = f"{alias}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
    document._index.clone(name=new_index).create(using=client)
    total = document().get_queryset().count()
    done = 0
    # One sender thread: the next chunk is read from the database and prepared (in this
    # thread, which owns the database connection) while the engine takes the previous.
    with ThreadPoolExecutor(max_workers=1) as sender:
        sending = None
        for chunk in _chunks(_actions(document, new_index, chunk_size), chunk_size):
            if sending is not None:
                done += sending.result()
                if progress:
                    progress(alias, done, total)
            sending = sender.submit(_send, client, chunk)
        if sending is not None:
            done += sending.result()
            if progress:
                progress(alias, done, total)
    if progress and total == 0:
        progress(alias, 0, 0)
    switch_alias(client, alias, new_index)
    return done


def switch_alias(client, alias, new_index):
    old = []
    if client.indices.exists_alias(name=alias):
        old = list(client.indices.get_alias(name=alias))
    elif client.indices.exists(index=alias):
        # An index that took the alias's name (written to before any rebuild).
        client.indices.delete(index=alias)
    actions = [{"remove": {"index": name, "alias": alias}} for name in old]
    actions.append({"add": {"index": new_index, "alias": alias}})
    client.indices.update_aliases(actions=actions)
    for name in old:
        if name != new_index:
            client.indices.delete(index=name)
