"""The portal's URLconf plus a view that fails, for the 500 page (tests/test_error_pages.py)."""

from django.urls import path

from portal.urls import handler403, handler404, handler500, urlpatterns  # noqa: F401


def broken_view(request):
    raise RuntimeError("a bug")


urlpatterns = [
    path("kapot/", broken_view),
    path("api/v1/kapot/", broken_view),
    *urlpatterns,
]
