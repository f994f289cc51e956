from django.urls import path

from prices.api import BenchmarkView

routes = []

urlpatterns = [path("benchmarks/", BenchmarkView.as_view(), name="api_benchmarks")]
