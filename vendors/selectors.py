"""Reads for the public vendor and product directory."""

from django.db.models import Count, Q

from vendors.models import Product, ProductCategory, Vendor


def directory_vendors(*, query="", category_slug=""):
    vendors = Vendor.objects.annotate(product_count=Count("products", distinct=True))
    if query:
        vendors = vendors.filter(name__icontains=query)
    if category_slug:
        vendors = vendors.filter(
            Q(products__category__slug=category_slug)
            | Q(products__category__parent__slug=category_slug)
        ).distinct()
    return vendors.order_by("name")


def directory_products(*, query="", category_slug="", deployment=""):
    products = Product.objects.select_related("vendor", "category", "category__parent")
    if query:
        products = products.filter(Q(name__icontains=query) | Q(vendor__name__icontains=query))
    if category_slug:
        products = products.filter(
            Q(category__slug=category_slug) | Q(category__parent__slug=category_slug)
        )
    if deployment:
        products = products.filter(deployment=deployment)
    return products.order_by("name")


def category_tree():
    """Top-level categories with their children and product counts, in two queries."""
    tops = list(ProductCategory.objects.top_level())
    children = ProductCategory.objects.leaves().annotate(product_count=Count("products"))
    by_parent = {}
    for child in children:
        by_parent.setdefault(child.parent_id, []).append(child)
    for top in tops:
        top.subcategories = by_parent.get(top.pk, [])
    return tops


def directory_counts():
    """The home page's vendor and product counts (portal.home)."""
    return {"vendors": Vendor.objects.count(), "products": Product.objects.count()}
