"""Evidence behind interoperability scores.

A product's claim to support a standard counts more the stronger its evidence:
self-declared (the vendor says so) < confirmed by customers (procurement specialists of
organisations with an active contract for the product confirm it) < certified (a
certificate valid on the day). An expired certificate stops counting on its end date."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.storage import private_storage
from vendors.models.catalogue import Product, Standard, Vendor


class EvidenceLevel(models.TextChoices):
    SELF_DECLARED = "self_declared", _("Self-declared")
    CONFIRMED = "confirmed", _("Confirmed by customers")
    CERTIFIED = "certified", _("Certified or qualified")


class StandardClaim(models.Model):
    """A vendor's statement that a product supports a standard (in a version, scope or
    profile)."""

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="claims", verbose_name=_("product")
    )
    standard = models.ForeignKey(
        Standard, on_delete=models.PROTECT, related_name="claims", verbose_name=_("standard")
    )
    version = models.CharField(_("version"), max_length=40, blank=True)
    scope = models.CharField(
        _("scope or profile"),
        max_length=200,
        blank=True,
        help_text=_("For example the information standard or profile supported."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["product", "standard"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "standard", "version", "scope"], name="one_claim_per_scope"
            )
        ]
        verbose_name = _("standard claim")
        verbose_name_plural = _("standard claims")

    def __str__(self):
        return f"{self.product}: {self.standard}"

    def valid_certificates(self, day):
        return Certificate.objects.filter(
            models.Q(product=self.product) | models.Q(product__isnull=True),
            vendor_id=self.product.vendor_id,
            standard=self.standard,
            valid_from__lte=day,
            valid_until__gte=day,
        )

    def evidence_level(self, day):
        if self.valid_certificates(day).exists():
            return EvidenceLevel.CERTIFIED
        verdicts = self.reviews.values_list("verdict", flat=True)
        confirms = sum(v == ClaimReview.Verdict.CONFIRM for v in verdicts)
        if confirms and confirms > len(verdicts) - confirms:
            return EvidenceLevel.CONFIRMED
        return EvidenceLevel.SELF_DECLARED


class ClaimReview(models.Model):
    """A customer's confirmation or dispute of a claim. Shown as "a customer": the
    organisation is recorded (one review per organisation) but never shown."""

    class Verdict(models.TextChoices):
        CONFIRM = "confirm", _("Confirms")
        DISPUTE = "dispute", _("Disputes")

    claim = models.ForeignKey(
        StandardClaim, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("claim")
    )
    organization = models.ForeignKey(
        "portal.Organization", on_delete=models.CASCADE, related_name="+"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    verdict = models.CharField(_("verdict"), max_length=10, choices=Verdict.choices)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "organization"], name="one_review_per_org")
        ]
        verbose_name = _("claim review")
        verbose_name_plural = _("claim reviews")

    def __str__(self):
        return f"{self.get_verdict_display()}: {self.claim}"


class Certificate(models.Model):
    """A certificate, qualification or test result, valid for a period."""

    class Kind(models.TextChoices):
        NICTIZ_QUALIFICATION = "nictiz_qualification", _("Nictiz qualification")
        MEDMIJ_LABEL = "medmij_label", _("MedMij label")
        IHE_CONNECTATHON = "ihe_connectathon", _("IHE Connectathon result")
        NEN_7510 = "nen_7510", _("NEN 7510 certificate")
        ISO_27001 = "iso_27001", _("ISO 27001 certificate")

    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="certificates", verbose_name=_("vendor")
    )
    product = models.ForeignKey(
        Product,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="certificates",
        verbose_name=_("product"),
        help_text=_("Empty when the certificate covers the whole vendor (e.g. ISO 27001)."),
    )
    standard = models.ForeignKey(
        Standard, on_delete=models.PROTECT, related_name="certificates", verbose_name=_("standard")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    issuer = models.CharField(_("issuer"), max_length=200)
    number = models.CharField(_("certificate number"), max_length=100)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    document = models.FileField(
        _("document"), storage=private_storage, upload_to="certificates/", blank=True
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-valid_until"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__gte=models.F("valid_from")),
                name="certificate_period_valid",
            )
        ]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"

    def clean(self):
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The end date must not be before the start.")})
        if self.product_id and self.vendor_id and self.product.vendor_id != self.vendor_id:
            raise ValidationError({"product": _("This product belongs to another vendor.")})

    def is_valid_on(self, day):
        return self.valid_from <= day <= self.valid_until


class CapabilityStatementVersion(models.Model):
    """One uploaded or fetched FHIR CapabilityStatement of a product; every version is
    kept. ``coverage`` holds the comparison with each shipped requirement set."""

    class Source(models.TextChoices):
        UPLOAD = "upload", _("Uploaded file")
        URL = "url", _("Fetched from the server")

    product = models.ForeignKey(
        Product,
        on_delete=models.CASCADE,
        related_name="capability_statements",
        verbose_name=_("product"),
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    source_url = models.URLField(_("URL"), blank=True, max_length=500)
    fhir_version = models.CharField(_("FHIR version"), max_length=20)
    software = models.CharField(_("software"), max_length=200, blank=True)
    document = models.JSONField(_("CapabilityStatement"))
    sha256 = models.CharField(max_length=64)
    coverage = models.JSONField(_("coverage"), default=dict)
    # vendors.capability.coverage_basis() when coverage was computed; "" before it was kept.
    coverage_basis = models.CharField(max_length=16, blank=True, default="", editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["product", "-created_at"]
        get_latest_by = "created_at"
        verbose_name = _("CapabilityStatement version")
        verbose_name_plural = _("CapabilityStatement versions")

    def __str__(self):
        return f"{self.product} FHIR {self.fhir_version} ({self.created_at:%Y-%m-%d})"
