"""Writes vendor representatives make for their own vendor. Each is atomic, recorded in
the audit trail under the vendor (its latest event gives "last updated") and, where
evidence changed, rescores the products concerned (vendors.rescoring)."""

from django.db import transaction

from portal import audit
from portal.audit import Action
from portal.permissions import organizations_for
from vendors.capability import ingest
from vendors.customers import running_customers
from vendors.models import (
    CapabilityStatementVersion,
    ClaimReview,
    CodeOfConductSignature,
    VendorReply,
)
from vendors.models.evidence import Certificate, StandardClaim
from vendors.rescoring import rescore_products

VENDOR_FIELDS = ("description", "website")
PRODUCT_FIELDS = ("description", "website", "api_docs_url", "api_access_free", "bulk_export")


def _record(vendor, user, action, obj, label="", **changes):
    audit.record(user, action, obj, vendor=vendor, label=str(label or obj), **changes)


def _apply(instance, fields, values):
    """Set the given values; return the changed fields' old and new values as text."""
    before = {name: str(getattr(instance, name)) for name in fields}
    for name in fields:
        if name in values:
            setattr(instance, name, values[name])
    return audit.changed_fields(before, {name: str(getattr(instance, name)) for name in fields})


@transaction.atomic
def update_vendor(vendor, user, **values):
    before, after = _apply(vendor, VENDOR_FIELDS, values)
    if after:
        vendor.full_clean()
        vendor.save()
        _record(vendor, user, Action.UPDATE, vendor, before=before, after=after)
    return after


@transaction.atomic
def update_product(product, user, **values):
    before, after = _apply(product, PRODUCT_FIELDS, values)
    if after:
        product.full_clean()
        product.save()
        _record(product.vendor, user, Action.UPDATE, product, before=before, after=after)
        rescore_products([product])
    return after


@transaction.atomic
def add_claim(product, user, *, standard, version="", scope=""):
    claim = StandardClaim(
        product=product, standard=standard, version=version, scope=scope, created_by=user
    )
    claim.full_clean()
    claim.save()
    label = f"{product.name}: {standard.name} {version}"
    _record(product.vendor, user, Action.CREATE, claim, label)
    rescore_products([product])
    return claim


@transaction.atomic
def remove_claim(claim, user):
    product = claim.product
    _record(product.vendor, user, Action.DELETE, claim, f"{product.name}: {claim.standard.name}")
    claim.delete()
    rescore_products([product])


@transaction.atomic
def add_capability_statement(product, user, data, *, source_url=""):
    source = (
        CapabilityStatementVersion.Source.URL
        if source_url
        else CapabilityStatementVersion.Source.UPLOAD
    )
    version = ingest(product, data, source=source, source_url=source_url, user=user)
    label = f"{product.name}: FHIR {version.fhir_version}"
    _record(product.vendor, user, Action.CREATE, version, label)
    rescore_products([product])
    return version


@transaction.atomic
def add_certificate(vendor, user, **fields):
    certificate = Certificate(vendor=vendor, uploaded_by=user, **fields)
    certificate.full_clean()
    certificate.save()
    label = f"{certificate.get_kind_display()} {certificate.number}"
    _record(vendor, user, Action.CREATE, certificate, label)
    rescore_products(
        vendor.products.all() if certificate.product is None else [certificate.product]
    )
    return certificate


@transaction.atomic
def publish_reply(vendor, user, text):
    reply = VendorReply(vendor=vendor, author=user, text=text.strip())
    reply.full_clean()
    reply.save()
    _record(vendor, user, Action.CREATE, reply, text[:80])
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
        _record(vendor, user, Action.CREATE, signature, page.title)
    return signature


def customer_organizations(user, product, *, today):
    """The care providers for which ``user`` may review claims on ``product``: the user
    is their procurement specialist or admin and they run a contract for the product."""
    editable = organizations_for(user, "portal.manage_organization_contracts")
    return editable.filter(pk__in=running_customers(product, today=today))


@transaction.atomic
def review_claim(claim, user, organization, *, verdict, comment=""):
    """Confirm or dispute a claim as a customer (one review per organisation; a new one
    replaces it). Shown as "a customer", never with the organisation's name."""
    review, _ = ClaimReview.objects.update_or_create(
        claim=claim,
        organization=organization,
        defaults={"reviewer": user, "verdict": verdict, "comment": comment.strip()},
    )
    rescore_products([claim.product])
    return review
