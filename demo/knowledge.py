"""The knowledge base's starting content: three guides, one clause page per lock-in
clause with a model wording written for the portal, and a glossary, in Dutch and
English. Facts follow the market study (seeds 001) and the domain brief; no real
organisation is named with a figure."""

from contracts.models import LockInClause
from knowledge.models import (
    ClauseLibraryPage,
    ClausePage,
    GlossaryPage,
    GuidePage,
    KnowledgeIndexPage,
)


def h(text):
    return ("heading", text)


def p(html):
    return ("paragraph", html)


def note(title, html):
    return ("callout", {"title": title, "text": html})


JOINT_PURCHASE = {
    "title": "Samen inkopen: optie 3.1, 3.2a of 3.2b",
    "slug": "samen-inkopen",
    "help_topic": "joint_purchase",
    "intro": "Drie manieren om als zorgaanbieders samen ICT in te kopen, met hun voordelen, "
    "gevolgen en risico's.",
    "body": [
        h("Drie opties uit het marktonderzoek"),
        p(
            "<ul><li><b>Optie 3.1: gezamenlijke inkoop vanuit een groep.</b> Een groep "
            "zorgaanbieders besluit samen in te kopen voor geïnteresseerde leden en "
            "onderhandelt zelf met de leverancier(s), bijvoorbeeld over het EPD. Voordelen: een "
            "sterkere onderhandelingspositie en een transparant prijsmodel voor alle leden. "
            "Uitwerken: criteria voor deelname, juridische en fiscale gevolgen, de "
            "kostenverdeling.</li>"
            "<li><b>Optie 3.2a: inkoopcoalities steunen, met een kenniscentrum.</b> Een "
            "vereniging brengt geïnteresseerde leden bij elkaar en bouwt een Center of "
            "Excellence voor kennisdeling; de coalities kopen zelf in. Kost extra voor het "
            "kenniscentrum.</li>"
            "<li><b>Optie 3.2b: alleen bij elkaar brengen.</b> De vereniging koppelt leden; de "
            "inkoop gebeurt buiten de vereniging. Geen juridische betrokkenheid van de "
            "vereniging.</li></ul>"
        ),
        p(
            "<p>Bij alle opties kost samenwerken tijd van de deelnemers en levert u een deel "
            "van uw autonomie in.</p>"
        ),
        h("Risico's en vooronderzoek"),
        p(
            "<ul><li><b>Juridisch:</b> bepalingen in bestaande contracten kunnen gezamenlijke "
            "inkoop tegengaan; leveranciers kunnen tegenacties nemen, met het risico van een "
            "groot juridisch proces. Onderzoek uw huidige contracten.</li>"
            "<li><b>Vormgeving en bestuur:</b> bestuurders van een vereniging of coalitie "
            "kunnen hoog aansprakelijk zijn. Kies een vorm zonder persoonlijke "
            "aansprakelijkheid en spreek af hoe voordelen worden gedeeld.</li>"
            "<li><b>Financieel:</b> boetes in bestaande contracten, kosten van een procedure, "
            "fiscale belemmeringen, centrale prijsafspraken naast maatwerk.</li>"
            "<li><b>Operationeel:</b> wie is verantwoordelijk voor wet- en regelgeving, "
            "gegevensuitwisseling, kwaliteit en privacy (AVG)?</li></ul>"
        ),
        note(
            "Mededinging",
            "<p>Volgens de Europese richtsnoeren is marktmacht onwaarschijnlijk als het "
            "gezamenlijke aandeel van de coalitie hooguit 15% is van de inkoop- en "
            "verkoopmarkt. Daarboven waarschuwt het portaal en is een juridische toets nodig.</p>",
        ),
    ],
    "title_en": "Buying together: option 3.1, 3.2a or 3.2b",
    "intro_en": "Three ways for care providers to buy ICT together, with their benefits, "
    "consequences and risks.",
    "body_en": [
        h("Three options from the market study"),
        p(
            "<ul><li><b>Option 3.1: joint purchasing organised by a group.</b> A group of care "
            "providers decides to buy together for interested members and negotiates with the "
            "vendor(s) itself, for example about the EHR. Benefits: a stronger negotiating "
            "position and a transparent price model for all members. To work out: criteria "
            "for taking part, legal and fiscal consequences, the cost split.</li>"
            "<li><b>Option 3.2a: supporting purchasing coalitions, with a knowledge "
            "centre.</b> An association brings interested members together and builds a "
            "Center of Excellence to share knowledge; the coalitions buy themselves. The "
            "knowledge centre costs extra.</li>"
            "<li><b>Option 3.2b: only bringing members together.</b> The association matches "
            "members; purchasing happens outside the association. The association has no "
            "legal involvement.</li></ul>"
        ),
        p(
            "<p>Under every option, cooperation takes the participants' time and means giving "
            "up part of your autonomy.</p>"
        ),
        h("Risks and preliminary research"),
        p(
            "<ul><li><b>Legal:</b> clauses in existing contracts may forbid joint purchasing; "
            "vendors may take counter-actions, with the risk of a large lawsuit. Examine your "
            "current contracts.</li>"
            "<li><b>Form and governance:</b> directors of an association or coalition may be "
            "highly liable. Choose a form without personal liability and agree how benefits "
            "are shared.</li>"
            "<li><b>Financial:</b> penalties in existing contracts, the cost of a procedure, "
            "fiscal obstacles, central pricing next to individual arrangements.</li>"
            "<li><b>Operational:</b> who is responsible for laws and regulations, data "
            "exchange, quality and privacy (GDPR)?</li></ul>"
        ),
        note(
            "Competition law",
            "<p>Under the EU guidelines, market power is unlikely when the coalition's combined "
            "share is at most 15% of the purchasing and selling markets. Above that, the portal "
            "warns and a legal check is needed.</p>",
        ),
    ],
}

BENCHMARK = {
    "title": "Een benchmark lezen",
    "slug": "benchmark-lezen",
    "help_topic": "benchmark",
    "intro": "Wat de prijsbenchmarks van het portaal laten zien, en wat ze bewust niet laten zien.",
    "body": [
        h("Wat u ziet"),
        p(
            "<p>Een benchmark toont hoe uw prijs zich verhoudt tot die van vergelijkbare "
            "organisaties: het 25e percentiel, de mediaan en het 75e percentiel. Nooit het "
            "contract van één organisatie en nooit toekomstige prijzen.</p>"
        ),
        h("Waarom een cijfer soms ontbreekt"),
        p(
            "<ul><li>Een cijfer verschijnt alleen als minstens vijf verschillende organisaties "
            "eraan bijdragen.</li><li>Geen enkele organisatie mag meer dan 25% van het cijfer "
            "bepalen.</li><li>Alleen gegevens van minstens 90 dagen oud tellen mee.</li></ul>"
            "<p>Ontbreekt een cijfer, dan staat erbij waarom. Dat beschermt de gegevens van "
            "andere organisaties, en ook die van u.</p>"
        ),
        h("Vergelijk gelijk met gelijk"),
        p(
            "<p>Let op de normalisatie (per fte, per bed, als deel van de omzet) en op "
            "eenmalige kosten, die over de looptijd worden gespreid. Ter oriëntatie: "
            "ziekenhuizen besteden volgens de IZT-benchmark 2025 gemiddeld 5,8% van hun omzet "
            "aan ICT.</p>"
        ),
    ],
    "title_en": "Reading a benchmark",
    "intro_en": "What the portal's price benchmarks show, and what they deliberately do not.",
    "body_en": [
        h("What you see"),
        p(
            "<p>A benchmark shows how your price compares with similar organisations: the 25th "
            "percentile, the median and the 75th percentile. Never one organisation's contract "
            "and never future prices.</p>"
        ),
        h("Why a figure is sometimes missing"),
        p(
            "<ul><li>A figure appears only when at least five distinct organisations "
            "contribute to it.</li><li>No single organisation may make up more than 25% of "
            "it.</li><li>Only data at least 90 days old counts.</li></ul>"
            "<p>When a figure is missing, the page says why. This protects other "
            "organisations' data, and yours.</p>"
        ),
        h("Compare like with like"),
        p(
            "<p>Mind the normalisation (per FTE, per bed, as a share of revenue) and one-off "
            "costs, which are spread over the term. For orientation: according to the IZT "
            "benchmark 2025, hospitals spend on average 5.8% of their revenue on ICT.</p>"
        ),
    ],
}

EXIT_PLAN = {
    "title": "Een exitplan onderhandelen",
    "slug": "exitplan-onderhandelen",
    "help_topic": "exit_plan",
    "intro": "Leg de overstap vast voordat u tekent: daarna heeft u geen onderhandelingsruimte "
    "meer.",
    "body": [
        h("Waarom vooraf"),
        p(
            "<p>Overstappen is duur: implementatiekosten, druk op personeel, "
            "datamigratie en contractbepalingen houden klanten vast. Geen Nederlands "
            "ziekenhuis is ooit overgestapt van een van de twee grootste EPD-leveranciers naar "
            "een derde systeem. Een exitplan maakt de overstap vooraf bespreekbaar.</p>"
        ),
        h("Wat erin hoort"),
        p(
            "<ul><li>wie wat doet bij een overstap, in welke volgorde en tegen welk tarief;</li>"
            "<li>teruggave van alle gegevens in een open formaat, met het datamodel;</li>"
            "<li>transitieondersteuning en een verlengd gebruiksrecht, zodat u niet onder "
            "tijdsdruk hoeft over te stappen;</li><li>escrow van de broncode;</li>"
            "<li>een opzegtermijn die bij de overstaptijd past, en geen stilzwijgende "
            "verlenging zonder tijdige waarschuwing.</li></ul>"
        ),
        note(
            "Checklist",
            "<p>De onderwerpen volgen de AIVG Module ICT en het GIBIT-model. In de "
            "clausulebibliotheek van deze kennisbank staat per onderwerp een modeltekst.</p>",
        ),
    ],
    "title_en": "Negotiating an exit plan",
    "intro_en": "Agree on the move before you sign: afterwards you have no room left to negotiate.",
    "body_en": [
        h("Why in advance"),
        p(
            "<p>Switching is expensive: implementation cost, pressure on staff, data "
            "migration and contract clauses keep customers in. No Dutch hospital has ever "
            "switched from one of the two largest EHR vendors to a third system. An exit plan "
            "puts the move on the table in advance.</p>"
        ),
        h("What belongs in it"),
        p(
            "<ul><li>who does what in a move, in which order and at what rate;</li>"
            "<li>return of all data in an open format, with the data model;</li>"
            "<li>transition support and an extended right of use, so you need not switch "
            "under time pressure;</li><li>escrow of the source code;</li>"
            "<li>a notice period that fits the time a move takes, and no automatic renewal "
            "without a timely warning.</li></ul>"
        ),
        note(
            "Checklist",
            "<p>The topics follow the AIVG Module ICT and the GIBIT model. The clause library "
            "of this knowledge base has a model wording for each.</p>",
        ),
    ],
}

GUIDES = [JOINT_PURCHASE, BENCHMARK, EXIT_PLAN]

MODEL_TEXT_NL = "<p><i>Modeltekst van het portaal, geen officiële AIVG- of GIBIT-tekst.</i></p>"
MODEL_TEXT_EN = "<p><i>The portal's model text, not an official AIVG or GIBIT text.</i></p>"

# Per clause code: (why it matters NL, model wording NL, why EN, model wording EN).
CLAUSES = {
    "exit-plan": (
        "Zonder exitplan onderhandelt u over de overstap pas als u al afhankelijk bent.",
        "Leverancier levert binnen zes maanden na ingang van de Overeenkomst een exitplan "
        "dat beschrijft welke activiteiten, in welke volgorde, door wie en tegen welke "
        "vooraf vastgestelde tarieven worden uitgevoerd bij beëindiging van de Overeenkomst. "
        "Leverancier actualiseert het exitplan jaarlijks.",
        "Without an exit plan you negotiate the move only once you already depend on the vendor.",
        "Within six months of the Agreement's start the Vendor delivers an exit plan "
        "describing which activities are carried out on termination of the Agreement, in "
        "which order, by whom and at which rates fixed in advance. The Vendor updates the "
        "exit plan every year.",
    ),
    "data-return-open-format": (
        "Gegevens zonder datamodel zijn voor een nieuwe leverancier nauwelijks bruikbaar; "
        "dure datamigratie is een van de grootste overstapdrempels.",
        "Leverancier stelt op eerste verzoek, en in elk geval bij beëindiging, alle gegevens "
        "van Opdrachtgever beschikbaar in een open, gedocumenteerd formaat (zoals HL7 FHIR of "
        "CSV), samen met een volledige beschrijving van het datamodel, zonder aanvullende "
        "kosten.",
        "Data without the data model is hardly usable by a new vendor; costly data migration "
        "is one of the largest switching barriers.",
        "On first request, and in any case on termination, the Vendor makes all of the "
        "Customer's data available in an open, documented format (such as HL7 FHIR or CSV), "
        "with a complete description of the data model, at no additional cost.",
    ),
    "transition-support": (
        "Een overstap vraagt kennis van het oude systeem; zonder afspraak bepaalt de "
        "vertrekkende leverancier de prijs van die hulp.",
        "Leverancier verleent na beëindiging van de Overeenkomst gedurende ten minste twaalf "
        "maanden transitieondersteuning aan Opdrachtgever en de opvolgende leverancier, tegen "
        "de tarieven in bijlage X.",
        "A move needs knowledge of the old system; without an agreement the departing vendor "
        "sets the price of that help.",
        "After termination of the Agreement the Vendor provides transition support to the "
        "Customer and the succeeding vendor for at least twelve months, at the rates in "
        "annex X.",
    ),
    "escrow": (
        "Als de leverancier failliet gaat of stopt met het product, houdt escrow de "
        "software onderhoudbaar.",
        "Leverancier deponeert de broncode en documentatie van de Programmatuur bij een "
        "onafhankelijke escrow-agent en houdt dit depot actueel. Bij faillissement of "
        "beëindiging van het product krijgt Opdrachtgever toegang tot het depot.",
        "If the vendor goes bankrupt or drops the product, escrow keeps the software maintainable.",
        "The Vendor deposits the source code and documentation of the Software with an "
        "independent escrow agent and keeps the deposit current. On bankruptcy or "
        "discontinuation of the product the Customer gains access to the deposit.",
    ),
    "extended-right-of-use": (
        "Een overstap kost tijd; met een verlengd gebruiksrecht stapt u niet onder tijdsdruk over.",
        "Opdrachtgever mag de Programmatuur na beëindiging van de Overeenkomst nog "
        "achttien maanden gebruiken tegen de laatst geldende vergoeding, voor zover nodig "
        "voor de overstap.",
        "A move takes time; with an extended right of use you do not switch under time pressure.",
        "After termination of the Agreement the Customer may keep using the Software for "
        "eighteen months at the last applicable fee, as far as needed for the move.",
    ),
    "price-indexation-cap": (
        "Onbegrensde indexatie laat de prijs stijgen terwijl overstappen duur is.",
        "Vergoedingen worden ten hoogste eenmaal per jaar geïndexeerd, met ten hoogste de "
        "CBS-index die partijen in bijlage X noemen en nooit met meer dan 3% per jaar.",
        "Uncapped indexation lets the price rise while switching is expensive.",
        "Fees are indexed at most once a year, by at most the CBS index the parties name in "
        "annex X, and never by more than 3% a year.",
    ),
    "no-unilateral-changes": (
        "Eenzijdige wijzigingen verschuiven risico naar de klant die niet snel weg kan.",
        "Leverancier wijzigt voorwaarden, vergoedingen of functionaliteit alleen met "
        "schriftelijke instemming van Opdrachtgever.",
        "Unilateral changes shift risk to the customer who cannot leave quickly.",
        "The Vendor changes terms, fees or functionality only with the Customer's written consent.",
    ),
    "interoperability-obligation": (
        "Zonder open standaarden zijn koppelen en overstappen duur; data en functionaliteit "
        "horen gescheiden te zijn.",
        "Leverancier ondersteunt de open standaarden in bijlage X (waaronder HL7 FHIR en de "
        "Nictiz-informatiestandaarden) en staat koppelingen op basis daarvan toe zonder "
        "aanvullende licentie- of koppelingskosten.",
        "Without open standards, connecting and switching are expensive; data and "
        "functionality should be separate.",
        "The Vendor supports the open standards in annex X (including HL7 FHIR and the Nictiz "
        "information standards) and allows connections based on them without additional "
        "licence or connection fees.",
    ),
    "audit-and-data-access": (
        "Wie zijn gegevens niet zelf kan inzien of laten controleren, kan ook de overstap en "
        "de naleving van de AVG en NEN 7510 niet borgen.",
        "Opdrachtgever heeft te allen tijde toegang tot zijn gegevens en mag de verwerking "
        "ervan door Leverancier eenmaal per jaar laten auditen door een onafhankelijke "
        "deskundige.",
        "Who cannot see or have audited their own data cannot secure a move or compliance "
        "with the GDPR and NEN 7510.",
        "The Customer has access to its data at all times and may have the Vendor's "
        "processing of it audited by an independent expert once a year.",
    ),
}

# (Dutch term, definition, English term, definition), from the domain brief.
GLOSSARY = [
    (
        "AIVG",
        "Algemene Inkoopvoorwaarden Gezondheidszorg, met een Module ICT.",
        "AIVG",
        "General purchasing conditions for Dutch care, with a Module ICT.",
    ),
    (
        "BgZ",
        "Basisgegevensset Zorg: de basisset van zorggegevens.",
        "BgZ",
        "Basisgegevensset Zorg, the Dutch basic care data set.",
    ),
    (
        "EPD/ZIS",
        "Elektronisch patiëntendossier / ziekenhuisinformatiesysteem.",
        "EHR/HIS",
        "Electronic health record / hospital information system.",
    ),
    (
        "GIBIT",
        "Gemeentelijke Inkoopvoorwaarden bij IT (2020/2023); een bruikbare checklist voor "
        "lock-inclausules.",
        "GIBIT",
        "The public municipal model terms for IT (2020/2023); a usable checklist of lock-in "
        "clauses.",
    ),
    ("GGZ", "Geestelijke gezondheidszorg.", "GGZ", "Mental health care."),
    ("VVT", "Verpleging, verzorging en thuiszorg.", "VVT", "Nursing and elderly care."),
    ("GHZ", "Gehandicaptenzorg.", "GHZ", "Care for the disabled."),
    (
        "IZA/AZWA",
        "Landelijke zorgakkoorden die transformatie financieren.",
        "IZA/AZWA",
        "National care agreements that fund transformation.",
    ),
    (
        "KvK-nummer",
        "Nummer bij de Kamer van Koophandel.",
        "KvK number",
        "Chamber of Commerce number.",
    ),
    ("AGB-code", "Code van een zorgaanbieder.", "AGB code", "Care provider code."),
    (
        "MedMij",
        "Nederlandse standaard en label voor de uitwisseling van gegevens met patiënten.",
        "MedMij",
        "Dutch standard and label for patient data exchange.",
    ),
    (
        "Nictiz",
        "Nederlands kenniscentrum voor informatiestandaarden in de zorg; het vijflagenmodel "
        "voor interoperabiliteit loopt van organisatiebeleid tot IT-infrastructuur.",
        "Nictiz",
        "Dutch centre for care information standards; its five-layer interoperability model "
        "runs from organisation policy to IT infrastructure.",
    ),
    (
        "NEN 7510",
        "Nederlandse norm voor informatiebeveiliging in de zorg.",
        "NEN 7510",
        "Dutch health information-security norm.",
    ),
    (
        "Twiin",
        "Nederlands convenant voor gegevensuitwisseling.",
        "Twiin",
        "Dutch covenant for data exchange.",
    ),
    (
        "Wegiz",
        "Wet elektronische gegevensuitwisseling in de zorg.",
        "Wegiz",
        "Dutch law on electronic data exchange in care.",
    ),
    (
        "Lock-in",
        "Afhankelijkheid van een leverancier doordat overstappen duur of lastig is.",
        "Lock-in",
        "Dependence on a vendor because switching is costly or hard.",
    ),
    (
        "HHI",
        "Herfindahl-Hirschman-index: de som van de gekwadrateerde marktaandelen in procenten; "
        "boven 2.000 is een markt volgens de EU-richtsnoeren sterk geconcentreerd.",
        "HHI",
        "Herfindahl-Hirschman index: the sum of squared market shares in percent; above 2,000 "
        "a market is highly concentrated under the EU guidelines.",
    ),
    (
        "Inkoopcoalitie",
        "Zorgaanbieders die samen inkopen of samen eisen stellen aan leveranciers.",
        "Purchasing coalition",
        "Care providers who buy together or jointly set requirements for vendors.",
    ),
]


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_knowledge_base(home):
    """Create the knowledge base below ``home`` once (an editor's changes are kept)."""
    if KnowledgeIndexPage.objects.exists():
        return
    index = _publish(
        home,
        KnowledgeIndexPage(
            title="Kennisbank",
            slug="kennisbank",
            intro="<p>Handleidingen, modelteksten voor contractclausules en begrippen voor "
            "wie zorg-ICT inkoopt.</p>",
            title_en="Knowledge base",
            intro_en="<p>Guides, model wordings for contract clauses and terms for anyone "
            "buying care ICT.</p>",
        ),
    )
    for guide in GUIDES:
        _publish(index, GuidePage(**guide))
    library = _publish(
        index,
        ClauseLibraryPage(
            title="Clausulebibliotheek",
            slug="clausules",
            intro="<p>Per lock-inclausule uit de AIVG Module ICT en het GIBIT-model: waarom "
            "hij ertoe doet, een modeltekst van het portaal en hoeveel contracten hem "
            "hebben.</p>",
            title_en="Clause library",
            intro_en="<p>For each lock-in clause of the AIVG Module ICT and the GIBIT model: "
            "why it matters, a model wording by the portal and how many contracts have "
            "it.</p>",
        ),
    )
    for clause in LockInClause.objects.all():
        why, wording, why_en, wording_en = CLAUSES.get(
            clause.code, (clause.explanation, "", clause.explanation_en, "")
        )
        _publish(
            library,
            ClausePage(
                clause=clause,
                title=clause.name,
                slug=clause.code,
                intro=clause.explanation,
                body=[p(f"<p>{why}</p>")],
                model_wording=MODEL_TEXT_NL + (f"<p>{wording}</p>" if wording else ""),
                title_en=clause.name_en,
                intro_en=clause.explanation_en,
                body_en=[p(f"<p>{why_en}</p>")],
                model_wording_en=MODEL_TEXT_EN + (f"<p>{wording_en}</p>" if wording_en else ""),
            ),
        )
    _publish(
        index,
        GlossaryPage(
            title="Begrippenlijst",
            slug="begrippen",
            intro="Begrippen die in het portaal en in zorg-ICT-contracten terugkomen.",
            title_en="Glossary",
            intro_en="Terms used in the portal and in care-ICT contracts.",
            terms=[
                ("term", {"term": t, "definition": d, "term_en": te, "definition_en": de})
                for t, d, te, de in GLOSSARY
            ],
        ),
    )
