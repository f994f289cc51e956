from datetime import date
from decimal import Decimal

import factory

from contracts.models import Contract
from contracts.services import create_contract
from portal.tests.factories import OrganizationFactory
from vendors.tests.factories import LeafCategoryFactory, VendorFactory


class ContractFactory(factory.Factory):
    """Builds contracts through the service, so the object permissions are granted."""

    class Meta:
        model = Contract

    organization = factory.SubFactory(OrganizationFactory)
    vendor = factory.SubFactory(VendorFactory)
    category = factory.SubFactory(LeafCategoryFactory)
    reference = factory.Sequence(lambda n: f"REF-{n:05d}")
    start_date = date(2023, 1, 1)
    end_date = date(2027, 12, 31)
    initial_term_months = 60
    notice_period_months = 6
    status = Contract.Status.ACTIVE
    lines = factory.LazyFunction(
        lambda: [
            {"cost_type": "subscription", "amount": Decimal("120000.00"), "frequency": "yearly"},
            {"cost_type": "implementation", "amount": Decimal("50000.00"), "frequency": "once"},
        ]
    )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Recorded when it started (a past start), as contracts with a history are:
        figures count a contract once it started, and was recorded, 90 days before."""
        contract = create_contract(**kwargs)
        Contract.objects.filter(pk=contract.pk).recorded_when_started()
        contract.refresh_from_db(fields=["created_at"])
        return contract
