"""Queue index updates when indexed objects (or what their documents show) change."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from search import sync


def _queue_saved(sender, instance, **kwargs):
    if isinstance(instance, Page):
        return  # pages are indexed when published, not when a draft is saved
    if sync.is_indexed(sender):
        sync.queue(sender, [instance.pk])
    _queue_related(instance)


def _queue_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        sync.queue(Page, [instance.pk])
        return
    if sync.is_indexed(sender):
        sync.queue(sender, [instance.pk])
    _queue_related(instance)


def _queue_related(instance):
    """A vendor's document lists its products' names, categories, deployments,
    claimed standards and score; a product's its claims and score; a coalition's its
    active member organisations."""
    from coalitions.models import Coalition, CoalitionMember
    from vendors.models import InteroperabilityScore, Product, StandardClaim, Vendor

    if isinstance(instance, CoalitionMember):
        sync.queue(Coalition, [instance.coalition_id])  # who may find a private coalition

    if isinstance(instance, Product) and instance.vendor_id:
        sync.queue(Vendor, [instance.vendor_id])
    if isinstance(instance, StandardClaim | InteroperabilityScore) and instance.product_id:
        sync.queue(Product, [instance.product_id])
        vendor_id = (
            Product.objects.filter(pk=instance.product_id)
            .values_list("vendor_id", flat=True)
            .first()
        )
        if vendor_id:
            sync.queue(Vendor, [vendor_id])


def _queue_m2m(sender, instance, action, **kwargs):
    if action.startswith("post_") and sync.is_indexed(type(instance)):
        sync.queue(type(instance), [instance.pk])


def _queue_page(sender, instance, **kwargs):
    sync.queue(Page, [instance.pk])


def connect():
    post_save.connect(_queue_saved, dispatch_uid="search-save")
    post_delete.connect(_queue_deleted, dispatch_uid="search-delete")
    m2m_changed.connect(_queue_m2m, dispatch_uid="search-m2m")
    page_published.connect(_queue_page, dispatch_uid="search-page-published")
    page_unpublished.connect(_queue_page, dispatch_uid="search-page-unpublished")
    post_page_move.connect(_queue_page, dispatch_uid="search-page-moved")
