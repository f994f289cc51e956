"""Vendor self-service: a representative keeps its own vendor's profile, products,
claims, CapabilityStatements, certificates and reply current, and signs the code of
conduct. Only its own vendor: another vendor's products are a 404. No prices or
contracts are ever shown here."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.models import CodeOfConductPage
from vendors import selfservice
from vendors.access import represented_vendor
from vendors.capability import CapabilityStatementError, fetch_statement
from vendors.forms import (
    CertificateForm,
    ClaimForm,
    ProductForm,
    ReplyForm,
    StatementForm,
    VendorProfileForm,
)


def _product(vendor, slug):
    return get_object_or_404(vendor.products, slug=slug)


def _errors(form, error):
    for message in getattr(error, "messages", [str(error)]):
        form.add_error(None, message)


@login_required
def dashboard(request):
    vendor = represented_vendor(request.user)
    form = VendorProfileForm(request.POST or None, instance=vendor)
    if request.method == "POST" and form.is_valid():
        # The form has already set the new values on its instance: compare a fresh copy.
        stored = type(vendor).objects.get(pk=vendor.pk)
        selfservice.update_vendor(stored, request.user, **form.cleaned_data)
        messages.success(request, _("Profile saved."))
        return redirect("vendor_self_service")
    vendor.refresh_from_db()
    return render(
        request,
        "vendors/selfservice/dashboard.html",
        {
            "vendor": vendor,
            "form": form,
            "products": vendor.products.order_by("name"),
            "reply_form": ReplyForm(),
            "code": CodeOfConductPage.objects.live().first(),
            "signature": vendor.signatures.first(),
            "changes": vendor.audit_events.select_related("content_type")[:20],
        },
    )


@login_required
@require_POST
def reply(request):
    vendor = represented_vendor(request.user)
    form = ReplyForm(request.POST)
    if form.is_valid():
        selfservice.publish_reply(vendor, request.user, form.cleaned_data["text"])
        messages.success(request, _("Your reply is published beside your scores."))
    else:
        messages.error(request, _("Write a reply of at most 3,000 characters."))
    return redirect("vendor_self_service")


@login_required
@require_POST
def sign_code(request):
    vendor = represented_vendor(request.user)
    page = CodeOfConductPage.objects.live().first()
    if page is None:
        messages.error(request, _("There is no code of conduct to sign yet."))
    else:
        selfservice.sign_code_of_conduct(vendor, request.user, page)
        messages.success(request, _("You signed the code of conduct."))
    return redirect("vendor_self_service")


def _product_page(request, vendor, product, **forms):
    context = {
        "vendor": vendor,
        "product": product,
        "form": forms.get("form") or ProductForm(instance=product),
        "claim_form": forms.get("claim_form") or ClaimForm(),
        "statement_form": forms.get("statement_form") or StatementForm(),
        "certificate_form": forms.get("certificate_form") or CertificateForm(),
        "claims": product.claims.select_related("standard"),
        "statements": product.capability_statements.all()[:10],
    }
    return render(request, "vendors/selfservice/product.html", context)


@login_required
def product_edit(request, slug):
    vendor = represented_vendor(request.user)
    product = _product(vendor, slug)
    if request.method != "POST":
        return _product_page(request, vendor, product)
    form = ProductForm(request.POST, instance=product)
    if form.is_valid():
        stored = type(product).objects.get(pk=product.pk)  # as above
        selfservice.update_product(stored, request.user, **form.cleaned_data)
        messages.success(request, _("Product saved."))
        return redirect("vendor_product_edit", slug=slug)
    product.refresh_from_db()
    return _product_page(request, vendor, product, form=form)


@login_required
@require_POST
def claim_add(request, slug):
    vendor = represented_vendor(request.user)
    product = _product(vendor, slug)
    form = ClaimForm(request.POST)
    if form.is_valid():
        try:
            selfservice.add_claim(product, request.user, **form.cleaned_data)
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("Claim added."))
            return redirect("vendor_product_edit", slug=slug)
    return _product_page(request, vendor, product, claim_form=form)


@login_required
@require_POST
def claim_remove(request, slug, pk):
    vendor = represented_vendor(request.user)
    product = _product(vendor, slug)
    selfservice.remove_claim(get_object_or_404(product.claims, pk=pk), request.user)
    messages.success(request, _("Claim removed."))
    return redirect("vendor_product_edit", slug=slug)


@login_required
@require_POST
def statement_add(request, slug):
    vendor = represented_vendor(request.user)
    product = _product(vendor, slug)
    form = StatementForm(request.POST, request.FILES)
    if form.is_valid():
        url = form.cleaned_data["url"]
        try:
            data = fetch_statement(url) if url else form.cleaned_data["file"].read()
            version = selfservice.add_capability_statement(
                product, request.user, data, source_url=url
            )
        except CapabilityStatementError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("FHIR %(version)s CapabilityStatement stored.")
                % {"version": version.fhir_version},
            )
            return redirect("vendor_product_edit", slug=slug)
    return _product_page(request, vendor, product, statement_form=form)


@login_required
@require_POST
def certificate_add(request, slug):
    vendor = represented_vendor(request.user)
    product = _product(vendor, slug)
    form = CertificateForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            selfservice.add_certificate(vendor, request.user, product=product, **form.cleaned_data)
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("Certificate added."))
            return redirect("vendor_product_edit", slug=slug)
    return _product_page(request, vendor, product, certificate_form=form)
