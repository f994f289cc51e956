"""Demo AI registers of the demo hospitals, following the AI monitor 2025 (M&I/Partners):
66% of hospital AI bought, 21% co-created with other hospitals, 13% self-built, spread
over the innovation funnel and mostly stuck before production. Fictional throughout."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from airegister.models import AIApplication
from airegister.services import create_application
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
            shared=rng.random() < 0.25,
        )
        created += 1
    return created
