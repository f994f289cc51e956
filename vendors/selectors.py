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


def ultimate_parents(parents):
    """{vendor id: its ultimate parent's id} from {vendor id: parent id or None}: the
    parent chain followed to its top. A chain that runs into a cycle (the catalogue
    only refuses a vendor as its own parent) ends at the cycle's lowest id, the same
    for every vendor in or below it, so a group is never split nor the walk endless."""
    found = {}
    for start in parents:
        chain, seen = [], set()
        vendor = start
        while vendor not in found:
            parent = parents.get(vendor)
            if parent is None or parent not in parents:  # the top (or a dangling link)
                found[vendor] = vendor
                break
            if vendor in seen:  # back on the chain: a cycle
                cycle = chain[chain.index(vendor) :]
                top = min(cycle)
                found.update(dict.fromkeys(cycle, top))
                break
            seen.add(vendor)
            chain.append(vendor)
            vendor = parent
        top = found[vendor]
        found.update(dict.fromkeys(chain, top))
    return found


def vendor_groups():
    """{vendor id: id of its vendor group} for every vendor, in one query: the group is
    the ultimate parent (``parent_group`` followed up the chain); a vendor without a
    parent is its own group. Market shares are per group (market.compute)."""
    return ultimate_parents(dict(Vendor.objects.values_list("pk", "parent_group_id")))
