"""The market monitor's pages (policy staff); the public market-balance page is a
Wagtail page (market.models.MarketBalancePage)."""

from django.urls import path

from market import views
from portal import converters  # noqa: F401 - registers <sheet:...>

urlpatterns = [
    path("markt/", views.dashboard, name="market_dashboard"),
    path("markt/rapport/", views.report_print, name="market_report"),
    path("markt/export.<sheet:fmt>", views.export, name="market_export"),
]
