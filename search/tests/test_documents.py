"""Mappings and prepare(): no cluster needed."""

import pytest

from contracts.tests.factories import ContractFactory
from search.analysis import text_analyzer
from search.documents.base import PortalDocument
from search.documents.contracts import ContractDocument
from search.documents.organizations import OrganizationDocument
from search.documents.vendors import ProductDocument, VendorDocument
from vendors.tests.factories import ProductFactory


def test_every_document_shares_the_facet_fields():
    shared = set(PortalDocument._doc_type.mapping.to_dict()["properties"])
    for document in (ContractDocument, OrganizationDocument, ProductDocument, VendorDocument):
        properties = document._doc_type.mapping.to_dict()["properties"]
        assert shared <= set(properties)
        assert properties["category"]["type"] == "keyword"
        assert properties["title"]["fields"]["prefix"]["analyzer"] == "portal_prefix"


def test_dutch_stemmer_only_where_the_setting_allows(settings):
    settings.SEARCH_DUTCH_STEMMER = False
    assert "dutch_stemmer" not in str(text_analyzer().get_analysis_definition())
    settings.SEARCH_DUTCH_STEMMER = True
    assert "dutch_stemmer" in str(text_analyzer().get_analysis_definition())


@pytest.mark.django_db
def test_contract_document_is_private_to_its_organisation():
    contract = ContractFactory(reference="PRIV-1")
    prepared = ContractDocument().prepare(contract)
    assert prepared["public"] is False
    assert prepared["organization_id"] == contract.organization_id
    assert prepared["kind"] == "contract"
    assert "PRIV-1" in prepared["title"]
    assert prepared["category"] == [contract.category.slug, contract.category.parent.slug]


@pytest.mark.django_db
def test_organisation_document_holds_public_facts_only():
    from portal.tests.factories import OrganizationFactory, size

    organization = OrganizationFactory(name="Ziekenhuis Openbaar")
    size(organization, revenue_eur=123456789)
    prepared = OrganizationDocument().prepare(organization)
    assert prepared["public"] is True
    assert "123456789" not in str(prepared)
    assert prepared["sector"] == "general_hospital"


@pytest.mark.django_db
def test_product_document_carries_category_levels_and_deployment():
    product = ProductFactory(deployment="hosted")
    prepared = ProductDocument().prepare(product)
    assert prepared["deployment"] == ["hosted"]
    assert prepared["category"] == [product.category.slug, product.category.parent.slug]
    assert prepared["url"] == product.get_absolute_url()
