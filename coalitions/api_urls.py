from django.urls import path

from coalitions.api import CoalitionViewSet, vendor_request_answers, vendor_request_list

# (prefix, viewset, basename): registered on the API's one router (portal.api_urls).
routes = [("coalitions", CoalitionViewSet, "coalition")]

urlpatterns = [
    path("vendor-requests/", vendor_request_list, name="api_vendor_requests"),
    path(
        "vendor-requests/<int:pk>/answers/",
        vendor_request_answers,
        name="api_vendor_request_answers",
    ),
]
