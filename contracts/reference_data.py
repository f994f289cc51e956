"""The lock-in clause checklist (after the AIVG Module ICT and the GIBIT model terms).

(code, Dutch name, English name, Dutch explanation, English explanation)"""

LOCK_IN_CLAUSES = [
    (
        "exit-plan",
        "Exitplan",
        "Exit plan",
        "Er is vooraf vastgelegd hoe u de overstap naar een andere leverancier regelt: wie wat doet, "
        "in welke volgorde en wat het kost.",
        "It is agreed in advance how you move to another vendor: who does what, in which order and "
        "at what cost.",
    ),
    (
        "data-return-open-format",
        "Teruggave van data in open formaat met datamodel",
        "Data return in an open format with the data model",
        "U krijgt al uw gegevens terug in een open formaat, samen met een beschrijving van het "
        "datamodel, zodat een nieuwe leverancier ze kan inlezen.",
        "You get all your data back in an open format, with a description of the data model, so a "
        "new vendor can load it.",
    ),
    (
        "transition-support",
        "Transitieondersteuning",
        "Transition support",
        "De leverancier helpt na het einde van het contract mee aan de overstap, tegen vooraf "
        "afgesproken tarieven.",
        "After the contract ends, the vendor helps with the move at rates agreed in advance.",
    ),
    (
        "escrow",
        "Escrow (broncodedepot)",
        "Escrow",
        "De broncode ligt bij een onafhankelijke partij en komt beschikbaar als de leverancier "
        "failliet gaat of stopt met het product.",
        "The source code is held by an independent party and released if the vendor goes bankrupt "
        "or drops the product.",
    ),
    (
        "extended-right-of-use",
        "Verlengd gebruiksrecht",
        "Extended right of use",
        "U mag de software na het einde van het contract nog een afgesproken periode gebruiken, zodat "
        "u niet onder tijdsdruk hoeft over te stappen.",
        "You may keep using the software for an agreed period after the contract ends, so you do not "
        "have to switch under time pressure.",
    ),
    (
        "price-indexation-cap",
        "Maximum op prijsindexatie",
        "Price-indexation cap",
        "Jaarlijkse prijsverhogingen zijn begrensd, bijvoorbeeld aan een index of een vast percentage.",
        "Yearly price increases are capped, e.g. by an index or a fixed percentage.",
    ),
    (
        "no-unilateral-changes",
        "Geen eenzijdige wijzigingen",
        "No unilateral changes",
        "De leverancier mag voorwaarden, prijzen of functionaliteit niet zonder uw instemming wijzigen.",
        "The vendor may not change terms, prices or functionality without your consent.",
    ),
    (
        "interoperability-obligation",
        "Interoperabiliteitsverplichting",
        "Interoperability obligation",
        "De leverancier moet open standaarden (zoals FHIR en de Nictiz-informatiestandaarden) "
        "ondersteunen en koppelingen met andere systemen toestaan zonder extra drempels.",
        "The vendor must support open standards (such as FHIR and the Nictiz information standards) "
        "and allow connections to other systems without extra hurdles.",
    ),
    (
        "audit-and-data-access",
        "Audit en toegang tot data",
        "Audit and data access",
        "U heeft altijd toegang tot uw eigen gegevens en mag laten controleren hoe de leverancier "
        "ermee omgaat.",
        "You always have access to your own data and may have the vendor's handling of it audited.",
    ),
]
