"""Forms for vendor self-service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vendors.models import Product, Standard, Vendor
from vendors.models.evidence import Certificate
from vendors.selfservice import PRODUCT_FIELDS, VENDOR_FIELDS


def https_url(label, **kwargs):
    return forms.URLField(label=label, required=False, assume_scheme="https", **kwargs)


class VendorProfileForm(forms.ModelForm):
    website = https_url(_("website"))

    class Meta:
        model = Vendor
        fields = VENDOR_FIELDS


class ProductForm(forms.ModelForm):
    website = https_url(_("website"))
    api_docs_url = https_url(
        _("public API documentation"), help_text=_("Readable without an account.")
    )

    class Meta:
        model = Product
        fields = PRODUCT_FIELDS


class ClaimForm(forms.Form):
    standard = forms.ModelChoiceField(label=_("Standard"), queryset=Standard.objects.all())
    version = forms.CharField(label=_("Version"), max_length=40, required=False)
    scope = forms.CharField(label=_("Scope or profile"), max_length=200, required=False)


class StatementForm(forms.Form):
    file = forms.FileField(label=_("CapabilityStatement (JSON)"), required=False)
    url = https_url(_("or the server's base or /metadata URL"))

    def clean(self):
        data = super().clean()
        if bool(data.get("file")) == bool(data.get("url")):
            raise forms.ValidationError(_("Upload a file or give a URL (one of the two)."))
        return data


class CertificateForm(forms.ModelForm):
    class Meta:
        model = Certificate
        fields = ["standard", "kind", "issuer", "number", "valid_from", "valid_until", "document"]
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}),
            "valid_until": forms.DateInput(attrs={"type": "date"}),
        }

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document and (document.size > 10 * 2**20 or not document.name.lower().endswith(".pdf")):
            raise forms.ValidationError(_("Upload a PDF of at most 10 MB."))
        return document


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("Your reply"), widget=forms.Textarea, max_length=3000)
