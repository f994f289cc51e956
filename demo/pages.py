"""Editorial starting content for the demo site."""

from wagtail.models import Site

from coalitions.models import CoalitionDirectoryPage
from demo.knowledge import ensure_knowledge_base
from market.models import MarketBalancePage
from portal.models import CodeOfConductPage, ContentPage, HomePage

INTRO = (
    "<p>Zorgaanbieders delen hier geanonimiseerd wat zij betalen voor ICT, vergelijken zich "
    "met vergelijkbare organisaties, kopen samen in en zien welke leveranciers open "
    "standaarden echt ondersteunen.</p>"
)
ABOUT_BODY = [
    ("heading", "Waarom dit portaal"),
    (
        "paragraph",
        "<p>De markt voor zorg-ICT is uit balans: weinig prijstransparantie, "
        "afhankelijkheid van leveranciers (lock-in) en beperkte interoperabiliteit. Het "
        "portaal brengt vraag en kennis samen.</p>",
    ),
    (
        "callout",
        {
            "title": "Mededinging",
            "text": "<p>Prijzen worden alleen als geaggregeerde "
            "statistiek getoond, met minstens vijf organisaties per cijfer.</p>",
        },
    ),
]

INTRO_EN = (
    "<p>Care providers share here, anonymised, what they pay for ICT, compare themselves "
    "with similar organisations, buy together and see which vendors really support open "
    "standards.</p>"
)
ABOUT_BODY_EN = [
    ("heading", "Why this portal"),
    (
        "paragraph",
        "<p>The market for healthcare ICT is out of balance: little price transparency, "
        "vendor lock-in and limited interoperability. The portal brings demand and "
        "knowledge together.</p>",
    ),
    (
        "callout",
        {
            "title": "Competition law",
            "text": "<p>Prices are only shown as aggregated statistics, with at least five "
            "organisations behind every figure.</p>",
        },
    ),
]


CODE_OF_CONDUCT_BODY = [
    ("heading", "Wij beloven"),
    (
        "paragraph",
        "<ul><li>gegevens van klanten op verzoek terug te geven in een open formaat, met het "
        "datamodel;</li><li>openbare API-documentatie te publiceren;</li><li>geen extra "
        "vergoeding te vragen voor koppelingen op basis van open standaarden;</li><li>mee te "
        "werken aan een overstap naar een andere leverancier tegen vooraf bekende tarieven."
        "</li></ul>",
    ),
]
CODE_OF_CONDUCT_BODY_EN = [
    ("heading", "We promise"),
    (
        "paragraph",
        "<ul><li>to return customers' data on request in an open format, with the data "
        "model;</li><li>to publish public API documentation;</li><li>not to charge extra for "
        "connections based on open standards;</li><li>to cooperate with a move to another "
        "vendor at rates known in advance.</li></ul>",
    ),
]

# The English text of each demo page (portal.page_text), by slug.
ENGLISH = {
    "over-het-portaal": {
        "title_en": "About the portal",
        "intro_en": "What the portal is for and how it handles data.",
        "body_en": ABOUT_BODY_EN,
    },
    "gedragscode": {
        "title_en": "Code of conduct for vendors",
        "intro_en": "Commitments that signing vendors make about openness and switching "
        "(sample text for the demo; the editors write the real document).",
        "body_en": CODE_OF_CONDUCT_BODY_EN,
    },
    "coalitiegids": {
        "title_en": "Purchasing coalitions",
        "intro_en": "<p>Care providers who buy together or jointly set requirements for "
        "vendors. Public coalitions are listed below; an organisation can ask to join.</p>",
    },
    "marktbalans": {
        "title_en": "Market balance",
        "intro_en": "<p>How concentrated is the market for healthcare ICT? Per product "
        "category, the vendors' shares by number of customers and the trend over ten "
        "years.</p>",
    },
}


def _add_english(page, english):
    """Give a demo page its English text, once (an editor's text is kept)."""
    page = page.specific
    if page.title_en:
        return
    for name, value in english.items():
        setattr(page, name, value)
    page.save_revision().publish()


def ensure_demo_pages():
    home = HomePage.objects.first()
    if home is None:
        return
    if not home.intro:
        home.intro = INTRO
        home.title = "Zorg-ICT Marktportaal"
        home.save_revision().publish()
    _add_english(home, {"title_en": "Zorg-ICT Marktportaal", "intro_en": INTRO_EN})
    if not ContentPage.objects.filter(slug="over-het-portaal").exists():
        about = ContentPage(
            title="Over het portaal",
            slug="over-het-portaal",
            intro="Waarvoor het portaal dient en hoe het met gegevens omgaat.",
            body=ABOUT_BODY,
        )
        home.add_child(instance=about)
        about.save_revision().publish()
    if not CodeOfConductPage.objects.exists():
        code = CodeOfConductPage(
            title="Gedragscode voor leveranciers",
            slug="gedragscode",
            intro="Afspraken die ondertekenende leveranciers maken over openheid en overstappen "
            "(voorbeeldtekst voor de demo; het echte document stelt de redactie op).",
            body=CODE_OF_CONDUCT_BODY,
        )
        home.add_child(instance=code)
        code.save_revision().publish()
    if not CoalitionDirectoryPage.objects.exists():
        directory = CoalitionDirectoryPage(
            title="Inkoopcoalities",
            slug="coalitiegids",
            intro="<p>Zorgaanbieders die samen inkopen of samen eisen stellen aan leveranciers. "
            "Openbare coalities staan hieronder; een organisatie kan vragen om deel te nemen.</p>",
        )
        home.add_child(instance=directory)
        directory.save_revision().publish()
    if not MarketBalancePage.objects.exists():
        balance = MarketBalancePage(
            title="Marktbalans",
            slug="marktbalans",
            intro="<p>Hoe geconcentreerd is de markt voor zorg-ICT? Per productcategorie het "
            "aandeel van leveranciers naar aantal klanten en de ontwikkeling over tien jaar.</p>",
        )
        home.add_child(instance=balance)
        balance.save_revision().publish()
    ensure_knowledge_base(home)
    for page in home.get_children().filter(slug__in=ENGLISH):
        _add_english(page, ENGLISH[page.slug])
    Site.objects.filter(is_default_site=True).update(site_name="Zorg-ICT Marktportaal")
