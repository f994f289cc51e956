"""The price benchmarks: explorer, where-do-I-stand and the method."""

from django.urls import path

from portal import converters  # noqa: F401 - registers <sheet:...>
from prices import views as price_views

urlpatterns = [
    path("prijzen/", price_views.explorer, name="price_explorer"),
    path("prijzen/export.<sheet:fmt>", price_views.explorer_export, name="price_explorer_export"),
    path("prijzen/mijn-positie/", price_views.standing, name="price_standing"),
    path(
        "prijzen/mijn-positie.<sheet:fmt>",
        price_views.standing_export,
        name="price_standing_export",
    ),
    path("prijzen/methode/", price_views.methodology, name="price_methodology"),
]
