"""Demo AI registers of the demo hospitals, following the AI monitor 2025 (M&I/Partners):
66% of hospital AI bought, 21% co-created with other hospitals, 13% self-built, spread
over the innovation funnel and mostly stuck before production. Fictional throughout."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from airegister.models import AIApplication
from airegister.services import create_application
from airegister.sharing import express_interest, set_shared
from portal.models import Organization
from vendors.models import Product

HOSPITALS = 6
# 38 applications, shared round the hospitals: 25 bought (66%), 8 co-created (21%), 5
# self-built (13%).
ORIGINS = ["bought"] * 25 + ["co_created"] * 8 + ["self_built"] * 5
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


@transaction.atomic
def seed_demo_ai_register(seed=11):
    """A few applications per demo hospital; nothing when any exist already."""
    if AIApplication.objects.exists():
        return 0
    rng = random.Random(seed)
    hospitals = list(
        Organization.objects.care_providers().filter(sector="general_hospital").order_by("slug")
    )[:HOSPITALS]
    products = list(
        Product.objects.filter(category__parent__slug="ai").select_related("vendor").order_by("pk")
    )
    today = timezone.localdate()
    origins = list(ORIGINS)
    rng.shuffle(origins)  # each hospital a mix
    created = 0
    for number, origin in enumerate(origins):
        index, turn = number % len(hospitals), number // len(hospitals)
        hospital = hospitals[index]
        # a different idea on each turn, so no hospital registers one twice
        idea = IDEAS[(turn + 3 * index) % len(IDEAS)]
        name, purpose, department, kind, risk, reason, mdr = idea
        product = rng.choice(products) if origin == "bought" and products else None
        partners = []
        if origin == "co_created":
            partners = [rng.choice([h for h in hospitals if h != hospital])]
        create_application(
            organization=hospital,
            name=name,
            purpose=purpose,
            department=department,
            origin=origin,
            vendor=product.vendor if product else None,
            product=product,
            partners=partners,
            phase=rng.choice(PHASES),
            kind=kind,
            risk_class=risk,
            risk_reason=reason,
            mdr_class=mdr,
            ce_marking="yes" if mdr != "none" and origin == "bought" else "unknown",
            owner=f"Eigenaar {department.lower()}",
            # Some reviews are overdue, so the reminder and the list's mark show.
            last_reviewed_on=today - timedelta(days=rng.randint(20, 500)),
        )
        created += 1
    share_and_show_interest(hospitals)
    return created


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
