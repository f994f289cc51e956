"""The API (/api/v1/): wiring only. Each app lists its routes in its api_urls.py: plain
paths in ``urlpatterns`` and viewsets in ``routes``, which go on one router so the API
root lists them all."""

from importlib import import_module

from django.urls import path
from rest_framework.routers import DefaultRouter

from prices.monitor import api as market_api

API_APPS = ["search", "prices", "vendors", "contracts", "coalitions"]

router = DefaultRouter()
urlpatterns = [
    path("market/concentration/", market_api.concentration, name="api_market_concentration"),
    path("market/dynamics/", market_api.dynamics, name="api_market_dynamics"),
    path("market/lock-in/", market_api.lock_in, name="api_market_lock_in"),
    path("market/spending/", market_api.spending, name="api_market_spending"),
]
for app in API_APPS:
    module = import_module(f"{app}.api_urls")
    urlpatterns += module.urlpatterns
    for prefix, viewset, basename in module.routes:
        router.register(prefix, viewset, basename=basename)
urlpatterns += router.urls
