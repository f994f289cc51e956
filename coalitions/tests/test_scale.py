"""A coalition with 200 members, 500 requirements and 20 vendors' answers: its pages
make a bounded number of queries, whatever those numbers (the timing is measured by
bench/coalitions_bench.py, not here)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coalitions.scale import build_large_coalition

pytestmark = pytest.mark.django_db

PAGES = [
    "coalition_detail",
    "coalition_requirements",
    "coalition_vendors",
    "coalition_requirements_print",
]
MAX_QUERIES = 40


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


@pytest.mark.parametrize("name", PAGES)
def test_large_coalition_pages_make_a_bounded_number_of_queries(client, reference_data, name):
    small, user_small = build_large_coalition(slug="klein", members=3, requirements=4, vendors=2)
    large, user_large = build_large_coalition(slug="groot")
    client.force_login(user_small)
    queries(client, reverse(name, args=[small.slug]))  # fills the caches (benchmarks)
    few, _html = queries(client, reverse(name, args=[small.slug]))
    client.force_login(user_large)
    many, html = queries(client, reverse(name, args=[large.slug]))
    assert many <= MAX_QUERIES
    assert many == few  # the same queries for 3 members or 200
    if name == "coalition_vendors":
        assert html.count("<tr>") == 501  # the header and 500 requirements
        assert "Leverancier groot 19" in html
