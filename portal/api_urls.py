from rest_framework.routers import DefaultRouter

from vendors.api import ProductCategoryViewSet, ProductViewSet, StandardViewSet, VendorViewSet

router = DefaultRouter()
router.register("vendors", VendorViewSet, basename="vendor")
router.register("products", ProductViewSet, basename="product")
router.register("categories", ProductCategoryViewSet, basename="category")
router.register("standards", StandardViewSet, basename="standard")

urlpatterns = router.urls
