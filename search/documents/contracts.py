"""Search document for contracts: found only by members of the owning organisation (the
query filters on organization_id; see search.query)."""

from django.db.models import Q
from django_elasticsearch_dsl.registries import registry

from contracts.models import Contract
from portal.models import Organization
from search.documents.base import INDEX_SETTINGS, PortalDocument, category_slugs, index_name
from vendors.models import Product, ProductCategory, Vendor


@registry.register_document
class ContractDocument(PortalDocument):
    KIND = "contract"

    class Index:
        name = index_name("contracts")
        settings = INDEX_SETTINGS

    class Django:
        model = Contract
        queryset_pagination = 2000
        related_models = [Organization, Vendor, ProductCategory, Product]

    def get_queryset(self):
        return Contract.objects.select_related(
            "organization", "vendor", "category__parent"
        ).prefetch_related("products")

    def get_instances_from_related(self, related):
        """The contracts whose document shows ``related``: the organisation's name,
        sector and province, the vendor's name, the category (both levels) and the
        products' names and deployments."""
        if isinstance(related, ProductCategory):
            return Contract.objects.filter(Q(category=related) | Q(category__parent=related))
        return related.contracts.all()

    def prepare_title(self, contract):
        return f"{contract.reference} · {contract.vendor.name}"

    def prepare_body(self, contract):
        return " ".join(
            [
                contract.organization.name,
                str(contract.category),
                *(p.name for p in contract.products.all()),
            ]
        )

    def prepare_public(self, contract):
        return False

    def prepare_organization_id(self, contract):
        return contract.organization_id

    def prepare_category(self, contract):
        return category_slugs(contract.category)

    def prepare_deployment(self, contract):
        return sorted({p.deployment for p in contract.products.all()})

    def prepare_sector(self, contract):
        return contract.organization.sector or None

    def prepare_province(self, contract):
        return contract.organization.province or None

    def prepare_date(self, contract):
        return contract.start_date
