"""The search pages."""

from django.urls import path

from search import views as search_views

urlpatterns = [
    path("zoeken/", search_views.search_page, name="search"),
    path("zoeken/suggesties/", search_views.autocomplete, name="search_autocomplete"),
]
