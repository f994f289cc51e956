"""CMS screens for the market catalogue: vendors, products, categories, standards."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.log_actions import log
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    EditView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from vendors.models import (
    Product,
    ProductCategory,
    ScoringMethod,
    Standard,
    Vendor,
    VendorRepresentative,
)
from vendors.rescoring import publish_scoring_method, rescore_products


class VendorViewSet(SnippetViewSet):
    model = Vendor
    icon = "group"
    list_display = ["name", "country", "kvk_number", "parent_group"]
    search_fields = ["name", "kvk_number"]
    list_filter = ["country"]


class RescoreProductMixin:
    """A product's openness signals count in its score: rescore it on save."""

    def save_instance(self):
        instance = super().save_instance()
        rescore_products([instance])
        return instance


class ProductCreateView(RescoreProductMixin, CreateView):
    pass


class ProductEditView(RescoreProductMixin, EditView):
    pass


class ProductViewSet(SnippetViewSet):
    model = Product
    add_view_class = ProductCreateView
    edit_view_class = ProductEditView
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


class ScoringMethodCreateView(CreateView):
    """A new version is live as soon as it is saved: every product is rescored with it
    in the same transaction."""

    def save_instance(self):
        instance = publish_scoring_method(self.form.save(commit=False))
        log(instance=instance, action="wagtail.create", content_changed=True)
        return instance


class ScoringMethodViewSet(SnippetViewSet):
    """Editors add a new version to change the weights; a used version refuses edits
    (ScoringMethod.clean), so every stored score stays explainable."""

    model = ScoringMethod
    add_view_class = ScoringMethodCreateView
    icon = "cogs"
    list_display = ["version", "name", "name_en", "created_at"]
    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("notes"),
        FieldPanel("notes_en"),
        FieldPanel("weights"),
    ]


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
        ScoringMethodViewSet,
    )


register_snippet(MarketCatalogueGroup)
