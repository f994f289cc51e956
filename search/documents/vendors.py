"""Search documents for the public market catalogue."""

from django.db.models import Q
from django.urls import reverse
from django_elasticsearch_dsl.registries import registry

from search.documents.base import INDEX_SETTINGS, PortalDocument, category_slugs, index_name
from search.query import SCORE_BANDS
from vendors.models import (
    InteroperabilityScore,
    Product,
    ProductCategory,
    Standard,
    StandardClaim,
    Vendor,
)
from vendors.scoring import vendor_score


def score_band(score):
    """The search facet value for an interoperability score (None: not scored)."""
    if score is None:
        return None
    index = min(int(score // 25), len(SCORE_BANDS) - 1)
    return SCORE_BANDS[index]


@registry.register_document
class VendorDocument(PortalDocument):
    KIND = "vendor"

    class Index:
        name = index_name("vendors")
        settings = INDEX_SETTINGS

    class Django:
        model = Vendor
        queryset_pagination = 1000
        related_models = [Product, StandardClaim, InteroperabilityScore, ProductCategory, Standard]

    def get_queryset(self):
        return Vendor.objects.prefetch_related(
            "products__category__parent", "products__claims__standard"
        )

    def get_instances_from_related(self, related):
        """The vendors whose document shows ``related``: it lists its products' names,
        categories (both levels), deployments, claimed standards and scores."""
        if isinstance(related, Product):
            return related.vendor
        if isinstance(related, StandardClaim | InteroperabilityScore):
            return Vendor.objects.filter(products=related.product_id)
        if isinstance(related, ProductCategory):
            return Vendor.objects.filter(
                Q(products__category=related) | Q(products__category__parent=related)
            )
        return Vendor.objects.filter(products__claims__standard=related)

    def prepare_title(self, vendor):
        return vendor.name

    def prepare_body(self, vendor):
        return " ".join([vendor.description, *(p.name for p in vendor.products.all())])

    def prepare_category(self, vendor):
        return sorted({s for p in vendor.products.all() for s in category_slugs(p.category)})

    def prepare_deployment(self, vendor):
        return sorted({p.deployment for p in vendor.products.all()})

    def prepare_standards(self, vendor):
        return sorted({c.standard.code for p in vendor.products.all() for c in p.claims.all()})

    def prepare_score_band(self, vendor):
        return score_band(vendor_score(vendor))


@registry.register_document
class ProductDocument(PortalDocument):
    KIND = "product"

    class Index:
        name = index_name("products")
        settings = INDEX_SETTINGS

    class Django:
        model = Product
        queryset_pagination = 1000
        related_models = [Vendor, StandardClaim, InteroperabilityScore, ProductCategory, Standard]

    def get_queryset(self):
        return Product.objects.select_related("vendor", "category__parent").prefetch_related(
            "claims__standard", "scores__method"
        )

    def get_instances_from_related(self, related):
        """The products whose document shows ``related``: its vendor's name, its
        category (both levels), its claimed standards and its latest score."""
        if isinstance(related, Vendor):
            return related.products.all()
        if isinstance(related, StandardClaim | InteroperabilityScore):
            return related.product
        if isinstance(related, ProductCategory):
            return Product.objects.filter(Q(category=related) | Q(category__parent=related))
        return Product.objects.filter(claims__standard=related)

    def prepare_title(self, product):
        return product.name

    def prepare_body(self, product):
        return f"{product.vendor.name} {product.category} {product.description}"

    def prepare_category(self, product):
        return category_slugs(product.category)

    def prepare_deployment(self, product):
        return [product.deployment]

    def prepare_standards(self, product):
        return sorted({c.standard.code for c in product.claims.all()})

    def prepare_score_band(self, product):
        scores = sorted(product.scores.all(), key=lambda s: -s.method.version)
        return score_band(scores[0].score if scores else None)


@registry.register_document
class CategoryDocument(PortalDocument):
    KIND = "category"

    class Index:
        name = index_name("categories")
        settings = INDEX_SETTINGS

    class Django:
        model = ProductCategory
        related_models = [ProductCategory]

    def get_queryset(self):
        return ProductCategory.objects.select_related("parent")

    def get_instances_from_related(self, parent):
        """A subcategory's facet values hold its parent's slug."""
        return parent.children.all()

    def prepare_title(self, category):
        return category.name

    def prepare_body(self, category):
        return category.description

    def prepare_title_en(self, category):
        return category.name_en or category.name

    def prepare_url(self, category):
        return f"{reverse('product_list')}?categorie={category.slug}"

    def prepare_category(self, category):
        return category_slugs(category)


@registry.register_document
class StandardDocument(PortalDocument):
    KIND = "standard"

    class Index:
        name = index_name("standards")
        settings = INDEX_SETTINGS

    class Django:
        model = Standard

    def prepare_title(self, standard):
        return str(standard)

    def prepare_body(self, standard):
        return f"{standard.steward} {standard.description}"

    def prepare_body_en(self, standard):
        return f"{standard.steward} {standard.description_en or standard.description}"

    def prepare_url(self, standard):
        return f"{reverse('standard_list')}#{standard.code}"

    def prepare_standards(self, standard):
        return [standard.code]
