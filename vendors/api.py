"""Read-only public API for the vendor directory and the reference catalogues."""

from django.db.models import Q
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from vendors.models import Product, ProductCategory, Standard, Vendor


class ProductCategorySerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = ProductCategory
        fields = ["slug", "name", "name_en", "parent", "description"]


class VendorSerializer(serializers.ModelSerializer):
    parent_group = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Vendor
        fields = ["slug", "name", "kvk_number", "country", "website", "description", "parent_group"]


class ProductSerializer(serializers.ModelSerializer):
    vendor = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    category = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Product
        fields = ["slug", "name", "vendor", "category", "deployment", "description", "website"]


class StandardSerializer(serializers.ModelSerializer):
    class Meta:
        model = Standard
        fields = [
            "code",
            "name",
            "kind",
            "steward",
            "version",
            "url",
            "description",
            "description_en",
        ]


class VendorViewSet(viewsets.ReadOnlyModelViewSet):
    """Vendors in the directory."""

    queryset = Vendor.objects.select_related("parent_group").order_by("name")
    serializer_class = VendorSerializer
    lookup_field = "slug"


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("vendor", str, description="Vendor slug"),
            OpenApiParameter("category", str, description="Category slug (either level)"),
            OpenApiParameter("deployment", str, enum=Product.Deployment.values),
        ]
    )
)
class ProductViewSet(viewsets.ReadOnlyModelViewSet):
    """Products; filter with ``?vendor=<slug>``, ``?category=<slug>``, ``?deployment=``."""

    serializer_class = ProductSerializer
    lookup_field = "slug"

    def get_queryset(self):
        products = Product.objects.select_related("vendor", "category").order_by("name")
        params = self.request.query_params
        if vendor := params.get("vendor"):
            products = products.filter(vendor__slug=vendor)
        if category := params.get("category"):
            products = products.filter(
                Q(category__slug=category) | Q(category__parent__slug=category)
            )
        if deployment := params.get("deployment"):
            products = products.filter(deployment=deployment)
        return products


class ProductCategoryViewSet(viewsets.ReadOnlyModelViewSet):
    """The two-level product taxonomy."""

    queryset = ProductCategory.objects.select_related("parent").order_by(
        "parent__sort_order", "sort_order", "name"
    )
    serializer_class = ProductCategorySerializer
    lookup_field = "slug"


class StandardViewSet(viewsets.ReadOnlyModelViewSet):
    """The catalogue of interoperability, terminology and security standards."""

    queryset = Standard.objects.order_by("kind", "name")
    serializer_class = StandardSerializer
    lookup_field = "code"
