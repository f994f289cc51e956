"""Search document for AI applications that care providers share for adoption or
co-creation ("scale up together"). Only shared applications are indexed (get_queryset);
unmarking or deleting one removes its document (search.sync). Found only by members of
care providers: ``care_providers`` is true and search.query._visibility lets it through
for them alone (not public, not one organisation's)."""

from django.urls import reverse
from django_elasticsearch_dsl import fields
from django_elasticsearch_dsl.registries import registry

from airegister.models import AIApplication
from portal.models import Organization
from search.documents.base import INDEX_SETTINGS, PortalDocument, category_slugs, index_name
from vendors.models import Product, Vendor


@registry.register_document
class SharedAIApplicationDocument(PortalDocument):
    KIND = "ai_application"
    care_providers = fields.BooleanField()

    class Index:
        name = index_name("ai-applications")
        settings = INDEX_SETTINGS

    class Django:
        model = AIApplication
        related_models = [Organization, Vendor, Product]

    def get_queryset(self):
        return AIApplication.objects.filter(shared=True).select_related(
            "organization", "vendor", "product__category__parent"
        )

    def get_instances_from_related(self, related):
        """The organisation's, vendor's and product's names are in the document."""
        return related.ai_applications.filter(shared=True)

    def prepare_title(self, application):
        return application.name

    def prepare_body(self, application):
        # Only what the owner shares (airegister.sharing_views lists it).
        parts = [
            application.organization.name,
            application.get_purpose_display(),
            application.purpose_description,
            application.department,
            application.get_phase_display(),
            application.get_kind_display(),
            application.get_risk_class_display(),
            application.get_origin_display(),
        ]
        if application.vendor_id:
            parts.append(application.vendor.name)
        if application.product_id:
            parts.append(application.product.name)
        return " ".join(str(part) for part in parts if part)

    def prepare_url(self, application):
        return reverse("ai_shared_detail", kwargs={"pk": application.pk})

    def prepare_public(self, application):
        return False

    def prepare_care_providers(self, application):
        return True

    def prepare_category(self, application):
        return category_slugs(application.product.category if application.product_id else None)

    def prepare_sector(self, application):
        return application.organization.sector or None

    def prepare_province(self, application):
        return application.organization.province or None

    def prepare_date(self, application):
        return application.updated_at.date()
