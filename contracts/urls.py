"""Contracts, their import and export, the notice calendar, and the organisation admin's
pages (audit trail, access log, own data, API tokens)."""

from django.urls import path

from contracts import admin_views, radar_views, transfer_views
from contracts import views as contract_views
from portal import converters  # noqa: F401 - registers <sheet:...>

urlpatterns = [
    path("contracten/", contract_views.contract_list, name="contract_list"),
    path("contracten/nieuw/", contract_views.contract_create, name="contract_create"),
    path("contracten/<int:pk>/", contract_views.contract_detail, name="contract_detail"),
    path("contracten/<int:pk>/bewerken/", contract_views.contract_update, name="contract_update"),
    path(
        "contracten/<int:pk>/verwijderen/", contract_views.contract_delete, name="contract_delete"
    ),
    path("contracten/importeren/", transfer_views.import_upload, name="contract_import"),
    path(
        "contracten/importeren/<int:pk>/",
        transfer_views.import_detail,
        name="contract_import_detail",
    ),
    path(
        "contracten/importeren/<int:pk>/voortgang/",
        transfer_views.import_progress,
        name="contract_import_progress",
    ),
    path(
        "contracten/sjabloon.<sheet:fmt>", transfer_views.import_template, name="contract_template"
    ),
    path("contracten/export.<sheet:fmt>", transfer_views.contract_export, name="contract_export"),
    path("contracten/opzegkalender/", radar_views.renewal_radar, name="renewal_radar"),
    path("contracten/opzegkalender.ics", radar_views.renewal_calendar, name="renewal_calendar"),
    path("organisaties/<slug:slug>/audit/", admin_views.audit_trail, name="contract_audit"),
    path("organisaties/<slug:slug>/toegangslog/", admin_views.access_log, name="access_log"),
    path(
        "organisaties/<slug:slug>/gegevens/",
        admin_views.organisation_data,
        name="organisation_data",
    ),
    path(
        "organisaties/<slug:slug>/gegevens/export.zip",
        admin_views.organisation_data_export,
        name="organisation_data_export",
    ),
    path("organisaties/<slug:slug>/api-tokens/", admin_views.api_tokens, name="api_tokens"),
    path(
        "organisaties/<slug:slug>/api-tokens/<int:pk>/intrekken/",
        admin_views.api_token_revoke,
        name="api_token_revoke",
    ),
]
