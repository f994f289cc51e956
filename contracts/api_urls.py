from contracts.api import ContractViewSet

# (prefix, viewset, basename): registered on the API's one router (portal.api_urls).
routes = [("contracts", ContractViewSet, "contract")]

urlpatterns = []
