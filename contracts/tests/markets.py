"""A small hand-built market for the figures made from many contracts (price
benchmarks, the market monitor, coalition demand): hospitals with one contract each in
one category."""

from datetime import date
from decimal import Decimal

from contracts.tests.factories import ContractFactory
from portal.choices import Sector
from portal.tests.factories import OrganizationFactory, size
from vendors.tests.factories import LeafCategoryFactory, ProductFactory, VendorFactory

TODAY = date(2026, 11, 22)


class Market:
    def __init__(self):
        self.category = LeafCategoryFactory(slug="pacs-test")
        self.vendors = {"v": VendorFactory(slug="v"), "w": VendorFactory(slug="w")}
        self.products = {
            name: ProductFactory(slug=f"{name}-product", vendor=vendor, category=self.category)
            for name, vendor in self.vendors.items()
        }
        self.organizations = []

    def hospital(
        self,
        amount,
        *,
        beds=300,
        vendor="v",
        sector=Sector.GENERAL_HOSPITAL,
        province="UT",
        start=date(2024, 1, 1),
        end=date(2028, 12, 31),
        fte=1000,
        lines=None,
    ):
        n = len(self.organizations)
        org = OrganizationFactory(slug=f"zh-{n}", sector=sector, province=province)
        for year in (2024, 2025, 2026):
            size(org, year=year, fte=fte, beds=beds, revenue_eur=100_000_000)
        self.contract(org, amount, vendor=vendor, start=start, end=end, lines=lines)
        self.organizations.append(org)
        return org

    def contract(
        self, org, amount, *, vendor="v", start=date(2024, 1, 1), end=date(2028, 12, 31), lines=None
    ):
        contract = ContractFactory(
            organization=org,
            vendor=self.vendors[vendor],
            category=self.category,
            reference=f"C-{org.slug}-{start.isoformat()}",
            start_date=start,
            end_date=end,
            initial_term_months=60,
            lines=lines
            or [{"cost_type": "subscription", "amount": Decimal(amount), "frequency": "yearly"}],
        )
        contract.products.set([self.products[vendor]])
        return contract
