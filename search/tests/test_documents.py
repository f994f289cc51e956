"""Mappings and prepare(): no cluster needed."""

import pytest

from contracts.tests.factories import ContractFactory
from search.analysis import text_analyzer
from search.documents.airegister import SharedAIApplicationDocument
from search.documents.base import PortalDocument
from search.documents.contracts import ContractDocument
from search.documents.organizations import OrganizationDocument
from search.documents.vendors import ProductDocument, VendorDocument
from vendors.tests.factories import ProductFactory


def test_every_document_shares_the_facet_fields():
    shared = set(PortalDocument._doc_type.mapping.to_dict()["properties"])
    for document in (
        ContractDocument,
        OrganizationDocument,
        ProductDocument,
        VendorDocument,
        SharedAIApplicationDocument,
    ):
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


@pytest.mark.django_db
def test_reference_data_is_indexed_in_both_languages(reference_data):
    """Either language's name finds a category or a standard; neither field mixes them."""
    from search.documents.vendors import CategoryDocument, StandardDocument
    from vendors.models import ProductCategory, Standard

    category = CategoryDocument().prepare(ProductCategory.objects.get(slug="epd-ziekenhuis"))
    assert (category["title"], category["title_en"]) == ("Ziekenhuis-EPD/ZIS", "Hospital EHR/HIS")
    assert "Hospital" not in category["body"]
    standard = StandardDocument().prepare(Standard.objects.get(code="nictiz-eoverdracht"))
    assert "verpleegkundige overdracht" in standard["body"]
    assert "nursing transfer" in standard["body_en"]
    assert "nursing" not in standard["body"] and "verpleegkundige" not in standard["body_en"]


@pytest.mark.django_db
def test_product_document_names_its_category_in_each_language(reference_data):
    from vendors.models import ProductCategory

    product = ProductFactory(category=ProductCategory.objects.get(slug="epd-ggz"))
    prepared = ProductDocument().prepare(product)
    assert "GGZ-EPD" in prepared["body"] and "Mental health EHR" not in prepared["body"]
    assert "Mental health EHR" in prepared["body_en"]
