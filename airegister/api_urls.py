from airegister.api import AIApplicationViewSet

# (prefix, viewset, basename): registered on the API's one router (portal.api_urls).
routes = [("ai-applications", AIApplicationViewSet, "ai-application")]

urlpatterns = []
