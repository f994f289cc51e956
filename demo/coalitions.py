"""Demo coalitions: a public one coordinated by the fictional user association, with
hospitals as members, requirements and a vendor asked to answer; and a private one of
two hospitals. About a third of the care providers are findable as partners."""

import random

from django.db import transaction
from django.db.models import Count

from coalitions import requirements, rfi, services
from coalitions.models import Coalition
from contracts.models import LockInClause
from portal.models import Organization
from vendors.models import ProductCategory, Standard, Vendor

REQUIREMENTS = [
    (
        "must",
        "Exitplan met teruggave van alle gegevens inclusief het datamodel.",
        ["exit-plan", "data-return-open-format"],
    ),
    ("must", "Ondersteuning van de Basisgegevensset Zorg (BgZ) via FHIR.", []),
    ("should", "Open, gedocumenteerde API's zonder meerprijs.", []),
    ("could", "Gezamenlijke gebruikersdag per jaar.", []),
]


@transaction.atomic
def seed_demo_coalitions(seed=7):
    if Coalition.objects.exists():
        return 0
    rng = random.Random(seed)
    providers = list(Organization.objects.care_providers().order_by("pk"))
    for org in rng.sample(providers, len(providers) // 3):
        Organization.objects.filter(pk=org.pk).update(findable_for_coalitions=True)
    association = Organization.objects.get(slug="vereniging-gebruikers-zorgsuite-demo")
    category = ProductCategory.objects.get(slug="epd-ziekenhuis")
    hospitals = list(
        Organization.objects.care_providers().filter(sector="general_hospital").order_by("slug")
    )
    public = services.create_coalition(
        coordinator=association,
        user=None,
        categories=[category],
        name="Samen Sterk EPD (demo)",
        slug="samen-sterk-epd",
        goal="Ziekenhuizen die samen eisen stellen aan hun EPD-leverancier en samen onderhandelen "
        "bij de volgende verlenging.",
        type=Coalition.Type.DEMAND_ARTICULATION,
        visibility=Coalition.Visibility.PUBLIC,
        cost_sharing=Coalition.CostSharing.BEDS,
        participation_criteria="Algemene ziekenhuizen met een EPD-contract.",
    )
    for hospital in hospitals[:8]:
        services.approve_request(services.request_to_join(public, hospital))
    services.advance(public, Coalition.Stage.REQUIREMENTS, user=None)
    clauses = {c.code: c for c in LockInClause.objects.all()}
    bgz = Standard.objects.filter(code__icontains="bgz").first()
    for priority, text, clause_codes in REQUIREMENTS:
        requirements.add_requirement(
            public,
            organization=association,
            text=text,
            priority=priority,
            standards=[bgz] if bgz and "BgZ" in text else [],
            clauses=[clauses[c] for c in clause_codes if c in clauses],
        )
    # The two vendors with most contracts in the category (the demo's leverancier.a/b).
    leading = (
        Vendor.objects.filter(contracts__category=category)
        .annotate(n=Count("contracts"))
        .order_by("-n", "slug")[:2]
    )
    for vendor in leading:
        rfi.invite_vendor(public, vendor, user=None)
    private = services.create_coalition(
        coordinator=hospitals[1],
        user=None,
        categories=[category],
        name="Regio Oost samen (demo)",
        slug="regio-oost-samen",
        goal="Twee ziekenhuizen verkennen een gedeeld EPD.",
        type=Coalition.Type.SHARED_SERVICE,
        visibility=Coalition.Visibility.PRIVATE,
    )
    services.invite(private, hospitals[2])
    return 2
