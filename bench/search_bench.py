"""Child-process part of the search benchmarks (run by bench/run.py against a scratch
database that already holds the national demo dataset and a running engine).

1. Rebuild throughput: `rebuild_search_index` of every document, against a bare
   `elasticsearch.helpers.bulk` of the same documents prepared beforehand, into the same
   engine, side by side.
2. Faceted queries through the view: 200 varied queries with facet filters."""

import json
import pathlib
import random
import statistics
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from elasticsearch.helpers import bulk  # noqa: E402

from search.client import get_client  # noqa: E402
from search.rebuild import documents  # noqa: E402

WORDS = [
    "epd",
    "zorg",
    "pacs",
    "cloud",
    "hosting",
    "ziekenhuis",
    "beeld",
    "erp",
    "lab",
    "werkplek",
    "patient",
    "fhir",
    "nen",
    "ggz",
    "portaal",
    "ai",
    "netwerk",
    "soc",
]
FACETS = {
    "type": ["vendor", "product", "organization", "standard", "category"],
    "inzet": ["saas", "hosted", "on_premises"],
    "categorie": ["epd-zis", "beeld", "infrastructuur", "werkplek", "epd-ziekenhuis"],
    "provincie": ["UT", "ZH", "NH", "GE", "NB"],
    "sector": ["general_hospital", "elderly_care", "primary_care"],
}


def rebuild_throughput(chunk_size):
    started = time.perf_counter()
    call_command(
        "rebuild_search_index", "--chunk-size", str(chunk_size), stdout=open("/dev/null", "w")
    )
    rebuild_seconds = time.perf_counter() - started
    client = get_client()
    total = sum(client.count(index=d._index._name)["count"] for d in documents())

    prepared = []  # not timed: the bare bulk gets its documents ready-made
    for document in documents():
        name = f"{document._index._name}-bare"
        document._index.clone(name=name).create(using=client)
        instance = document()
        prepared += [
            {"_index": name, "_id": obj.pk, "_source": instance.prepare(obj)}
            for obj in instance.get_queryset().order_by("pk").iterator(chunk_size)
        ]
    started = time.perf_counter()
    bulk(client, prepared, chunk_size=chunk_size)
    bare_seconds = time.perf_counter() - started
    for document in documents():
        client.indices.delete(index=f"{document._index._name}-bare")
    return {
        "documents": total,
        "rebuild_seconds": rebuild_seconds,
        "rebuild_per_second": total / rebuild_seconds,
        "bare_documents": len(prepared),
        "bare_seconds": bare_seconds,
        "bare_per_second": len(prepared) / bare_seconds,
    }


def faceted_queries(count=200, seed=1):
    rng = random.Random(seed)
    client = Client()
    timings = []
    for n in range(count + 10):
        params = {"q": " ".join(rng.sample(WORDS, rng.choice([1, 1, 2])))}
        for facet in rng.sample(list(FACETS), rng.choice([0, 1, 2])):
            params[facet] = rng.choice(FACETS[facet])
        if rng.random() < 0.2:
            params["sorteer"] = rng.choice(["title", "newest"])
        started = time.perf_counter()
        response = client.get("/zoeken/", params)
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, response.status_code
        if n >= 10:  # warm-up
            timings.append(elapsed)
    timings.sort()
    return {
        "queries": count,
        "median_ms": statistics.median(timings),
        "p95_ms": timings[int(0.95 * (count - 1))],
    }


if __name__ == "__main__":
    figures = rebuild_throughput(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
    figures.update(faceted_queries())
    print(json.dumps(figures))
