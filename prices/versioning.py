"""Invalidate cached benchmarks by bumping data versions in the writer's transaction.

Contract writes go through contracts.services, the importer and the demo seeder, which
call ``bump_categories``; organisations and their size figures are also edited in the
CMS, so signals cover them."""

import hashlib

from django.db.models import F
from django.db.models.signals import post_delete, post_save

from prices.models import DataVersion

ORGANISATIONS = "organisations"


def family_scope(main_category_id):
    return f"family:{main_category_id}"


def bump(*scopes):
    for scope in sorted(set(scopes)):
        _, created = DataVersion.objects.get_or_create(scope=scope, defaults={"version": 1})
        if not created:
            DataVersion.objects.filter(scope=scope).update(version=F("version") + 1)


def bump_categories(category_ids):
    """Invalidate the families (main category and its leaves) of these categories."""
    from vendors.models import ProductCategory

    rows = ProductCategory.objects.filter(pk__in=set(category_ids)).values_list("id", "parent_id")
    bump(*(family_scope(parent or pk) for pk, parent in rows))


def bump_everything():
    from vendors.models import ProductCategory

    mains = ProductCategory.objects.filter(parent__isnull=True).values_list("pk", flat=True)
    bump(ORGANISATIONS, *(family_scope(pk) for pk in mains))


def digest_of_all():
    """One short key for the state of all data: any contract or organisation write bumps
    one of the versions (for caches that read across categories)."""
    found = repr(sorted(DataVersion.objects.values_list("scope", "version")))
    return hashlib.sha256(found.encode()).hexdigest()[:16]


def versions(category):
    """The versions a publication of ``category`` depends on."""
    scopes = [family_scope(category.parent_id or category.pk), ORGANISATIONS]
    found = dict(DataVersion.objects.filter(scope__in=scopes).values_list("scope", "version"))
    return tuple(found.get(scope, 0) for scope in scopes)


def _organisations_changed(sender, **kwargs):
    bump(ORGANISATIONS)


def connect():
    from portal.models import Organization, OrganizationSize

    for model in (Organization, OrganizationSize):
        post_save.connect(_organisations_changed, sender=model, dispatch_uid=f"prices-{model}")
        post_delete.connect(_organisations_changed, sender=model, dispatch_uid=f"prices-d{model}")
