"""The API (/api/v1/): wiring only. Each app lists its routes in its api_urls.py: plain
paths in ``urlpatterns`` and viewsets in ``routes``, which go on one router so the API
root lists them all."""

from importlib import import_module

from rest_framework.routers import DefaultRouter

API_APPS = ["search", "prices", "market", "vendors", "contracts", "coalitions", "airegister"]

router = DefaultRouter()
urlpatterns = []
for app in API_APPS:
    module = import_module(f"{app}.api_urls")
    urlpatterns += module.urlpatterns
    for prefix, viewset, basename in module.routes:
        router.register(prefix, viewset, basename=basename)
urlpatterns += router.urls
