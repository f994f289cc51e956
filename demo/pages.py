"""Editorial starting content for the demo site."""

from wagtail.models import Site

from coalitions.models import CoalitionDirectoryPage
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
        "vendor lock-in en beperkte interoperabiliteit. Het portaal brengt vraag "
        "en kennis samen.</p>",
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


def ensure_demo_pages():
    home = HomePage.objects.first()
    if home is None:
        return
    if not home.intro:
        home.intro = INTRO
        home.title = "Zorg-ICT Marktportaal"
        home.save_revision().publish()
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
    Site.objects.filter(is_default_site=True).update(site_name="Zorg-ICT Marktportaal")
