import pytest

from coalitions import services
from coalitions.models import Coalition
from portal.models import Membership
from portal.tests.factories import OrganizationFactory, member
from search.tests.conftest import search_index  # noqa: F401 - the real engine's indices
from vendors.tests.factories import LeafCategoryFactory


@pytest.fixture
def coalition(db):
    """A public coalition in stage "forming", coordinated by "coord" (user coord-user)."""
    coordinator = OrganizationFactory(slug="coord", name="Coördinerend Ziekenhuis")
    user = member(
        coordinator,
        Membership.Role.PROCUREMENT_SPECIALIST,
        username="coord-user",
        email="coord@example.invalid",
    )
    return services.create_coalition(
        coordinator=coordinator,
        user=user,
        categories=[LeafCategoryFactory()],
        name="Samen EPD",
        slug="samen-epd",
        goal="Samen een nieuw EPD inkopen",
        type=Coalition.Type.JOINT_PURCHASING,
        visibility=Coalition.Visibility.PUBLIC,
    )


def join(coalition, organization, role="member"):
    """Make ``organization`` an active member (invited and accepted)."""
    return services.accept_invitation(services.invite(coalition, organization, role=role))
