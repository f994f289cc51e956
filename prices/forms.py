"""The explorer's choices: fixed dimensions only (see prices.publication)."""

from django import forms
from django.conf import settings
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contracts.models import ContractLine
from portal.choices import Sector
from prices.explorer import METRIC_LABELS, STANDING_METRICS
from vendors.models import Product, ProductCategory, Vendor


def year_choices():
    this_year = timezone.localdate().year
    return [(y, y) for y in range(this_year, this_year - settings.PRICE_YEARS_BACK - 1, -1)]


def default_year():
    return timezone.localdate().year - 1


def supplier_choices(category):
    """Vendors, products and deployment models that sell in ``category``."""
    if category is None:
        return []
    products = Product.objects.filter(Q(category=category) | Q(category__parent=category))
    vendors = Vendor.objects.filter(products__in=products).distinct().order_by("name")
    return [
        (_("Vendor"), [(f"vendor:{v.slug}", v.name) for v in vendors]),
        (_("Product"), [(f"product:{p.slug}", p.name) for p in products.order_by("name")]),
        (_("Deployment"), [(f"deployment:{v}", label) for v, label in Product.Deployment.choices]),
    ]


class CategoryField(forms.ModelChoiceField):
    def label_from_instance(self, category):
        return str(category)


class BenchmarkForm(forms.Form):
    categorie = CategoryField(
        label=_("Category"),
        queryset=ProductCategory.objects.select_related("parent")
        .annotate(
            family_order=Coalesce("parent__sort_order", "sort_order"),
            family_name=Coalesce("parent__name", "name"),
        )
        .order_by(
            "family_order", "family_name", F("parent").asc(nulls_first=True), "sort_order", "name"
        ),
        to_field_name="slug",
    )
    maatstaf = forms.ChoiceField(label=_("Metric"), choices=list(METRIC_LABELS.items()))
    jaar = forms.TypedChoiceField(label=_("Year"), coerce=int)
    kostensoort = forms.ChoiceField(
        label=_("Cost type"),
        required=False,
        choices=[("", _("All cost types")), *ContractLine.CostType.choices],
    )
    leverancier = forms.ChoiceField(label=_("Vendor, product or deployment"), required=False)
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", _("All sectors")), *Sector.choices]
    )

    def __init__(self, data, *, viewer):
        super().__init__(data)
        self.fields["jaar"].choices = year_choices()
        category = ProductCategory.objects.filter(slug=data.get("categorie") or "").first()
        self.fields["leverancier"].choices = [("", _("Any")), *supplier_choices(category)]
        if viewer.policy:
            del self.fields["leverancier"]  # policy staff see sector-by-category level
        else:
            del self.fields["sector"]

    def clean(self):
        data = super().clean()
        if data.get("kostensoort") and data.get("leverancier"):
            raise forms.ValidationError(
                _("Choose a cost type or a vendor, product or deployment, not both.")
            )
        return data

    def supplier(self):
        kind, _sep, value = (self.cleaned_data.get("leverancier") or "").partition(":")
        return kind, value


class StandingForm(forms.Form):
    maatstaf = forms.ChoiceField(
        label=_("Metric"), choices=[(m, METRIC_LABELS[m]) for m in STANDING_METRICS]
    )
    jaar = forms.TypedChoiceField(label=_("Year"), coerce=int)
    categorie = CategoryField(
        label=_("Category"),
        required=False,
        empty_label=_("All categories"),
        queryset=ProductCategory.objects.none(),
        to_field_name="slug",
    )
    boven_p75 = forms.BooleanField(label=_("Only contracts above P75"), required=False)

    def __init__(self, data, *, categories=None):
        super().__init__(data)
        self.fields["jaar"].choices = year_choices()
        # Only the categories of the organisation's own contracts: nothing to learn here.
        self.fields["categorie"].queryset = (
            ProductCategory.objects.filter(pk__in=categories if categories is not None else [])
            .select_related("parent")
            .order_by("parent__name", "name")
        )
