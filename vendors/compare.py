"""Side-by-side comparison of up to four products or vendors: scores, evidence per
standard, CapabilityStatement coverage and openness. Public facts only."""

from vendors.capability import requirement_set_text, requirement_sets
from vendors.models import Product
from vendors.profile import product_evidence
from vendors.scoring import vendor_score
from vendors.selectors import directory_products

MAX_ITEMS = 4
SEARCH_RESULTS = 10


def chosen_products(slugs):
    """The products named by ``slugs``, in the order given; unknown slugs are left out."""
    found = {p.slug: p for p in Product.objects.filter(slug__in=slugs).select_related("vendor")}
    return [found[slug] for slug in slugs if slug in found]


def search_products(text, *, exclude=()):
    """Up to SEARCH_RESULTS products whose name or vendor's name contains ``text``."""
    return list(
        directory_products(query=text).exclude(pk__in=[p.pk for p in exclude])[:SEARCH_RESULTS]
    )


def compare_products(products, day):
    evidence = [product_evidence(p, day) for p in products]
    standards = sorted(
        {claim.standard for e in evidence for claim, _ in e.claims}, key=lambda s: s.name
    )
    rows = []
    for standard in standards:
        levels = []
        for e in evidence:
            found = [level for claim, level in e.claims if claim.standard_id == standard.pk]
            levels.append(found[0] if found else None)
        rows.append((standard, levels))
    coverage = []
    for code in requirement_sets():
        cells = []
        for e in evidence:
            result = e.statement.coverage.get(code) if e.statement else None
            cells.append(result)
        coverage.append((requirement_set_text(code, "name"), cells))
    return {"evidence": evidence, "standards": rows, "coverage": coverage}


def compare_vendors(vendors, day):
    return [
        {
            "vendor": vendor,
            "score": vendor_score(vendor),
            "products": vendor.products.count(),
            "signed": vendor.signatures.exists(),
            "reply": vendor.replies.first(),
        }
        for vendor in vendors
    ]
