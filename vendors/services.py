"""Writes for vendors, products and the reference catalogues."""

from django.db import transaction

from vendors.models import ProductCategory, Standard, VendorRepresentative
from vendors.reference_data import PRODUCT_TAXONOMY, STANDARDS


@transaction.atomic
def load_product_taxonomy():
    """Create or update the two-level taxonomy; returns the number of categories."""
    count = 0
    for order, (slug, name, name_en, children) in enumerate(PRODUCT_TAXONOMY):
        parent, _ = ProductCategory.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "name_en": name_en, "parent": None, "sort_order": order},
        )
        count += 1
        for child_order, (child_slug, child_name, child_name_en) in enumerate(children):
            ProductCategory.objects.update_or_create(
                slug=child_slug,
                defaults={
                    "name": child_name,
                    "name_en": child_name_en,
                    "parent": parent,
                    "sort_order": child_order,
                },
            )
            count += 1
    return count


@transaction.atomic
def load_standards_catalogue():
    for code, name, kind, steward, version, url, description, description_en in STANDARDS:
        Standard.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "steward": steward,
                "version": version,
                "url": url,
                "description": description,
                "description_en": description_en,
            },
        )
    return len(STANDARDS)


@transaction.atomic
def add_vendor_representative(*, vendor, user):
    representative = VendorRepresentative.objects.create(vendor=vendor, user=user)
    user.groups.add(vendor.group)
    return representative
