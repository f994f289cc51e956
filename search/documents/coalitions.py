"""Search document for coalitions. Public coalitions are found by anyone; a private one
only by users of its active member organisations: organization_id holds all of them
(a multi-valued field; see search.query._visibility)."""

from django.db.models import Q
from django_elasticsearch_dsl import fields
from django_elasticsearch_dsl.registries import registry

from coalitions.models import Coalition, CoalitionMember
from search.documents.base import INDEX_SETTINGS, PortalDocument, category_slugs, index_name
from vendors.models import ProductCategory


@registry.register_document
class CoalitionDocument(PortalDocument):
    KIND = "coalition"
    organization_id = fields.IntegerField(multi=True)

    class Index:
        name = index_name("coalitions")
        settings = INDEX_SETTINGS

    class Django:
        model = Coalition
        related_models = [CoalitionMember, ProductCategory]

    def get_queryset(self):
        return Coalition.objects.prefetch_related("categories__parent", "members")

    def get_instances_from_related(self, related):
        """A membership decides who may find a private coalition; a category's name and
        slugs (both levels) are in the document."""
        if isinstance(related, CoalitionMember):
            return Coalition.objects.filter(pk=related.coalition_id)
        return Coalition.objects.filter(Q(categories=related) | Q(categories__parent=related))

    def prepare_title(self, coalition):
        return coalition.name

    def prepare_body(self, coalition):
        return " ".join(
            [coalition.goal, coalition.get_type_display(), *map(str, coalition.categories.all())]
        )

    def prepare_public(self, coalition):
        return coalition.visibility == Coalition.Visibility.PUBLIC

    def prepare_organization_id(self, coalition):
        return sorted(
            m.organization_id
            for m in coalition.members.all()
            if m.status == CoalitionMember.Status.ACTIVE
        )

    def prepare_category(self, coalition):
        return sorted({slug for c in coalition.categories.all() for slug in category_slugs(c)})

    def prepare_date(self, coalition):
        return coalition.created_at.date()
