"""CMS screens for the market catalogue: vendors, products, categories, standards."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from vendors.models import Product, ProductCategory, Standard, Vendor, VendorRepresentative


class VendorViewSet(SnippetViewSet):
    model = Vendor
    icon = "group"
    list_display = ["name", "country", "kvk_number", "parent_group"]
    search_fields = ["name", "kvk_number"]
    list_filter = ["country"]


class ProductViewSet(SnippetViewSet):
    model = Product
    icon = "tag"
    list_display = ["name", "vendor", "category", "deployment"]
    list_filter = ["deployment", "category"]
    search_fields = ["name"]


class ProductCategoryViewSet(SnippetViewSet):
    model = ProductCategory
    icon = "folder-open-inverse"
    list_display = ["name", "name_en", "parent", "sort_order"]


class StandardViewSet(SnippetViewSet):
    model = Standard
    icon = "doc-full"
    list_display = ["name", "version", "kind", "steward"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]


class VendorRepresentativeViewSet(SnippetViewSet):
    model = VendorRepresentative
    icon = "user"
    list_display = ["user", "vendor"]


class MarketCatalogueGroup(SnippetViewSetGroup):
    menu_label = _("Market catalogue")
    menu_icon = "folder-inverse"
    menu_order = 200
    items = (
        VendorViewSet,
        ProductViewSet,
        ProductCategoryViewSet,
        StandardViewSet,
        VendorRepresentativeViewSet,
    )


register_snippet(MarketCatalogueGroup)
