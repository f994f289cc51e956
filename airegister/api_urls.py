from django.urls import path

from airegister import monitor_views
from airegister.api import AIApplicationViewSet

# (prefix, viewset, basename): registered on the API's one router (portal.api_urls).
routes = [("ai-applications", AIApplicationViewSet, "ai-application")]

urlpatterns = [path("ai-monitor/", monitor_views.api, name="api_ai_monitor")]
