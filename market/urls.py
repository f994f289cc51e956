"""The market monitor's pages (policy staff); the public market-balance page is a
Wagtail page (market.models.MarketBalancePage). The "sheet" converter is registered by
the root URLconf (portal.urls), as for coalitions.urls."""

from django.urls import path

from market import views

urlpatterns = [
    path("markt/", views.dashboard, name="market_dashboard"),
    path("markt/rapport/", views.report_print, name="market_report"),
    path("markt/export.<sheet:fmt>", views.export, name="market_export"),
]
