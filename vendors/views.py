"""The public vendor and product directory."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from portal.selectors import care_providers_for
from vendors.capability import shown_requirement_sets
from vendors.compare import (
    MAX_ITEMS,
    chosen_products,
    compare_products,
    compare_vendors,
    search_products,
)
from vendors.directory import SORTS, minimum_score, vendor_rows
from vendors.models import Certificate, ClaimReview, Product, ScoringMethod, Standard, Vendor
from vendors.models.scoring import DEFAULT_WEIGHTS
from vendors.profile import product_evidence, vendor_profile
from vendors.selectors import category_tree, directory_products
from vendors.selfservice import customer_organizations, review_claim
from vendors.summary import product_summary

PAGE_SIZE = 25


def viewer_organization(user):
    """The care provider a logged-in member sees published figures as (its own data
    left out), or None."""
    if not user.is_authenticated:
        return None
    return care_providers_for(user).values_list("pk", flat=True).first()


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


@require_safe
def vendor_list(request):
    query = request.GET.get("q", "").strip()
    category = request.GET.get("categorie", "")
    min_score = minimum_score(request.GET.get("minimumscore", ""))
    signed_only = request.GET.get("gedragscode") == "1"
    sort = request.GET.get("sorteer", "naam")
    sort = sort if sort in SORTS else "naam"
    rows = vendor_rows(
        query=query,
        category_slug=category,
        min_score=min_score,
        signed_only=signed_only,
        sort=sort,
        viewer=viewer_organization(request.user),
    )
    return render(
        request,
        "vendors/vendor_list.html",
        {
            "page": _page(request, rows),
            "query": query,
            "category": category,
            "categories": category_tree(),
            "min_score": "" if min_score is None else min_score,
            "signed_only": signed_only,
            "sort": sort,
            "sorts": [
                ("naam", _("Name")),
                ("score", _("Interoperability score, highest first")),
                ("lockin", _("Lock-in risk, lowest first")),
            ],
        },
    )


@require_safe
def vendor_detail(request, slug):
    vendor = get_object_or_404(Vendor.objects.select_related("parent_group"), slug=slug)
    viewer = viewer_organization(request.user)
    context = {"vendor": vendor, **vendor_profile(vendor, timezone.localdate(), viewer)}
    return render(request, "vendors/vendor_detail.html", context)


@require_safe
def product_list(request):
    query = request.GET.get("q", "").strip()
    category = request.GET.get("categorie", "")
    deployment = request.GET.get("inzet", "")
    if deployment not in Product.Deployment.values:
        deployment = ""
    products = directory_products(query=query, category_slug=category, deployment=deployment)
    return render(
        request,
        "vendors/product_list.html",
        {
            "page": _page(request, products),
            "query": query,
            "category": category,
            "deployment": deployment,
            "deployments": Product.Deployment.choices,
            "categories": category_tree(),
        },
    )


@require_safe
def product_detail(request, slug):
    product = get_object_or_404(
        Product.objects.select_related("vendor", "category", "category__parent"), slug=slug
    )
    today = timezone.localdate()
    evidence = product_evidence(
        product, today, viewer_organization=viewer_organization(request.user)
    )
    can_review = False
    if request.user.is_authenticated:
        can_review = customer_organizations(request.user, product, today=today).exists()
    return render(
        request,
        "vendors/product_detail.html",
        {
            "product": product,
            "card": product_summary(evidence, today),
            "signature": product.vendor.signatures.first(),
            "can_review": can_review,
        },
    )


@require_safe
def category_list(request):
    return render(request, "vendors/category_list.html", {"categories": category_tree()})


@require_safe
def standard_list(request):
    standards = Standard.objects.all()
    return render(
        request,
        "vendors/standard_list.html",
        {"standards": standards, "kinds": Standard.Kind},
    )


@require_safe
def scoring_methodology(request):
    """The live scoring method: weights and rules, rendered from the stored version."""
    method = ScoringMethod.objects.live()
    weights = {**DEFAULT_WEIGHTS, **method.weights}
    return render(
        request,
        "vendors/scoring_methodology.html",
        {
            "method": method,
            "weights": weights,
            "versions": ScoringMethod.objects.all(),
            "requirement_sets": shown_requirement_sets(),
        },
    )


@login_required
@require_POST
def claim_review(request, slug, pk):
    """A customer confirms or disputes a product's claim."""
    product = get_object_or_404(Product, slug=slug)
    claim = get_object_or_404(product.claims, pk=pk)
    organizations = customer_organizations(request.user, product, today=timezone.localdate())
    organization = organizations.filter(slug=request.POST.get("organisatie")).first()
    organization = organization or organizations.first()
    if organization is None:
        raise PermissionDenied(
            _("Only customers with a running contract for this product can review its claims.")
        )
    verdict = request.POST.get("verdict")
    if verdict not in ClaimReview.Verdict.values:
        messages.error(request, _("Choose confirm or dispute."))
    else:
        review_claim(
            claim,
            request.user,
            organization,
            verdict=verdict,
            comment=request.POST.get("comment", "")[:2000],
        )
        messages.success(request, _("Thank you: your review is shown as that of a customer."))
    return redirect(product.get_absolute_url())


@require_safe
def compare(request):
    """Up to four products (?product=a&product=b) or vendors (?leverancier=a) side by
    side; products are found by name with ?zoek= and added with the form's buttons."""
    product_slugs = list(dict.fromkeys(request.GET.getlist("product")))
    vendor_slugs = request.GET.getlist("leverancier")
    search = request.GET.get("zoek", "").strip()
    context = {"error": "", "products": None, "vendors": None, "search": search}
    if len(product_slugs) > MAX_ITEMS or len(vendor_slugs) > MAX_ITEMS:
        context["error"] = _("Compare at most four at a time.")
        product_slugs = product_slugs[:MAX_ITEMS]
    chosen = chosen_products(product_slugs)
    context.update(
        chosen=[(product, _without(chosen, product, search)) for product in chosen],
        can_add=len(chosen) < MAX_ITEMS,
        results=search_products(search, exclude=chosen) if search else None,
    )
    if context["error"]:
        return render(request, "vendors/compare.html", context)
    if chosen:
        context["products"] = compare_products(chosen, timezone.localdate())
    elif vendor_slugs:
        vendors = list(Vendor.objects.filter(slug__in=vendor_slugs))
        context["vendors"] = compare_vendors(vendors, timezone.localdate())
    return render(request, "vendors/compare.html", context)


def _without(chosen, product, search):
    """The compare page's query with ``product`` taken out."""
    pairs = [("product", other.slug) for other in chosen if other != product]
    if search:
        pairs.append(("zoek", search))
    return "?" + urlencode(pairs)


@require_safe
def certificate_document(request, pk):
    """A certificate's document. Certificates are public evidence, but the files live in
    the private storage and are only ever served through this view."""
    certificate = get_object_or_404(Certificate, pk=pk)
    if not certificate.document:
        raise Http404
    return FileResponse(
        certificate.document.open("rb"),
        as_attachment=True,
        filename=f"certificaat-{certificate.number}.pdf",
        content_type="application/pdf",
    )
