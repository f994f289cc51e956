"""The key pages of the portal, each as the demo role that uses it, on the seeded demo
market (demo/): what the language crawl and the accessibility test visit."""

from django.db.models import Count

DEMO_PASSWORD = "demo-portaal-2026"  # demo/ users, dev and test settings only
SEARCHED_INDICES = ["vendors", "products", "categories", "standards", "organizations", "pages"]


def key_pages():
    """(who, name, path): None is a visitor. Detail pages are the ones the demo fills
    most: the vendor with the most products, its first product, a contract of
    inkoper.a's hospital, the public coalition."""
    from coalitions.models import Coalition
    from contracts.models import Contract
    from portal.models import Membership
    from vendors.models import Vendor

    vendor = Vendor.objects.annotate(n=Count("products")).order_by("-n", "name").first()
    products = list(vendor.products.order_by("name")[:2])
    organisation = Membership.objects.get(user__username="inkoper.a").organization
    contract = Contract.objects.filter(organization=organisation).order_by("pk").first()
    coalition = Coalition.objects.get(slug="samen-sterk-epd")
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
        ("analist", "market", "/markt/"),
        (None, "ai-monitor", "/ai-monitor/"),
    ]


def shown_as_written():
    """Texts that stay as they are in either language: the proper names of the
    catalogue and the demo market (vendors, products, standards and their stewards,
    organisations, coalitions) and what users wrote (a vendor's description, a
    coalition's goal and criteria, requirements, comments and messages), which the
    portal shows in the words of their author."""
    from coalitions.models import Coalition, Requirement, RequirementComment
    from portal.models import Organization
    from vendors.models import Product, Standard, Vendor

    texts = set()
    for model, fields in (
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
