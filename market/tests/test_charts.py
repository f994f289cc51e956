"""The monitor's charts say what their tables say, in the page language: Dutch or
English separators, gaps (not zeros) for years without a published figure, the EU
concentration bands the portal uses, and series told apart without colour alone."""

import json
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from market.charts import balance_figure, trend_figure
from market.tests.test_monitor import analyst, market, released, today  # noqa: F401
from portal.charts import PALETTE

TREND = [
    {"year": 2020, "hhi": None, "cr4": None, "switching": None, "customers": None},
    {"year": 2021, "hhi": 1500.0, "cr4": 80.0, "switching": 10.0, "customers": 6},
    {"year": 2022, "hhi": 2600.0, "cr4": 90.0, "switching": None, "customers": 6},
]


@pytest.mark.parametrize(("language", "separators"), [("nl", ",."), ("en", ".,")])
def test_trend_figure_separators_gaps_and_bands(language, separators):
    with translation.override(language):
        figure = trend_figure(TREND)
    layout = figure["layout"]
    assert layout["separators"] == separators
    assert all(trace["connectgaps"] is False for trace in figure["data"])
    assert figure["data"][0]["y"] == [None, 1500.0, 2600.0]  # a gap, not a zero
    assert figure["data"][1]["y"] == [None, 10.0, None]
    bands = [(s["y0"], s["y1"]) for s in layout["shapes"] if s["type"] == "rect"]
    assert bands[:2] == [(0, 1000), (1000, 2000)] and bands[2][0] == 2000
    assert bands[2][1] > 2600  # the top band reaches past the highest HHI drawn
    texts = [a["text"] for a in layout["annotations"]]
    if language == "nl":
        assert texts[:3] == [
            "niet geconcentreerd (< 1.000)",
            "matig geconcentreerd (1.000–2.000)",
            "sterk geconcentreerd (> 2.000)",
        ]
        assert "VS 2023: 1.800" in texts and layout["xaxis"]["title"]["text"] == "Jaar"
    else:
        assert texts[:3] == [
            "unconcentrated (< 1,000)",
            "moderately concentrated (1,000–2,000)",
            "highly concentrated (> 2,000)",
        ]
    assert layout["legend"]["orientation"] == "h" and layout["legend"]["yanchor"] == "bottom"
    assert layout["yaxis"]["automargin"] and layout["xaxis"]["automargin"]


def test_more_series_than_colours_vary_the_dash_too():
    rows = [
        {"name": f"Category {n}", "trend": [{"year": 2025, "hhi": 1000.0 + n}]} for n in range(12)
    ]
    with translation.override("nl"):
        figure = balance_figure(rows)
    looks = {(t["line"]["color"], t["line"]["dash"]) for t in figure["data"]}
    assert len(looks) == 12
    assert {t["line"]["color"] for t in figure["data"]} <= set(PALETTE)
    assert "shapes" in figure["layout"]  # the HHI bands here too


def chart_json(html, element_id):
    found = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', html)
    return json.loads(found.group(1))


@pytest.mark.django_db
def test_dashboard_charts_in_the_page_language(client, released, analyst, exact_figures):  # noqa: F811
    client.force_login(analyst)
    url = reverse("market_dashboard") + "?categorie=pacs-test&jaar=2026"
    html = client.get(url).content.decode()
    trend = chart_json(html, "trend-data")
    assert trend["layout"]["separators"] == ",."
    hhi = trend["data"][0]
    assert hhi["connectgaps"] is False and hhi["y"][0] is None  # fewer than 5 customers
    assert hhi["y"][-1] == pytest.approx(5578, abs=1)  # the table's figure
    assert 'id="trend-chart"' in html and "<figcaption>" in html
    assert chart_json(html, "share-data")["data"][0]["x"]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = chart_json(client.get(url).content.decode(), "trend-data")
    assert english["layout"]["separators"] == ".,"
    assert english["layout"]["xaxis"]["title"]["text"] == "Year"
