"""GET /api/v1/benchmarks/: one benchmark cell, with the same rules as the pages."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from contracts.api_auth import OrganizationTokenAuthentication
from contracts.models import ContractLine
from disclosure import releases
from disclosure.serializers import ReleaseSerializer
from portal.choices import Sector
from prices.access import viewer_for
from prices.facts import METRICS
from prices.peer_groups import REGIONS, SIZE_BAND_CHOICES
from prices.publication import SUPPLIER_KINDS, CellKey
from prices.releases import publication_for
from vendors.models import Product, ProductCategory

PROBLEMS = {
    "needs_sector": _("A size band or region needs a sector."),
    "band_and_region": _("Choose a size band or a region, not both."),
    "region_with_supplier": _("A region cannot be combined with a vendor, product or deployment."),
    "cost_type_with_supplier": _(
        "Choose a cost type or a vendor, product or deployment, not both."
    ),
    "supplier": _("Choose at most one of vendor, product and deployment."),
}


class BenchmarkQuerySerializer(serializers.Serializer):
    category = serializers.SlugField(help_text="Slug of a main category or subcategory.")
    metric = serializers.ChoiceField(choices=METRICS, default="annual")
    year = serializers.IntegerField(required=False, help_text="Default: last year.")
    sector = serializers.ChoiceField(choices=Sector.choices, required=False)
    size_band = serializers.ChoiceField(choices=SIZE_BAND_CHOICES, required=False)
    region = serializers.ChoiceField(choices=list(REGIONS), required=False)
    cost_type = serializers.ChoiceField(choices=ContractLine.CostType.choices, required=False)
    vendor = serializers.SlugField(required=False)
    product = serializers.SlugField(required=False)
    deployment = serializers.ChoiceField(choices=Product.Deployment.choices, required=False)
    organization = serializers.SlugField(
        required=False,
        help_text="For users in several care providers: the one to see benchmarks as.",
    )

    def validate_year(self, year):
        this_year = timezone.localdate().year
        first = this_year - settings.PRICE_YEARS_BACK
        if not first <= year <= this_year:
            raise serializers.ValidationError(
                _("Choose a year from %(first)s to %(last)s.") % {"first": first, "last": this_year}
            )
        return year

    def validate(self, data):
        suppliers = [kind for kind in SUPPLIER_KINDS if data.get(kind)]
        if len(suppliers) > 1:
            raise serializers.ValidationError(PROBLEMS["supplier"])
        kind = suppliers[0] if suppliers else ""
        data["key"] = CellKey(
            metric=data["metric"],
            year=data.get("year", timezone.localdate().year - 1),
            cost_type=data.get("cost_type", ""),
            supplier_kind=kind,
            supplier=data.get(kind, "") if kind else "",
            sector=data.get("sector", ""),
            size_band=data.get("size_band", ""),
            region=data.get("region", ""),
        )
        problem = data["key"].problem()
        if problem:
            raise serializers.ValidationError(PROBLEMS[problem])
        return data


class BenchmarkSerializer(serializers.Serializer):
    category = serializers.CharField()
    metric = serializers.CharField()
    year = serializers.IntegerField()
    sector = serializers.CharField(allow_blank=True)
    size_band = serializers.CharField(allow_blank=True)
    region = serializers.CharField(allow_blank=True)
    cost_type = serializers.CharField(allow_blank=True)
    supplier_kind = serializers.CharField(allow_blank=True)
    supplier = serializers.CharField(allow_blank=True)
    n_organisations = serializers.IntegerField(
        allow_null=True, help_text="Null when suppressed: the count is never revealed then."
    )
    p10 = serializers.FloatField(allow_null=True, help_text="Only from 10 organisations.")
    p25 = serializers.FloatField(allow_null=True)
    median = serializers.FloatField(allow_null=True)
    p75 = serializers.FloatField(allow_null=True)
    p90 = serializers.FloatField(allow_null=True, help_text="Only from 10 organisations.")
    suppressed = serializers.BooleanField()
    reason = serializers.CharField(allow_blank=True, help_text="Why a figure is suppressed.")
    release = ReleaseSerializer(
        allow_null=True, help_text="The release the figures come from; null before the first."
    )


class BenchmarkView(APIView):
    """One benchmark cell for the caller's organisation (its own data left out), under
    the portal's disclosure rules: at least 5 organisations, none over 25 %, data at
    least 90 days old, noisy percentiles only, and complementary suppression against
    combining figures, from the current release (figures change only with a release).
    Revenue share is a fraction (0.012 = 1.2 %)."""

    authentication_classes = [
        OrganizationTokenAuthentication,
        *APIView.authentication_classes,
    ]
    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[BenchmarkQuerySerializer], responses=BenchmarkSerializer)
    def get(self, request):
        viewer = viewer_for(request.user, request.query_params.get("organization"))
        if viewer is None:
            raise PermissionDenied(_("Benchmarks are for care providers and policy staff."))
        query = BenchmarkQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        category = ProductCategory.objects.filter(slug=data["category"]).first()
        if category is None:
            raise NotFound(_("Unknown category."))
        key = data["key"]
        if not viewer.may_see_category(category):
            raise PermissionDenied(
                _("Share at least one contract in this category to see its benchmarks.")
            )
        if not viewer.may_see_key(key):
            raise PermissionDenied(_("Policy staff see benchmarks per sector only."))
        cell = publication_for(category).cell(key, viewer.organization_id)
        body = {
            "category": category.slug,
            **key._asdict(),
            "n_organisations": cell.n_organisations,
            "p10": cell.p10,
            "p25": cell.p25,
            "median": cell.median,
            "p75": cell.p75,
            "p90": cell.p90,
            "suppressed": cell.suppressed,
            "reason": cell.reason,
            "release": releases.current(),
        }
        return Response(BenchmarkSerializer(body).data)
