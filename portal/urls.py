from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter, reverse_lazy
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from contracts import admin_views, radar_views, transfer_views
from contracts import views as contract_views
from portal import account_views
from portal import views as portal_views
from portal.converters import SpreadsheetFormat
from portal.health import healthz
from portal.login import ThrottledAuthenticationForm
from portal.two_factor import views as two_factor_views
from prices import views as price_views
from search import views as search_views
from vendors import selfservice_views as vendor_self
from vendors import views as vendor_views

register_converter(SpreadsheetFormat, "sheet")

urlpatterns = [
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", healthz, name="healthz"),
    path("zoeken/", search_views.search_page, name="search"),
    path("zoeken/suggesties/", search_views.autocomplete, name="search_autocomplete"),
    path(
        "inloggen/",
        auth_views.LoginView.as_view(authentication_form=ThrottledAuthenticationForm),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", account_views.account, name="account"),
    path(
        "account/wachtwoord/",
        auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("password_change_done")),
        name="password_change",
    ),
    path(
        "account/wachtwoord/gewijzigd/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "wachtwoord-vergeten/",
        auth_views.PasswordResetView.as_view(success_url=reverse_lazy("password_reset_done")),
        name="password_reset",
    ),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "account/tweestapsverificatie/instellen/",
        two_factor_views.setup,
        name="two_factor_setup",
    ),
    path(
        "account/tweestapsverificatie/controle/",
        two_factor_views.verify,
        name="two_factor_verify",
    ),
    path(
        "account/tweestapsverificatie/reservecodes/",
        two_factor_views.renew_backup_codes,
        name="two_factor_backup_codes",
    ),
    path(
        "account/tweestapsverificatie/uitzetten/",
        two_factor_views.switch_off,
        name="two_factor_switch_off",
    ),
    path("organisaties/", portal_views.organization_list, name="organization_list"),
    path("organisaties/<slug:slug>/", portal_views.organization_detail, name="organization_detail"),
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
    path("", include("coalitions.urls")),
    path("", include("market.urls")),
    path("prijzen/", price_views.explorer, name="price_explorer"),
    path("prijzen/export.<sheet:fmt>", price_views.explorer_export, name="price_explorer_export"),
    path("prijzen/mijn-positie/", price_views.standing, name="price_standing"),
    path(
        "prijzen/mijn-positie.<sheet:fmt>",
        price_views.standing_export,
        name="price_standing_export",
    ),
    path("prijzen/methode/", price_views.methodology, name="price_methodology"),
    path("api/v1/", include("portal.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api_schema"), name="api_docs"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves everything else (the home page and editorial pages); keep it last.
urlpatterns += [path("", include(wagtail_urls))]
