"""Demo AI registers of demo care providers, following the AI monitor 2025 (M&I/Partners):
66% of hospital AI bought, 21% co-created with other hospitals, 13% self-built, spread
over the innovation funnel and mostly stuck before production. Fictional throughout.

Built so that the AI monitor (airegister.monitor) shows figures: three sectors of at
least five organisations each, every organisation with about the same number of
applications of each origin (no one over 25% of a figure), and sectors large enough
that all sectors minus one sector never leaves five or fewer organisations."""

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from airegister.models import AIApplication
from airegister.services import create_application
from airegister.sharing import express_interest, set_shared
from portal.choices import Sector
from portal.models import Organization
from vendors.models import Product

# Per sector, at most this many care providers keep a demo register.
SECTORS = {Sector.GENERAL_HOSPITAL: 8, Sector.TOP_CLINICAL_HOSPITAL: 6, Sector.MENTAL_HEALTH: 6}
# Per organisation 5 bought, 1 self-built and 1 or 2 co-created (2 for three in five of
# each sector): 66% / 21% / 13% over all of them.
BOUGHT, SELF_BUILT = 5, 1
CO_CREATED_TWICE = 0.6
# The first applications were registered two years ago, the next ones last year.
REGISTERED_YEARS_AGO = [2, 2, 2, 1, 1]
# (name, purpose, department, kind, risk class, reason, MDR class)
IDEAS = [
    (
        "Longnodule-detectie op CT",
        "diagnosis",
        "Radiologie",
        "traditional",
        "high",
        "Medisch hulpmiddel (MDR), AI-verordening art. 6 lid 1",
        "IIa",
    ),
    (
        "Fractuurdetectie op röntgenfoto's",
        "diagnosis",
        "Radiologie",
        "traditional",
        "high",
        "Medisch hulpmiddel (MDR), AI-verordening art. 6 lid 1",
        "IIa",
    ),
    (
        "Sepsis-vroegsignalering",
        "prediction",
        "Intensive care",
        "traditional",
        "high",
        "Medisch hulpmiddel (MDR), AI-verordening art. 6 lid 1",
        "IIb",
    ),
    (
        "Spraak naar verslag in de spreekkamer",
        "documentation",
        "Poliklinieken",
        "generative",
        "limited",
        "Transparantieplicht: patiënt weet dat AI meeluistert",
        "none",
    ),
    (
        "Samenvatting van het dossier bij overdracht",
        "documentation",
        "Verpleegafdelingen",
        "generative",
        "limited",
        "Transparantieplicht voor gegenereerde tekst",
        "none",
    ),
    (
        "No-show-voorspelling poliklinische afspraken",
        "planning",
        "Zorglogistiek",
        "traditional",
        "minimal",
        "",
        "none",
    ),
    (
        "OK-planning op basis van verwachte duur",
        "planning",
        "Operatiekamers",
        "traditional",
        "minimal",
        "",
        "none",
    ),
    (
        "Conceptantwoorden op patiëntberichten",
        "patient_contact",
        "Patiëntenportaal",
        "generative",
        "limited",
        "Transparantieplicht voor gegenereerde tekst",
        "none",
    ),
    (
        "Heropname-risico bij ontslag",
        "prediction",
        "Interne geneeskunde",
        "traditional",
        "high",
        "Medisch hulpmiddel (MDR), AI-verordening art. 6 lid 1",
        "IIa",
    ),
    (
        "Huidlaesie-triage",
        "diagnosis",
        "Dermatologie",
        "traditional",
        "high",
        "Medisch hulpmiddel (MDR), AI-verordening art. 6 lid 1",
        "IIa",
    ),
]
# The funnel: many ideas and pilots, few beyond (the monitor's scaling problem).
PHASES = ["idea", "exploration", "development", "pilot", "pilot", "implementation",
          "production", "proven_valuable"]  # fmt: skip


def _origins(position_in_sector, sector_size):
    co_created = 2 if position_in_sector < round(CO_CREATED_TWICE * sector_size) else 1
    return ["bought"] * BOUGHT + ["co_created"] * co_created + ["self_built"] * SELF_BUILT


def _demo_organisations():
    """(organisation, its position in its sector, the sector's size), sector by sector."""
    found = []
    for sector, most in SECTORS.items():
        members = list(Organization.objects.care_providers().filter(sector=sector).order_by("slug"))
        members = members[:most]
        found += [(org, position, len(members)) for position, org in enumerate(members)]
    return found


@transaction.atomic
def seed_demo_ai_register(seed=11):
    """The demo registers; nothing when any application exists already."""
    if AIApplication.objects.exists():
        return 0
    rng = random.Random(seed)
    organisations = _demo_organisations()
    everyone = [org for org, _position, _size in organisations]
    products = list(
        Product.objects.filter(category__parent__slug="ai").select_related("vendor").order_by("pk")
    )
    today = timezone.localdate()
    created = 0
    for index, (organization, position, size) in enumerate(organisations):
        origins = _origins(position, size)
        rng.shuffle(origins)  # each organisation a mix over its ideas
        for turn, origin in enumerate(origins):
            # a different idea on each turn, so no organisation registers one twice
            idea = IDEAS[(turn + 3 * index) % len(IDEAS)]
            name, purpose, department, kind, risk, reason, mdr = idea
            product = rng.choice(products) if origin == "bought" and products else None
            partners = []
            if origin == "co_created":
                partners = [rng.choice([o for o in everyone if o != organization])]
            application = create_application(
                organization=organization,
                name=name,
                purpose=purpose,
                department=department,
                origin=origin,
                vendor=product.vendor if product else None,
                product=product,
                partners=partners,
                phase=PHASES[(turn + index) % len(PHASES)],
                kind=kind,
                risk_class=risk,
                risk_reason=reason,
                mdr_class=mdr,
                ce_marking="yes" if mdr != "none" and origin == "bought" else "unknown",
                owner=f"Eigenaar {department.lower()}",
                # Some reviews are overdue, so the reminder and the list's mark show.
                last_reviewed_on=today - timedelta(days=rng.randint(20, 500)),
            )
            if turn < len(REGISTERED_YEARS_AGO):
                _registered_in(application, today.year - REGISTERED_YEARS_AGO[turn])
            created += 1
    # the general hospitals come first, by slug: the first is inkoper.a's
    share_and_show_interest(everyone)
    return created


def _registered_in(application, year):
    """Date the registration back (demo only), so the monitor has earlier years."""
    moment = timezone.make_aware(datetime.combine(date(year, 3, 1), time(10)))
    AIApplication.objects.filter(pk=application.pk).update(created_at=moment)


# (owner hospital, its n-th application, [(interested hospital, kind)]): the first demo
# hospital's first application has enough interest for a coalition; the second hospital
# (inkoper.b) finds the others and can express its own interest.
SHARED = [
    (0, 0, [(2, "adopt"), (3, "co_create")]),
    (0, 1, [(4, "adopt")]),
    (1, 0, [(5, "co_create")]),
    (2, 0, [(0, "adopt")]),
    (3, 0, []),
    (4, 1, [(3, "adopt")]),
    (5, 0, []),
]


def share_and_show_interest(hospitals):
    """Mark a handful of applications shared and add some interest, so the shared list,
    the facets and the one-click coalition are not empty in the demo."""
    for owner, nth, interested in SHARED:
        if owner >= len(hospitals):
            continue
        applications = list(hospitals[owner].ai_applications.order_by("pk")[nth : nth + 1])
        if not applications:
            continue
        application = set_shared(application=applications[0], shared=True)
        for other, kind in interested:
            if other < len(hospitals) and other != owner:
                express_interest(
                    application=application,
                    organization=hospitals[other],
                    kind=kind,
                    note="Wij willen dit graag ook inzetten." if kind == "adopt" else "",
                )
