"""Rebuild every index from the database without a gap in search: each document gets a
fresh index, filled in bulk, then its alias is switched over in one step and the old
index dropped."""

from datetime import UTC, datetime

from django_elasticsearch_dsl.registries import registry
from elasticsearch.helpers import streaming_bulk

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


def rebuild(document, *, chunk_size=1000, progress=None):
    """Returns the number of documents indexed."""
    client = get_client()
    alias = document._index._name
    new_index = f"{alias}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
    document._index.clone(name=new_index).create(using=client)
    total = document().get_queryset().count()
    done = 0
    for _ok, _item in streaming_bulk(
        client,
        _actions(document, new_index, chunk_size),
        chunk_size=chunk_size,
        raise_on_error=True,
    ):
        done += 1
        if progress and (done % chunk_size == 0 or done == total):
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
