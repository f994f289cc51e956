"""The search documents of every app. Search sits above the apps it indexes: the apps
know nothing of it, and django-elasticsearch-dsl registers these documents when it
autodiscovers this module."""

from search.documents import (  # noqa: F401
    airegister,
    coalitions,
    contracts,
    organizations,
    vendors,
)
