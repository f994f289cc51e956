from django.urls import path

from vendors.api import (
    ProductCategoryViewSet,
    ProductViewSet,
    StandardViewSet,
    VendorViewSet,
    capability_statement_upload,
    claim_create,
    reply_create,
)

# (prefix, viewset, basename): registered on the API's one router (portal.api_urls).
routes = [
    ("vendors", VendorViewSet, "vendor"),
    ("products", ProductViewSet, "product"),
    ("categories", ProductCategoryViewSet, "category"),
    ("standards", StandardViewSet, "standard"),
]

urlpatterns = [
    path(
        "products/<slug:slug>/capability-statements/",
        capability_statement_upload,
        name="api_capability_statement_upload",
    ),
    path("products/<slug:slug>/claims/", claim_create, name="api_claim_create"),
    path("vendor-reply/", reply_create, name="api_reply_create"),
]
