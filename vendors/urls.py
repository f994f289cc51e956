"""The vendor and product directory, comparison, and vendor self-service."""

from django.urls import path

from vendors import selfservice_views as vendor_self
from vendors import views as vendor_views

urlpatterns = [
    path("leveranciers/", vendor_views.vendor_list, name="vendor_list"),
    path(
        "leveranciers/scoremethode/",
        vendor_views.scoring_methodology,
        name="scoring_methodology",
    ),
    path("leveranciers/<slug:slug>/", vendor_views.vendor_detail, name="vendor_detail"),
    path("leverancier/", vendor_self.dashboard, name="vendor_self_service"),
    path("leverancier/reactie/", vendor_self.reply, name="vendor_reply"),
    path("leverancier/gedragscode/", vendor_self.sign_code, name="vendor_sign_code"),
    path(
        "leverancier/producten/<slug:slug>/",
        vendor_self.product_edit,
        name="vendor_product_edit",
    ),
    path(
        "leverancier/producten/<slug:slug>/claims/",
        vendor_self.claim_add,
        name="vendor_claim_add",
    ),
    path(
        "leverancier/producten/<slug:slug>/claims/<int:pk>/verwijderen/",
        vendor_self.claim_remove,
        name="vendor_claim_remove",
    ),
    path(
        "leverancier/producten/<slug:slug>/capabilitystatement/",
        vendor_self.statement_add,
        name="vendor_statement_add",
    ),
    path(
        "leverancier/producten/<slug:slug>/certificaten/",
        vendor_self.certificate_add,
        name="vendor_certificate_add",
    ),
    path("vergelijken/", vendor_views.compare, name="compare"),
    path(
        "certificaten/<int:pk>/document/",
        vendor_views.certificate_document,
        name="certificate_document",
    ),
    path("producten/", vendor_views.product_list, name="product_list"),
    path("producten/<slug:slug>/", vendor_views.product_detail, name="product_detail"),
    path(
        "producten/<slug:slug>/claims/<int:pk>/beoordelen/",
        vendor_views.claim_review,
        name="claim_review",
    ),
    path("categorieen/", vendor_views.category_list, name="category_list"),
    path("standaarden/", vendor_views.standard_list, name="standard_list"),
]
