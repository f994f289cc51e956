"""A large coalition for the query-bound test and the benchmark (bench/coalitions_bench.py):
``members`` member organisations, ``requirements`` requirements with votes and
comments, and ``vendors`` vendors that answered every requirement. Built in bulk."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from coalitions import services
from coalitions.models import (
    Coalition,
    CoalitionGroupObjectPermission,
    CoalitionMember,
    Requirement,
    RequirementComment,
    RequirementVote,
    VendorAnswer,
    VendorRequest,
)
from portal.models import Membership, Organization
from portal.services import add_member, create_organization
from vendors.models import ProductCategory, Vendor


def build_large_coalition(
    *, slug="groot", members=200, requirements=500, vendors=20, category=None, organizations=None
):
    """Returns (coalition, a procurement specialist of the coordinating organisation).
    Members are new organisations unless ``organizations`` (existing ones) are given."""
    category = category or ProductCategory.objects.leaves().order_by("pk").first()
    coordinator = create_organization(
        name=f"Coördinator {slug}",
        slug=f"{slug}-coord",
        type=Organization.Type.CARE_PROVIDER,
        sector="general_hospital",
        province="UT",
    )
    user = get_user_model().objects.create_user(username=f"{slug}-user", password="x")
    add_member(organization=coordinator, user=user, role=Membership.Role.PROCUREMENT_SPECIALIST)
    coalition = services.create_coalition(
        coordinator=coordinator,
        user=user,
        categories=[category],
        name=f"Grote coalitie {slug}",
        slug=slug,
        goal="Schaaltest",
        type=Coalition.Type.JOINT_PURCHASING,
        visibility=Coalition.Visibility.PRIVATE,
    )
    organizations = list(organizations or []) or [
        create_organization(
            name=f"Lid {slug} {n:03d}",
            slug=f"{slug}-lid-{n:03d}",
            type=Organization.Type.CARE_PROVIDER,
            sector="general_hospital",
            province="UT",
        )
        for n in range(members - 1)
    ]
    now = timezone.now()
    CoalitionMember.objects.bulk_create(
        CoalitionMember(
            coalition=coalition, organization=org, role="member", status="active", decided_at=now
        )
        for org in organizations
    )
    view = Permission.objects.get(
        content_type=ContentType.objects.get_for_model(Coalition), codename="view_coalition"
    )
    CoalitionGroupObjectPermission.objects.bulk_create(
        CoalitionGroupObjectPermission(
            group_id=org.group_id, permission=view, content_object=coalition
        )
        for org in organizations
    )
    made = Requirement.objects.bulk_create(
        Requirement(
            coalition=coalition,
            number=n + 1,
            text=f"Eis {n + 1}: de leverancier levert alle gegevens terug in een open formaat.",
            priority=("must", "should", "could")[n % 3],
            proposed_by=coordinator,
        )
        for n in range(requirements)
    )
    voters = organizations[:10]
    RequirementVote.objects.bulk_create(
        RequirementVote(requirement=r, organization=org, choice="for")
        for r in made
        for org in voters
    )
    RequirementComment.objects.bulk_create(
        RequirementComment(requirement=r, organization=coordinator, author=user, text="Eens")
        for r in made
    )
    suppliers = [  # one by one: each vendor gets its group on save
        Vendor.objects.create(name=f"Leverancier {slug} {n:02d}", slug=f"{slug}-lev-{n:02d}")
        for n in range(vendors)
    ]
    asked = VendorRequest.objects.bulk_create(
        VendorRequest(coalition=coalition, vendor=v, answered_at=now) for v in suppliers
    )
    VendorAnswer.objects.bulk_create(
        VendorAnswer(request=q, requirement=r, answer=("complies", "partly", "no")[r.number % 3])
        for q in asked
        for r in made
    )
    return coalition, user
