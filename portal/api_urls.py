from django.urls import include, path
from rest_framework.routers import DefaultRouter

from coalitions.api import CoalitionViewSet, vendor_request_answers, vendor_request_list
from contracts.api import ContractViewSet
from prices.api import BenchmarkView
from search.api import SearchView
from vendors.api import (
    ProductCategoryViewSet,
    ProductViewSet,
    StandardViewSet,
    VendorViewSet,
    capability_statement_upload,
    claim_create,
    reply_create,
)

router = DefaultRouter()
router.register("vendors", VendorViewSet, basename="vendor")
router.register("products", ProductViewSet, basename="product")
router.register("categories", ProductCategoryViewSet, basename="category")
router.register("standards", StandardViewSet, basename="standard")
router.register("contracts", ContractViewSet, basename="contract")
router.register("coalitions", CoalitionViewSet, basename="coalition")

urlpatterns = [
    path("search/", SearchView.as_view(), name="api_search"),
    path("benchmarks/", BenchmarkView.as_view(), name="api_benchmarks"),
    path("", include("market.api_urls")),
    path(
        "products/<slug:slug>/capability-statements/",
        capability_statement_upload,
        name="api_capability_statement_upload",
    ),
    path("products/<slug:slug>/claims/", claim_create, name="api_claim_create"),
    path("vendor-reply/", reply_create, name="api_reply_create"),
    path("vendor-requests/", vendor_request_list, name="api_vendor_requests"),
    path(
        "vendor-requests/<int:pk>/answers/",
        vendor_request_answers,
        name="api_vendor_request_answers",
    ),
    *router.urls,
]
