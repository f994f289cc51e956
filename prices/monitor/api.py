"""The market monitor's API. Concentration by number of customers is public; shares by
value, beds or FTE and the other measures are for policy staff (403 otherwise)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import NotAuthenticated, PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from portal.choices import Province, Sector
from prices.disclosure import Rules
from prices.monitor import compute
from prices.monitor.access import may_see_monitor
from prices.monitor.data import market_data
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
        year = int(params.get("year") or data.today.year)
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
    contracts = compute.filtered(data, category.pk, sector, province)
    return (
        data,
        category,
        year,
        contracts,
        {"category": category.slug, "year": year, "sector": sector, "province": province},
    )


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
    """Vendor shares, HHI with its EU and US 2023 bands, CR1, CR3 and CR4."""
    basis = request.query_params.get("basis", "customers")
    if basis not in compute.BASES:
        raise ValidationError({"basis": _("Unknown basis.")})
    if basis != "customers":
        _policy_only(request)
    data, _category, year, contracts, selection = _selection(request)
    return Response({**selection, **compute.concentration_for(data, contracts, year, basis)})


@extend_schema(parameters=FILTERS, responses={200: dict})
@api_view(["GET"])
def dynamics(request):
    """Switching rate, entries and exits, median contract length and automatic renewal
    (policy staff)."""
    _policy_only(request)
    data, _category, year, contracts, selection = _selection(request)
    return Response({**selection, **compute.dynamics_for(data, contracts, year)})


@extend_schema(parameters=FILTERS, responses={200: dict})
@api_view(["GET"])
def lock_in(request):
    """Protective clause shares, the lock-in risk distribution (disclosure rules) and the
    interoperability score distribution (policy staff)."""
    _policy_only(request)
    data, category, year, contracts, selection = _selection(request)
    return Response(
        {
            **selection,
            "clauses": compute.clause_shares_for(data, contracts, year),
            "lock_in": compute.lock_in_distribution(category.pk, Rules.from_settings(), data.today),
            "scores": compute.score_distribution(category.pk),
        }
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
        year = int(request.query_params.get("year") or data.today.year)
    except ValueError as err:
        raise ValidationError({"year": _("Give the year as a number.")}) from err
    return Response(
        {"year": year, "sectors": compute.spending_by_sector(data, year, Rules.from_settings())}
    )
