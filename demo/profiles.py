"""Calibration of the fictional demo market.

Hospital figures follow the IZT benchmark 2025 (shared/seeds/000_...): ICT costs are
about 5.8% of revenue, EHR/HIS is the largest item, then image management (PACS),
communication, system software and office. One vendor serves about 66% of hospital
EHRs (KPMG for ACM, 2023). Figures for the other sectors are demo assumptions, not
sourced, and say so here.
"""

from dataclasses import dataclass

from portal.choices import Sector

HOSPITALS = frozenset(Sector.hospitals())
CARE_NO_GP = HOSPITALS | {Sector.MENTAL_HEALTH, Sector.ELDERLY_CARE, Sector.DISABILITY_CARE}
ALL_CARE = CARE_NO_GP | {Sector.PRIMARY_CARE}
LONG_TERM_CARE = frozenset({Sector.ELDERLY_CARE, Sector.DISABILITY_CARE})


@dataclass(frozen=True)
class SectorProfile:
    count_national: int
    count_small: int
    revenue_eur: float  # median yearly revenue in the base year (2021)
    ict_share: float  # yearly ICT contract spend / revenue
    slots: int  # parallel contract "chains" an organisation keeps
    eur_per_fte: float
    eur_per_bed: float | None
    name_prefixes: tuple


SECTORS = {
    Sector.ACADEMIC_HOSPITAL: SectorProfile(
        7, 3, 1.1e9, 0.058, 90, 95_000, 1_000_000, ("Academisch Centrum", "Universitair Ziekenhuis")
    ),
    Sector.TOP_CLINICAL_HOSPITAL: SectorProfile(
        27, 5, 4.5e8, 0.058, 70, 92_000, 900_000, ("Ziekenhuis", "Medisch Centrum")
    ),
    # Small scale: enough general hospitals (the demo users') that most categories pass
    # the dominance rule (no organisation over 25% of a figure) and show published figures.
    Sector.GENERAL_HOSPITAL: SectorProfile(
        46,
        14,
        2.5e8,
        0.058,
        55,
        90_000,
        850_000,
        ("Ziekenhuis", "Streekziekenhuis", "Ziekenhuisgroep"),
    ),
    # Assumption: mental health spends a little less on ICT than hospitals.
    Sector.MENTAL_HEALTH: SectorProfile(
        150, 8, 8.0e7, 0.045, 20, 85_000, 300_000, ("GGZ", "Psychiatrisch Centrum")
    ),
    # Assumption: long-term care spends about 3.5% of revenue on ICT.
    Sector.ELDERLY_CARE: SectorProfile(
        400, 8, 6.0e7, 0.035, 14, 60_000, 75_000, ("Zorggroep", "Woonzorg", "Thuiszorg")
    ),
    Sector.DISABILITY_CARE: SectorProfile(
        150, 6, 9.0e7, 0.035, 14, 62_000, 90_000, ("Stichting", "Zorgstichting")
    ),
    # Assumption: GP organisations spend about 4% of revenue on ICT, mostly the HIS.
    Sector.PRIMARY_CARE: SectorProfile(
        1000,
        10,
        1.6e6,
        0.04,
        7,
        70_000,
        None,
        ("Huisartsenpraktijk", "Gezondheidscentrum", "Huisartsengroep"),
    ),
}

# Vendors and products per scale.
VENDOR_COUNT = {"small": 30, "national": 150}


@dataclass(frozen=True)
class LeafProfile:
    """How care providers buy in one product category."""

    budget_weight: float  # share of the ICT budget, relative to other leaves
    sectors: frozenset
    unit: str  # unit of the main price line
    term_months: tuple  # (shortest, longest) initial term
    switch_probability: float  # chance that a follow-up contract goes to another vendor
    vendors_national: int  # vendors offering a product in this leaf
    noun: str  # used in fictional product names
    first_year: int = 2000  # the category only appears from this year (AI)
    adoption: float = 1.0  # share of eligible organisations that buy it at all


LEAVES = {
    "epd-ziekenhuis": LeafProfile(25, HOSPITALS, "fte", (60, 96), 0.03, 5, "ZIS"),
    "epd-ggz": LeafProfile(
        25, frozenset({Sector.MENTAL_HEALTH}), "fte", (48, 72), 0.06, 6, "GGZ-EPD"
    ),
    "ecd-vvt-ghz": LeafProfile(22, LONG_TERM_CARE, "fte", (36, 60), 0.10, 10, "ECD"),
    "his-huisarts": LeafProfile(
        35, frozenset({Sector.PRIMARY_CARE}), "flat", (36, 60), 0.08, 6, "HIS"
    ),
    "pacs-vna": LeafProfile(7, HOSPITALS, "flat", (48, 72), 0.12, 8, "PACS"),
    "beelduitwisseling": LeafProfile(2, HOSPITALS, "flat", (24, 48), 0.15, 6, "Beeldbrug"),
    "ris": LeafProfile(2, HOSPITALS, "flat", (48, 72), 0.10, 6, "RIS"),
    "lis": LeafProfile(3, HOSPITALS, "flat", (48, 72), 0.10, 8, "LIS"),
    "pathologie": LeafProfile(1.5, HOSPITALS, "flat", (36, 60), 0.12, 6, "Patho"),
    "apotheeksysteem": LeafProfile(
        1.5, HOSPITALS | {Sector.MENTAL_HEALTH}, "flat", (36, 60), 0.10, 6, "Apotheek"
    ),
    "medicatiebewaking": LeafProfile(1, ALL_CARE, "user", (24, 48), 0.15, 8, "Medicatie"),
    "erp-financien": LeafProfile(5, CARE_NO_GP, "flat", (36, 72), 0.12, 15, "ERP"),
    "hr-salaris": LeafProfile(3, ALL_CARE, "fte", (36, 60), 0.15, 15, "HR"),
    "roostering": LeafProfile(2, CARE_NO_GP, "fte", (24, 48), 0.18, 12, "Rooster"),
    "kantoorsoftware": LeafProfile(6, ALL_CARE, "user", (12, 36), 0.10, 8, "Office"),
    "werkplekbeheer": LeafProfile(6, ALL_CARE, "workstation", (24, 48), 0.20, 20, "Werkplek"),
    "integratieplatform": LeafProfile(
        3, HOSPITALS | {Sector.MENTAL_HEALTH}, "flat", (36, 60), 0.10, 10, "Integratie"
    ),
    "gegevensuitwisseling": LeafProfile(
        1.5, HOSPITALS | LONG_TERM_CARE | {Sector.PRIMARY_CARE}, "flat", (24, 48), 0.15, 8, "Regio"
    ),
    "telefonie": LeafProfile(3, ALL_CARE, "user", (24, 48), 0.20, 15, "Connect"),
    "datacenter-hosting": LeafProfile(7, CARE_NO_GP, "flat", (36, 60), 0.15, 20, "Hosting"),
    "cloud": LeafProfile(4, CARE_NO_GP, "flat", (12, 36), 0.12, 10, "Cloud", first_year=2017),
    "netwerk": LeafProfile(4, ALL_CARE, "flat", (36, 60), 0.18, 15, "Net"),
    "identiteit-toegang": LeafProfile(2, CARE_NO_GP, "user", (24, 48), 0.15, 12, "ID"),
    "security-monitoring": LeafProfile(
        2, CARE_NO_GP, "flat", (24, 36), 0.20, 15, "SOC", first_year=2018
    ),
    "managed-equipment": LeafProfile(4, HOSPITALS, "flat", (60, 120), 0.10, 8, "MES"),
    "domotica": LeafProfile(4, LONG_TERM_CARE, "bed", (36, 60), 0.15, 12, "Domotica"),
    "ai-beeld": LeafProfile(
        1, HOSPITALS, "flat", (12, 36), 0.25, 12, "Vision", first_year=2020, adoption=0.6
    ),
    "ai-spraak-tekst": LeafProfile(
        0.8,
        HOSPITALS | {Sector.MENTAL_HEALTH, Sector.PRIMARY_CARE},
        "user",
        (12, 36),
        0.25,
        10,
        "Scribe",
        first_year=2022,
        adoption=0.4,
    ),
    "ai-beslissingsondersteuning": LeafProfile(
        0.7, HOSPITALS, "flat", (12, 36), 0.25, 10, "Advies", first_year=2021, adoption=0.4
    ),
    "patientportaal-app": LeafProfile(
        1.5, HOSPITALS | {Sector.MENTAL_HEALTH}, "flat", (24, 48), 0.12, 8, "Portaal"
    ),
    "pgo-koppeling": LeafProfile(
        0.5,
        HOSPITALS | {Sector.MENTAL_HEALTH, Sector.PRIMARY_CARE},
        "flat",
        (24, 36),
        0.15,
        6,
        "PGO",
        first_year=2019,
    ),
}

# Vendor popularity inside a leaf: the hospital EHR market has one dominant vendor.
DOMINANT_SHARES = {"epd-ziekenhuis": (66, 20, 8, 4, 2)}

FIRST_YEAR = 2016
LAST_YEAR = 2026
BASE_YEAR = 2021
YEARLY_GROWTH = 0.03
