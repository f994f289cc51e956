"""Finding shared AI applications: the search text and facets of the shared list, used
by its page (airegister.sharing_views) and the API (airegister.api)."""

from django.db.models import Q

from airegister.access import shared_applications
from airegister.models import AIApplication

# query parameter -> (model field, choices): the facets of the shared list
FACETS = {
    "doel": ("purpose", AIApplication.Purpose),
    "fase": ("phase", AIApplication.Phase),
    "risico": ("risk_class", AIApplication.RiskClass),
    "herkomst": ("origin", AIApplication.Origin),
}
SEARCHED = ("name", "purpose_description", "department", "vendor__name", "product__name")


def selection(params):
    """The chosen facet values (only valid ones) and the search text."""
    chosen = {
        param: params.get(param, "")
        for param, (_field, choices) in FACETS.items()
        if params.get(param, "") in choices.values
    }
    return chosen, params.get("q", "").strip()[:200]


def search_shared(q, chosen, applications=None, *, skip=None):
    """Shared applications matching ``q`` and every chosen facet but ``skip``."""
    applications = shared_applications() if applications is None else applications
    for word in q.split():
        match = Q()
        for field in SEARCHED:
            match |= Q(**{f"{field}__icontains": word})
        applications = applications.filter(match)
    for param, value in chosen.items():
        if param != skip:
            applications = applications.filter(**{FACETS[param][0]: value})
    return applications
