from django.urls import path

from airegister import monitor_views
from airegister.api import AIApplicationViewSet, SharedAIApplicationViewSet

# (prefix, viewset, basename): registered on the API's one router (portal.api_urls).
# The shared list first, so "shared" is not read as an application's id.
routes = [
    ("ai-applications/shared", SharedAIApplicationViewSet, "ai-application-shared"),
    ("ai-applications", AIApplicationViewSet, "ai-application"),
]

urlpatterns = [path("ai-monitor/", monitor_views.api, name="api_ai_monitor")]
