from datetime import UTC, datetime

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


# Coalition figures count the members of a release's day; tests back-date the joins so
# that a release on prices.tests.conftest.TODAY sees them.
JOINED = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)


def joined_long_ago(memberships=None, when=JOINED, *, status="active"):
    """Date the decisions of the active memberships (of ``memberships``: a coalition or
    a queryset of memberships; default all) ``when``, their rows long before."""
    from coalitions.models import Coalition, CoalitionMember

    if memberships is None or isinstance(memberships, Coalition):
        found = CoalitionMember.objects.all()
        if memberships is not None:
            found = found.filter(coalition=memberships)
    else:
        found = memberships
    found.filter(status=status).update(decided_at=when, created_at=min(when, JOINED))


def release(as_of=None, topics=("prices", "coalitions")):
    """Publish a release of the coalition figures and the price benchmarks they use."""
    from disclosure.releases import publish
    from prices.tests.conftest import TODAY

    return publish(as_of=as_of or TODAY, topics=list(topics))


@pytest.fixture
def exact_figures(settings):
    """Noise off: totals are exact sums (three significant figures), quantiles the
    Harrell-Davis estimates. For tests of everything but the noise."""
    settings.DISCLOSURE_QUANTILE_NOISE = 0
    settings.DISCLOSURE_SUM_NOISE = 0
