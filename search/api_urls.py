from django.urls import path

from search.api import SearchView

routes = []

urlpatterns = [path("search/", SearchView.as_view(), name="api_search")]
