"""The supply side of the market: vendors, their products, the product taxonomy and
the catalogue of interoperability and security standards."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.models import kvk_validator
from portal.translation import localized


class Vendor(models.Model):
    """A company selling ICT to care providers. A vendor may belong to a parent group
    (another vendor record): market shares are counted per group, the ultimate parent
    with every vendor below it (vendors.selectors.vendor_groups)."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kvk_number = models.CharField(
        _("KvK number"), max_length=8, blank=True, validators=[kvk_validator]
    )
    country = models.CharField(
        _("country"), max_length=2, default="NL", help_text=_("ISO 3166 code")
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    parent_group = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="subsidiaries",
        verbose_name=_("parent group"),
    )
    # Vendor representatives act for the vendor through this group.
    group = models.OneToOneField(
        Group, on_delete=models.PROTECT, related_name="vendor", editable=False
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("vendor")
        verbose_name_plural = _("vendors")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.group_id is None:
            self.group = Group.objects.create(name=f"vendor:{self.slug}")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("vendor_detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.parent_group_id and self.parent_group_id == self.pk:
            raise ValidationError({"parent_group": _("A vendor cannot be its own parent group.")})
        if self.parent_group_id and self.pk and self._parent_chain_reaches_self():
            raise ValidationError(
                {"parent_group": _("This vendor is already above that vendor in its group.")}
            )

    def _parent_chain_reaches_self(self):
        """Whether the chain of parent groups above the chosen parent comes back to this
        vendor (market shares are per ultimate parent: a circle has none)."""
        parents = dict(Vendor.objects.values_list("pk", "parent_group_id"))
        vendor, seen = self.parent_group_id, set()
        while vendor is not None and vendor not in seen:
            if vendor == self.pk:
                return True
            seen.add(vendor)
            vendor = parents.get(vendor)
        return False


class VendorRepresentative(models.Model):
    """A user who speaks for one vendor. Representatives never see prices or
    other vendors' data."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="vendor_representative",
        verbose_name=_("user"),
    )
    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="representatives", verbose_name=_("vendor")
    )

    class Meta:
        verbose_name = _("vendor representative")
        verbose_name_plural = _("vendor representatives")

    def __str__(self):
        return f"{self.user} ({self.vendor})"


class ProductCategoryQuerySet(models.QuerySet):
    def top_level(self):
        return self.filter(parent__isnull=True)

    def leaves(self):
        return self.filter(parent__isnull=False)


class ProductCategory(models.Model):
    """A node of the two-level product taxonomy (e.g. "Beeldvorming" > "PACS/VNA").
    Contracts and products use the second level."""

    name = models.CharField(_("name (Dutch)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent category"),
    )
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    objects = ProductCategoryQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("product category")
        verbose_name_plural = _("product categories")

    def __str__(self):
        if self.parent_id:
            return f"{self.parent.display_name} › {self.display_name}"
        return self.display_name

    def clean(self):
        if self.parent_id and self.parent.parent_id:
            raise ValidationError({"parent": _("The taxonomy has two levels only.")})
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A category cannot be its own parent.")})

    @property
    def display_name(self):
        return localized(self.name, self.name_en)


class Product(models.Model):
    """A product line a vendor sells in one category, in one deployment model."""

    class Deployment(models.TextChoices):
        ON_PREMISES = "on_premises", _("On-premises")
        HOSTED = "hosted", _("Hosted")
        SAAS = "saas", _("SaaS")

    vendor = models.ForeignKey(
        Vendor, on_delete=models.PROTECT, related_name="products", verbose_name=_("vendor")
    )
    category = models.ForeignKey(
        ProductCategory,
        on_delete=models.PROTECT,
        related_name="products",
        verbose_name=_("category"),
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    deployment = models.CharField(_("deployment"), max_length=20, choices=Deployment.choices)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    # Openness signals, part of the interoperability score.
    api_docs_url = models.URLField(
        _("public API documentation"), blank=True, help_text=_("Readable without an account.")
    )
    api_access_free = models.BooleanField(_("API access without extra fee"), default=False)
    bulk_export = models.BooleanField(
        _("bulk export of all data"), default=False, help_text=_("E.g. FHIR Bulk Data ($export).")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("product")
        verbose_name_plural = _("products")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("product_detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.category_id and self.category.parent_id is None:
            raise ValidationError({"category": _("Choose a subcategory, not a main category.")})


class Standard(models.Model):
    """An entry in the reference catalogue of real interoperability, terminology and
    security standards (HL7 FHIR, IHE profiles, Nictiz information standards, ...)."""

    class Kind(models.TextChoices):
        EXCHANGE = "exchange", _("Exchange standard")
        PROFILE = "profile", _("Integration profile")
        INFORMATION = "information", _("Information standard")
        TERMINOLOGY = "terminology", _("Terminology")
        ARCHITECTURE = "architecture", _("Clinical data model")
        SECURITY = "security", _("Security and quality norm")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    steward = models.CharField(_("maintained by"), max_length=120)
    version = models.CharField(_("version"), max_length=40, blank=True)
    url = models.URLField(_("reference"), blank=True)
    description = models.TextField(_("description (Dutch)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("standard")
        verbose_name_plural = _("standards")

    def __str__(self):
        return f"{self.name} {self.version}".strip()

    @property
    def display_description(self):
        return localized(self.description, self.description_en)
