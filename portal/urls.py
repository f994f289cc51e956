"""The root URLconf: wiring only. Each app owns its routes (its urls.py for pages, its
api_urls.py for the API, portal.api_urls); this module includes them."""

from django.conf import settings
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal.health import healthz

urlpatterns = [
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", healthz, name="healthz"),
    path("", include("search.urls")),
    path("", include("portal.site_urls")),
    path("", include("vendors.urls")),
    path("", include("contracts.urls")),
    path("", include("coalitions.urls")),
    path("", include("airegister.urls")),
    path("", include("market.urls")),
    path("", include("prices.urls")),
    path("api/v1/", include("portal.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api_schema"), name="api_docs"),
]

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves everything else (the home page and editorial pages); keep it last.
urlpatterns += [path("", include(wagtail_urls))]

handler403 = "portal.errors.permission_denied"
handler404 = "portal.errors.page_not_found"
handler500 = "portal.errors.server_error"
