"""The market monitor's API, under /api/v1/ (portal.api_urls)."""

from django.urls import path

from market import api

routes = []

urlpatterns = [
    path("market/concentration/", api.concentration, name="api_market_concentration"),
    path("market/dynamics/", api.dynamics, name="api_market_dynamics"),
    path("market/lock-in/", api.lock_in, name="api_market_lock_in"),
    path("market/spending/", api.spending, name="api_market_spending"),
]
