import pytest

from portal.models import Membership
from portal.tests.factories import OrganizationFactory, member
from vendors.models import ProductCategory
from vendors.tests.factories import ProductFactory, VendorFactory


@pytest.fixture
def catalogue(reference_data):
    """A vendor with an accented name and two products in the hospital-EHR category."""
    ehr = ProductCategory.objects.get(slug="epd-ziekenhuis")
    pacs = ProductCategory.objects.get(slug="pacs-vna")
    vendor = VendorFactory(name="Zorgsoft Één B.V.", slug="zorgsoft-een")
    other = VendorFactory(name="Beeldwerk B.V.", slug="beeldwerk")
    return {
        "vendor": vendor,
        "other_vendor": other,
        "ehr": ehr,
        "pacs": pacs,
        "product": ProductFactory(
            vendor=vendor, category=ehr, name="Zorgsoft Patiëntendossier", slug="zorgsoft-epd"
        ),
        "pacs_product": ProductFactory(
            vendor=other, category=pacs, name="Beeldwerk PACS", slug="beeldwerk-pacs"
        ),
    }


@pytest.fixture
def hospital(db):
    return OrganizationFactory(name="Ziekenhuis Import", slug="zh-import")


@pytest.fixture
def buyer(hospital):
    return member(hospital, Membership.Role.PROCUREMENT_SPECIALIST, username="inkoper")
