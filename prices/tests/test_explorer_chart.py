"""The explorer's chart draws the published cells of the table beside it, in the page
language: separators, labels, and P75 (not the band's width) in the hover text."""

import json
import re

import pytest
from django.conf import settings
from django.urls import reverse

from portal.tests.factories import member

pytestmark = pytest.mark.django_db


def chart(html):
    found = re.search(r'<script id="benchmark-data" type="application/json">(.*?)</script>', html)
    return json.loads(found.group(1))


def test_chart_figures_and_separators_follow_the_page(market, exact_figures, client):
    for n in range(8):
        market.hospital(100_000 + 10_000 * n)
    market.release()
    client.force_login(member(market.organizations[7]))
    params = {"categorie": "pacs-test", "jaar": 2025}
    html = client.get(reverse("price_explorer"), params).content.decode()
    figure = chart(html)
    assert figure["layout"]["separators"] == ",."
    band, median, _tails = figure["data"]
    own = band["y"].index(next(label for label in band["y"] if "(n=7)" in label))
    assert median["x"][own] == 130_000 and median["name"] == "Mediaan"
    assert band["base"][own] + band["x"][own] == band["customdata"][own]  # P75 itself
    assert "<figcaption>" in html and 'data-figure="benchmark-data"' in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = chart(client.get(reverse("price_explorer"), params).content.decode())
    assert english["layout"]["separators"] == ".," and english["data"][1]["name"] == "Median"
