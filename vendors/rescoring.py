"""The one way published interoperability scores are written: whenever evidence changes
(a CapabilityStatement, a claim added or removed, a customer's review, a certificate, a
product's openness signals, a new scoring method made live, a certificate's start or end
date passing), the affected products are rescored here with the live method, so the
stored score always equals vendors.scoring.interoperability on the current evidence.

Statements whose coverage was computed against older requirement sets or FHIR name
mappings (vendors.capability.coverage_basis) are compared again first."""

from django.db import transaction
from django.utils import timezone

from portal.signals import bulk_changed
from vendors.capability import all_coverage, coverage_basis
from vendors.models import (
    CapabilityStatementVersion,
    InteroperabilityScore,
    Product,
    ScoringMethod,
    Vendor,
)
from vendors.scoring import interoperability

BATCH_SIZE = 500


def refresh_statement_coverage(statements):
    """Compare again those of ``statements`` whose coverage was computed under another
    basis; returns the ids of the products concerned."""
    basis = coverage_basis()
    stale = statements.exclude(coverage_basis=basis).only("pk", "product_id", "document")
    products = set()
    for statement in stale.iterator(chunk_size=100):
        CapabilityStatementVersion.objects.filter(pk=statement.pk).update(
            coverage=all_coverage(statement.document), coverage_basis=basis
        )
        products.add(statement.product_id)
    return products


@transaction.atomic
def rescore_products(products, *, day=None):
    """Score ``products`` with the live method on ``day`` (today) and store the scores in
    one transaction; returns how many published scores changed. Search hears of the
    changed ones in one bulk update."""
    products = list(products)
    if not products:
        return 0
    method = ScoringMethod.objects.live()
    day = day or timezone.localdate()
    ids = [p.pk for p in products]
    refresh_statement_coverage(CapabilityStatementVersion.objects.filter(product__in=ids))
    published = dict(
        InteroperabilityScore.objects.filter(method=method, product__in=ids).values_list(
            "product_id", "score"
        )
    )
    rows, changed = [], []
    for product in products:
        score, breakdown = interoperability(product, method, day)
        rows.append(
            InteroperabilityScore(product=product, method=method, score=score, breakdown=breakdown)
        )
        if published.get(product.pk) != score:
            changed.append(product)
    InteroperabilityScore.objects.bulk_create(
        rows,
        batch_size=BATCH_SIZE,
        update_conflicts=True,
        unique_fields=["product", "method"],
        update_fields=["score", "breakdown", "computed_at"],
    )
    if changed:  # bulk writes send no post_save
        bulk_changed.send(Product, ids=[p.pk for p in changed])
        bulk_changed.send(Vendor, ids=sorted({p.vendor_id for p in changed}))
    return len(changed)


def rescore_all(*, day=None):
    """Every product (the nightly run, and a new method made live): also catches a
    certificate whose start or end date passed, which changes evidence without a write.
    (rescore_products compares again the products' statements of an older basis.)"""
    return rescore_products(Product.objects.order_by("pk"), day=day)


@transaction.atomic
def publish_scoring_method(method):
    """Save a new scoring method version (it becomes the live one) and rescore every
    product with it, in one transaction."""
    method.full_clean()
    method.save()
    rescore_all()
    return method
