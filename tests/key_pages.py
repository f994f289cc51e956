"""The key pages of the portal, each as the demo role that uses it, on the seeded demo
market (demo/): what the language crawl, the accessibility and the reflow checks visit
(tests/test_key_pages_browser.py)."""

from django.core.management import call_command
from django.db.models import Count

from search.rebuild import documents, rebuild

DEMO_PASSWORD = "demo-portaal-2026"  # demo/ users, dev and test settings only
SEARCHED_INDICES = ["vendors", "products", "categories", "standards", "organizations", "pages"]


def seed_demo_market():
    """The small demo market, its first release, and what the key pages' searches show
    indexed (in small chunks: the engine shares two cores)."""
    call_command("seed_demo", scale="small", seed=1, verbosity=0)
    call_command("publish_release", verbosity=0)
    for document in documents(only=SEARCHED_INDICES):
        rebuild(document, chunk_size=200)


def key_pages():
    """(who, name, path): None is a visitor. Detail pages are the ones the demo fills
    most: the vendor with the most products, its first product, a contract of
    inkoper.a's hospital, the public coalition."""
    from airegister.models import AIApplication
    from coalitions.models import Coalition
    from contracts.models import Contract, LockInClause
    from portal.models import Membership
    from vendors.models import Vendor

    vendor = Vendor.objects.annotate(n=Count("products")).order_by("-n", "name").first()
    products = list(vendor.products.order_by("name")[:2])
    organisation = Membership.objects.get(user__username="inkoper.a").organization
    contract = Contract.objects.filter(organization=organisation).order_by("pk").first()
    coalition = Coalition.objects.get(slug="samen-sterk-epd")
    clause = LockInClause.objects.order_by("sort_order", "code").first()
    application = AIApplication.objects.filter(organization=organisation).order_by("pk").first()
    compare = "/vergelijken/?" + "&".join(f"product={p.slug}" for p in products)
    return [
        (None, "home", "/"),
        (None, "vendors", "/leveranciers/"),
        (None, "vendor", vendor.get_absolute_url()),
        (None, "product", products[0].get_absolute_url()),
        (None, "compare", compare),
        (None, "standards", "/standaarden/"),
        (None, "categories", "/categorieen/"),
        (None, "scoring-method", "/leveranciers/scoremethode/"),
        (None, "code-of-conduct", "/gedragscode/"),
        (None, "search", "/zoeken/?q=epd"),
        (None, "coalitions", "/coalities/"),
        ("inkoper.a", "prices", "/prijzen/"),
        ("inkoper.a", "my-position", "/prijzen/mijn-positie/"),
        ("inkoper.a", "contracts", "/contracten/"),
        ("inkoper.a", "contract", contract.get_absolute_url()),
        ("inkoper.a", "coalitions-member", "/coalities/"),
        ("inkoper.a", "coalition", coalition.get_absolute_url()),
        ("inkoper.a", "search-member", "/zoeken/?q=epd"),
        ("inkoper.a", "account", "/account/"),
        ("inkoper.a", "start", "/mijn-portaal/"),
        ("inkoper.a", "ai-register", "/ai-register/"),
        ("inkoper.a", "ai-application", application.get_absolute_url()),
        ("inkoper.b", "ai-shared", "/ai-register/gedeeld/"),
        ("analist", "market", "/markt/"),
        (None, "knowledge", "/kennisbank/"),
        (None, "guide", "/kennisbank/samen-inkopen/"),
        (None, "clause", "/kennisbank/clausules/" + clause.code + "/"),
        (None, "glossary", "/kennisbank/begrippen/"),
        (None, "ai-monitor", "/ai-monitor/"),
    ]


def shown_as_written():
    """Texts that stay as they are in either language: the proper names of the
    catalogue and the demo market (vendors, products, standards and their stewards,
    organisations, coalitions) and what users wrote (a vendor's description, a
    coalition's goal and criteria, requirements, comments and messages), which the
    portal shows in the words of their author."""
    from airegister.models import AIApplication, AIApplicationInterest
    from coalitions.models import Coalition, Requirement, RequirementComment
    from portal.models import Organization
    from vendors.models import Product, Standard, Vendor

    texts = set()
    for model, fields in (
        (AIApplication, ["name", "purpose_description", "department", "owner", "risk_reason"]),
        (AIApplicationInterest, ["note"]),
        (Vendor, ["name", "description"]),
        (Product, ["name", "description"]),
        (Standard, ["name", "steward"]),
        (Organization, ["name"]),
        (Coalition, ["name", "goal", "participation_criteria"]),
        (Requirement, ["text"]),
        (RequirementComment, ["text"]),
    ):
        for field in fields:
            texts.update(filter(None, model.objects.values_list(field, flat=True)))
    return texts
