"""The market monitor's API. Concentration by number of customers is public; shares by
value, beds or FTE and the other measures are for policy staff (403 otherwise).

Every answer comes from the current release (``release``: its number and data day;
null with ``withheld: "no_release"`` before the first one) and holds the same figures
as the dashboard: withheld figures are null, with their reasons beside them."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import NotAuthenticated, PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from market import compute
from market.access import may_see_monitor
from market.data import market_data
from portal.choices import Province, Sector
from vendors.models import ProductCategory

FILTERS = [
    OpenApiParameter("category", str, required=True, description="Category slug (either level)"),
    OpenApiParameter("year", int, description="Default: this year"),
    OpenApiParameter("sector", str, enum=Sector.values),
    OpenApiParameter("province", str, enum=Province.values),
]


def _selection(request):
    params = request.query_params
    category = ProductCategory.objects.filter(slug=params.get("category", "")).first()
    if category is None:
        raise ValidationError({"category": _("Give the slug of a product category.")})
    data = market_data()
    try:
        year = int(params.get("year") or data.as_of.year)
    except ValueError as err:
        raise ValidationError({"year": _("Give the year as a number.")}) from err
    if year not in data.years:
        raise ValidationError(
            {
                "year": _("Years from %(first)s to %(last)s.")
                % {"first": data.years[0], "last": data.years[-1]}
            }
        )
    sector, province = params.get("sector", ""), params.get("province", "")
    if sector and sector not in Sector.values:
        raise ValidationError({"sector": _("Unknown sector.")})
    if province and province not in Province.values:
        raise ValidationError({"province": _("Unknown province.")})
    return (
        data,
        category,
        year,
        {"category": category.slug, "year": year, "sector": sector, "province": province},
    )


def _answer(data, selection, figures):
    """``figures()`` from the current release, or the "no release yet" state."""
    if not data.released:
        return Response({**selection, **compute.no_release_answer()})
    return Response({**selection, "release": compute.release_info(data), **figures()})


def _policy_only(request):
    if not request.user.is_authenticated:
        raise NotAuthenticated()
    if not may_see_monitor(request.user):
        raise PermissionDenied(_("This part of the market monitor is for policy staff."))


@extend_schema(
    parameters=[
        *FILTERS,
        OpenApiParameter(
            "basis",
            str,
            enum=list(compute.BASES),
            description="customers (public) or value, beds, fte (policy staff)",
        ),
    ],
    responses={200: dict},
)
@api_view(["GET"])
@permission_classes([AllowAny])
def concentration(request):
    """Shares per vendor group (the ultimate parent company; ``vendors[].members``: the
    names of the group's other vendors, as the catalogue has them), HHI with its EU and
    US 2023 bands, CR1, CR3 and CR4, all per group."""
    basis = request.query_params.get("basis", "customers")
    if basis not in compute.BASES:
        raise ValidationError({"basis": _("Unknown basis.")})
    if basis != "customers":
        _policy_only(request)
    data, category, year, selection = _selection(request)
    where = (data, category.pk, year, selection["sector"], selection["province"])

    def figures():
        found = compute.concentration(*where, basis)
        if basis != "customers":  # what the shares are of (policy staff only)
            found = {**found, "market_value": compute.market_value_of(*where)}
        return found

    return _answer(data, selection, figures)


@extend_schema(parameters=FILTERS, responses={200: dict})
@api_view(["GET"])
def dynamics(request):
    """Switching rate, entries and exits, median contract length and automatic renewal
    (policy staff)."""
    _policy_only(request)
    data, category, year, selection = _selection(request)
    return _answer(
        data,
        selection,
        lambda: compute.dynamics(
            data, category.pk, year, selection["sector"], selection["province"]
        ),
    )


@extend_schema(parameters=FILTERS, responses={200: dict})
@api_view(["GET"])
def lock_in(request):
    """Protective clause shares, the lock-in risk distribution (disclosure rules) and the
    interoperability score distribution (policy staff)."""
    _policy_only(request)
    data, category, year, selection = _selection(request)
    return _answer(
        data,
        selection,
        lambda: {
            "clauses": compute.clauses(
                data, category.pk, year, selection["sector"], selection["province"]
            ),
            "lock_in": compute.lock_in(data, category.pk),
            "scores": compute.score_distribution(category.pk),
        },
    )


@extend_schema(
    parameters=[OpenApiParameter("year", int, description="Default: this year")],
    responses={200: dict},
)
@api_view(["GET"])
def spending(request):
    """ICT spend as a share of revenue per sector (disclosure rules), with the sector
    references (policy staff)."""
    _policy_only(request)
    data = market_data()
    try:
        year = int(request.query_params.get("year") or data.as_of.year)
    except ValueError as err:
        raise ValidationError({"year": _("Give the year as a number.")}) from err
    return _answer(data, {"year": year}, lambda: {"sectors": compute.spending(data, year)})
