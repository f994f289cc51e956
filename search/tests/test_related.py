"""Index updates along the documents' related models, against the real engine: a
change to an object re-indexes every document that shows it (the documents'
``related_models`` and ``get_instances_from_related``), after commit, and a delete
takes it out of them."""

import pytest
from elasticsearch import NotFoundError

from coalitions import services as coalition_services
from coalitions.models import Coalition, CoalitionMember
from contracts.tests.factories import ContractFactory
from portal.tests.factories import OrganizationFactory
from search.client import get_client
from search.documents.coalitions import CoalitionDocument
from search.documents.contracts import ContractDocument
from search.documents.vendors import CategoryDocument, ProductDocument, VendorDocument
from vendors.models import InteroperabilityScore, Product, StandardClaim
from vendors.selfservice import add_claim
from vendors.tests.factories import (
    CategoryFactory,
    LeafCategoryFactory,
    ProductFactory,
    StandardFactory,
    VendorFactory,
)

pytestmark = [pytest.mark.search_engine, pytest.mark.django_db]


def stored(document, obj):
    """What the engine holds for ``obj`` in ``document``'s index (None: nothing)."""
    try:
        return get_client().get(index=document._index._name, id=str(obj.pk))["_source"]
    except NotFoundError:
        return None


@pytest.fixture
def world(reference_data, search_index, django_capture_on_commit_callbacks):
    """A vendor with two products in one subcategory, a contract for one of them and a
    coalition on that subcategory, all indexed."""
    parent = CategoryFactory(name="Beeldvorming", slug="beeldvorming")
    leaf = LeafCategoryFactory(name="Beeldarchief", slug="beeldarchief", parent=parent)
    with django_capture_on_commit_callbacks(execute=True):
        vendor = VendorFactory(name="Zorgsoft B.V.", slug="zorgsoft")
        archive = ProductFactory(vendor=vendor, category=leaf, name="Zorgsoft Archief")
        viewer = ProductFactory(vendor=vendor, category=leaf, name="Zorgsoft Kijker")
        hospital = OrganizationFactory(name="Ziekenhuis Alfa", slug="alfa", province="UT")
        contract = ContractFactory(
            organization=hospital, vendor=vendor, category=leaf, reference="ALFA-PACS"
        )
        contract.products.set([archive])
        coalition = coalition_services.create_coalition(
            coordinator=hospital,
            user=None,
            categories=[leaf],
            name="Coalitie beeld",
            slug="beeld",
            goal="Samen inkopen",
            type=Coalition.Type.JOINT_PURCHASING,
            visibility=Coalition.Visibility.PRIVATE,
        )
    return {
        "parent": parent,
        "leaf": leaf,
        "vendor": vendor,
        "archive": archive,
        "viewer": viewer,
        "hospital": hospital,
        "contract": contract,
        "coalition": coalition,
    }


def test_renaming_a_vendor_reindexes_its_products_and_contracts(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        vendor = world["vendor"]
        vendor.name = "Beeldwerk B.V."
        vendor.save()
    assert stored(VendorDocument, world["vendor"])["title"] == "Beeldwerk B.V."
    for product in (world["archive"], world["viewer"]):
        assert stored(ProductDocument, product)["body"].startswith("Beeldwerk B.V. ")
    assert stored(ContractDocument, world["contract"])["title"] == "ALFA-PACS · Beeldwerk B.V."


def test_product_changes_reach_its_vendor_and_contracts_and_a_delete_leaves_them(
    world, django_capture_on_commit_callbacks
):
    archive, contract = world["archive"], world["contract"]
    with django_capture_on_commit_callbacks(execute=True):
        archive.name, archive.deployment = "Zorgsoft Beeldbank", "saas"
        archive.save()
    assert "Zorgsoft Beeldbank" in stored(VendorDocument, world["vendor"])["body"]
    assert "saas" in stored(VendorDocument, world["vendor"])["deployment"]
    assert "Zorgsoft Beeldbank" in stored(ContractDocument, contract)["body"]
    assert stored(ContractDocument, contract)["deployment"] == ["saas"]

    with django_capture_on_commit_callbacks(execute=True):
        archive.contracts.remove(contract)  # from the product's side of the relation
    assert "Beeldbank" not in stored(ContractDocument, contract)["body"]

    with django_capture_on_commit_callbacks(execute=True):
        contract.products.add(archive)
    assert "Beeldbank" in stored(ContractDocument, contract)["body"]
    with django_capture_on_commit_callbacks(execute=True):
        Product.objects.get(pk=archive.pk).delete()
    assert stored(ProductDocument, archive) is None
    assert "Beeldbank" not in stored(VendorDocument, world["vendor"])["body"]
    assert "Beeldbank" not in stored(ContractDocument, contract)["body"]
    assert stored(ContractDocument, contract)["deployment"] == []


def test_a_claim_reaches_its_product_and_vendor_and_its_removal_too(
    world, django_capture_on_commit_callbacks
):
    standard = StandardFactory(code="test-dicom")
    with django_capture_on_commit_callbacks(execute=True):
        claim = StandardClaim.objects.create(product=world["archive"], standard=standard)
    assert stored(ProductDocument, world["archive"])["standards"] == ["test-dicom"]
    assert stored(VendorDocument, world["vendor"])["standards"] == ["test-dicom"]

    with django_capture_on_commit_callbacks(execute=True):
        claim.delete()
    assert stored(ProductDocument, world["archive"])["standards"] == []
    assert stored(VendorDocument, world["vendor"])["standards"] == []


def test_renaming_a_standards_code_reaches_products_and_vendors(
    world, django_capture_on_commit_callbacks
):
    standard = StandardFactory(code="test-dicom")
    with django_capture_on_commit_callbacks(execute=True):
        StandardClaim.objects.create(product=world["archive"], standard=standard)
        standard.code = "test-dicom-3"
        standard.save()
    assert stored(ProductDocument, world["archive"])["standards"] == ["test-dicom-3"]
    assert stored(VendorDocument, world["vendor"])["standards"] == ["test-dicom-3"]


def test_a_score_reaches_its_product_and_vendor_and_its_deletion_too(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        add_claim(world["archive"], None, standard=StandardFactory())  # scores the product
    assert stored(ProductDocument, world["archive"])["score_band"] == "0-25"
    assert stored(VendorDocument, world["vendor"])["score_band"] == "0-25"

    with django_capture_on_commit_callbacks(execute=True):
        InteroperabilityScore.objects.filter(product=world["archive"]).delete()
    assert stored(ProductDocument, world["archive"])["score_band"] is None
    assert stored(VendorDocument, world["vendor"])["score_band"] is None


def test_changing_a_main_category_reaches_everything_filed_under_its_subcategories(
    world, django_capture_on_commit_callbacks
):
    parent = world["parent"]
    with django_capture_on_commit_callbacks(execute=True):
        parent.slug, parent.name = "radiologie", "Radiologie"
        parent.save()
    expected = ["beeldarchief", "radiologie"]
    assert sorted(stored(CategoryDocument, world["leaf"])["category"]) == expected
    assert sorted(stored(ProductDocument, world["archive"])["category"]) == expected
    assert stored(VendorDocument, world["vendor"])["category"] == expected
    assert sorted(stored(ContractDocument, world["contract"])["category"]) == expected
    assert stored(CoalitionDocument, world["coalition"])["category"] == expected
    assert "Radiologie › Beeldarchief" in stored(ProductDocument, world["archive"])["body"]
    assert "Radiologie › Beeldarchief" in stored(ContractDocument, world["contract"])["body"]
    assert "Radiologie › Beeldarchief" in stored(CoalitionDocument, world["coalition"])["body"]


def test_a_category_taken_off_a_coalition_from_its_side_leaves_the_document(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        world["leaf"].coalitions.remove(world["coalition"])
    assert stored(CoalitionDocument, world["coalition"])["category"] == []


def test_an_organisations_change_reaches_its_contracts(world, django_capture_on_commit_callbacks):
    hospital = world["hospital"]
    with django_capture_on_commit_callbacks(execute=True):
        hospital.name, hospital.province = "Ziekenhuis Gamma", "GE"
        hospital.save()
    document = stored(ContractDocument, world["contract"])
    assert (document["province"], document["body"].split(" ")[:3]) == (
        "GE",
        ["Ziekenhuis", "Gamma", "Beeldvorming"],
    )


def test_a_membership_decides_who_finds_a_private_coalition(
    world, django_capture_on_commit_callbacks
):
    coalition, hospital = world["coalition"], world["hospital"]
    joiner = OrganizationFactory(slug="beta")
    with django_capture_on_commit_callbacks(execute=True):
        coalition_services.accept_invitation(coalition_services.invite(coalition, joiner))
    assert stored(CoalitionDocument, coalition)["organization_id"] == [hospital.pk, joiner.pk]

    with django_capture_on_commit_callbacks(execute=True):
        CoalitionMember.objects.get(coalition=coalition, organization=joiner).delete()
    assert stored(CoalitionDocument, coalition)["organization_id"] == [hospital.pk]
