"""The CMS list of organisation sizes formats FTE, beds and revenue alike: localized,
thousands grouped (it showed "2984,5" beside "3160")."""

from decimal import Decimal

from django.utils import translation

from portal.models import OrganizationSize
from portal.wagtail_hooks import FigureColumn, OrganizationSizeViewSet


def test_size_figures_are_grouped_in_the_page_language():
    size = OrganizationSize(
        year=2025, fte=Decimal("2984.5"), beds=3160, revenue_eur=Decimal("250000000.00")
    )
    with translation.override("nl"):
        assert FigureColumn("fte", decimals=1).get_value(size) == "2.984,5"
        assert FigureColumn("beds").get_value(size) == "3.160"
        assert FigureColumn("revenue_eur").get_value(size) == "250.000.000"
    with translation.override("en"):
        assert FigureColumn("fte", decimals=1).get_value(size) == "2,984.5"
    assert FigureColumn("beds").get_value(OrganizationSize(beds=None)) == "–"


def test_the_sizes_list_uses_the_figure_columns():
    columns = OrganizationSizeViewSet.list_display
    assert [c.name for c in columns if isinstance(c, FigureColumn)] == [
        "revenue_eur",
        "fte",
        "beds",
    ]
