"""Writes vendor representatives make for their own vendor. Each is atomic, logged as
a VendorChange ("last updated") and, where evidence changed, rescores the product."""

from django.db import transaction
from django.utils import timezone

from vendors.capability import ingest
from vendors.customers import running_customers
from vendors.models import (
    CapabilityStatementVersion,
    CodeOfConductSignature,
    VendorChange,
    VendorReply,
)
from vendors.models.evidence import Certificate, StandardClaim
from vendors.scoring import score_product

VENDOR_FIELDS = ("description", "website")
PRODUCT_FIELDS = ("description", "website", "api_docs_url", "api_access_free", "bulk_export")


def _log(vendor, user, action, subject="", changes=None):
    VendorChange.objects.create(
        vendor=vendor, user=user, action=action, subject=str(subject)[:200], changes=changes or {}
    )


def _changed(instance, fields, values):
    changes = {}
    for name in fields:
        if name in values and getattr(instance, name) != values[name]:
            changes[name] = [str(getattr(instance, name)), str(values[name])]
            setattr(instance, name, values[name])
    return changes


@transaction.atomic
def update_vendor(vendor, user, **values):
    changes = _changed(vendor, VENDOR_FIELDS, values)
    if changes:
        vendor.full_clean()
        vendor.save()
        _log(vendor, user, "profile", vendor.name, changes)
    return changes


@transaction.atomic
def update_product(product, user, **values):
    changes = _changed(product, PRODUCT_FIELDS, values)
    if changes:
        product.full_clean()
        product.save()
        _log(product.vendor, user, "product", product.name, changes)
        score_product(product, day=timezone.localdate())
    return changes


@transaction.atomic
def add_claim(product, user, *, standard, version="", scope=""):
    claim = StandardClaim(
        product=product, standard=standard, version=version, scope=scope, created_by=user
    )
    claim.full_clean()
    claim.save()
    _log(product.vendor, user, "claim added", f"{product.name}: {standard.name} {version}")
    score_product(product, day=timezone.localdate())
    return claim


@transaction.atomic
def remove_claim(claim, user):
    product = claim.product
    _log(product.vendor, user, "claim removed", f"{product.name}: {claim.standard.name}")
    claim.delete()
    score_product(product, day=timezone.localdate())


@transaction.atomic
def add_capability_statement(product, user, data, *, source_url=""):
    source = (
        CapabilityStatementVersion.Source.URL
        if source_url
        else CapabilityStatementVersion.Source.UPLOAD
    )
    version = ingest(product, data, source=source, source_url=source_url, user=user)
    _log(
        product.vendor, user, "capability statement", f"{product.name}: FHIR {version.fhir_version}"
    )
    score_product(product, day=timezone.localdate())
    return version


@transaction.atomic
def add_certificate(vendor, user, **fields):
    certificate = Certificate(vendor=vendor, uploaded_by=user, **fields)
    certificate.full_clean()
    certificate.save()
    _log(vendor, user, "certificate", f"{certificate.get_kind_display()} {certificate.number}")
    for product in vendor.products.all() if certificate.product is None else [certificate.product]:
        score_product(product, day=timezone.localdate())
    return certificate


@transaction.atomic
def publish_reply(vendor, user, text):
    reply = VendorReply(vendor=vendor, author=user, text=text.strip())
    reply.full_clean()
    reply.save()
    _log(vendor, user, "reply", text[:80])
    return reply


@transaction.atomic
def sign_code_of_conduct(vendor, user, page):
    revision = page.latest_revision
    signature, created = CodeOfConductSignature.objects.get_or_create(
        vendor=vendor,
        page=page,
        defaults={
            "signed_by": user,
            "signer_name": user.get_full_name() or user.get_username(),
            "revision_id": revision.pk if revision else None,
        },
    )
    if created:
        _log(vendor, user, "code of conduct signed", page.title)
    return signature


def customer_organizations(user, product, *, today):
    """The care providers for which ``user`` may review claims on ``product``: the user
    is their procurement specialist or admin and they run a contract for the product."""
    from portal.permissions import organizations_for

    editable = organizations_for(user, "portal.manage_organization_contracts")
    return editable.filter(pk__in=running_customers(product, today=today))


@transaction.atomic
def review_claim(claim, user, organization, *, verdict, comment=""):
    """Confirm or dispute a claim as a customer (one review per organisation; a new one
    replaces it). Shown as "a customer", never with the organisation's name."""
    from vendors.models import ClaimReview

    review, _ = ClaimReview.objects.update_or_create(
        claim=claim,
        organization=organization,
        defaults={"reviewer": user, "verdict": verdict, "comment": comment.strip()},
    )
    score_product(claim.product, day=timezone.localdate())
    return review
