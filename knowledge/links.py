"""Where the knowledge base is linked from: the site menu (its index page) and each
lock-in clause on the contract pages (its clause page, portal.help_links).

Both are asked on every page view, so the URLs are kept in the cache and forgotten
whenever any page is published, unpublished, moved or deleted."""

from django.core.cache import cache
from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.translation import localized

INDEX_KEY = "knowledge:index-url"
CLAUSES_KEY = "knowledge:clause-urls"
GUIDES_KEY = "knowledge:guide-urls"


def index_url():
    """The live, public knowledge base's URL, or "" when there is none."""

    def find():
        from knowledge.models import KnowledgeIndexPage

        page = KnowledgeIndexPage.objects.live().public().first()
        return (page.url or "") if page else ""

    return cache.get_or_set(INDEX_KEY, find)


def clause_page_urls():
    """{clause code: URL} of the live, public clause pages."""

    def find():
        from knowledge.models import ClausePage

        pages = ClausePage.objects.live().public().select_related("clause")
        return {page.clause.code: page.url for page in pages if page.url}

    return cache.get_or_set(CLAUSES_KEY, find)


def guide_pages():
    """{topic: (Dutch title, English title, URL)} of the live, public guides with a
    topic (the first by position where editors gave two the same)."""

    def find():
        from knowledge.models import GuidePage

        found = {}
        for page in GuidePage.objects.live().public().exclude(help_topic="").order_by("path"):
            if page.url:
                found.setdefault(page.help_topic, (page.title, page.title_en, page.url))
        return found

    return cache.get_or_set(GUIDES_KEY, find)


def guide_links():
    """{topic: (title in the reader's language, URL)}."""
    return {
        topic: (localized(title, title_en), url)
        for topic, (title, title_en, url) in guide_pages().items()
    }


def forget(**kwargs):
    cache.delete_many([INDEX_KEY, CLAUSES_KEY, GUIDES_KEY])


def _forget_deleted_page(sender, instance, **kwargs):
    if isinstance(instance, Page):
        forget()


def connect():
    for name, signal in (
        ("published", page_published),
        ("unpublished", page_unpublished),
        ("moved", post_page_move),
    ):
        signal.connect(forget, dispatch_uid=f"knowledge-links-{name}")
    post_delete.connect(_forget_deleted_page, dispatch_uid="knowledge-links-delete")
