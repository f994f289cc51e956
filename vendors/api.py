"""Public API for the vendor directory and the reference catalogues, with each
product's evidence and score; vendor representatives post CapabilityStatements for
their own products."""

from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.utils import timezone
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, viewsets
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from portal.api_fields import SlugRelatedField
from portal.models import AuditEvent
from vendors.access import represented_vendor
from vendors.capability import CapabilityStatementError, fetch_statement, localized_coverage
from vendors.evidence_bulk import evidence_levels, latest_statements, live_scores
from vendors.lockin_published import published_lock_in
from vendors.models import (
    CodeOfConductSignature,
    Product,
    ProductCategory,
    ScoringMethod,
    Standard,
    StandardClaim,
    Vendor,
)
from vendors.scoring import vendor_scores
from vendors.selfservice import add_capability_statement, add_claim, publish_reply
from vendors.views import viewer_organization


class ProductCategorySerializer(serializers.ModelSerializer):
    parent = SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    display_name = serializers.CharField(
        read_only=True, help_text="The name in the active language (Dutch unless chosen)"
    )

    class Meta:
        model = ProductCategory
        fields = ["slug", "name", "name_en", "display_name", "parent", "description"]


class LockInSerializer(serializers.Serializer):
    n_organisations = serializers.IntegerField(allow_null=True)
    p25 = serializers.FloatField(allow_null=True)
    median = serializers.FloatField(allow_null=True)
    p75 = serializers.FloatField(allow_null=True)
    suppressed = serializers.BooleanField()
    code = serializers.CharField(
        allow_blank=True,
        help_text="Why not shown: too_few, dominant, differencing or no_release",
    )
    reason = serializers.CharField(allow_blank=True)
    release = serializers.DateField(
        source="as_of", allow_null=True, help_text="Data day of the release the figure is from"
    )


def _lock_in(serializer, vendor, product=None):
    """Published lock-in figures from the current release, on detail requests only; a
    contributing care provider gets them without its own contracts, as on the pages."""
    view = serializer.context.get("view")
    if getattr(view, "action", None) != "retrieve":
        return None
    request = serializer.context.get("request")
    viewer = viewer_organization(request.user) if request is not None else None
    published = published_lock_in(vendor, viewer_organization=viewer)
    figure = published.vendor if product is None else published.product(product.pk)
    return LockInSerializer(figure).data


class ReplySerializer(serializers.Serializer):
    text = serializers.CharField()
    published_at = serializers.DateTimeField()


class VendorSerializer(serializers.ModelSerializer):
    parent_group = SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    score = serializers.SerializerMethodField(help_text="Mean of its products' live scores")
    signed_code_of_conduct = serializers.SerializerMethodField()
    reply = serializers.SerializerMethodField()
    last_updated = serializers.SerializerMethodField()
    lock_in = serializers.SerializerMethodField(
        help_text="Customers' lock-in risk (0-100) from the current release, under the "
        "disclosure rules (detail requests only)"
    )

    class Meta:
        model = Vendor
        fields = [
            "slug",
            "name",
            "kvk_number",
            "country",
            "website",
            "description",
            "parent_group",
            "score",
            "signed_code_of_conduct",
            "reply",
            "last_updated",
            "lock_in",
        ]

    # The view annotates signed_at and last_change_at, prefetches replies and passes the
    # page's scores in the context: a page of 50 vendors costs a few queries, not 250.
    @extend_schema_field(serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True))
    def get_score(self, vendor):
        scores = self.context.get("vendor_scores")
        if scores is None:  # a single vendor
            scores = vendor_scores([vendor])
        score = scores.get(vendor.pk)
        return None if score is None else str(score)

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_signed_code_of_conduct(self, vendor):
        return vendor.signed_at

    @extend_schema_field(ReplySerializer(allow_null=True))
    def get_reply(self, vendor):
        reply = next(iter(vendor.replies.all()), None)  # newest first (Meta.ordering)
        return ReplySerializer(reply).data if reply else None

    @extend_schema_field(LockInSerializer(allow_null=True))
    def get_lock_in(self, vendor):
        return _lock_in(self, vendor)

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_last_updated(self, vendor):
        return vendor.last_change_at


class ClaimSerializer(serializers.Serializer):
    standard = serializers.CharField(source="standard.code")
    version = serializers.CharField()
    scope = serializers.CharField()
    evidence = serializers.SerializerMethodField()

    def get_evidence(self, claim) -> str:
        levels = self.context.get("evidence_levels")
        if levels is not None and claim.pk in levels:
            return str(levels[claim.pk])
        return str(claim.evidence_level(timezone.localdate()))


class ScoreSerializer(serializers.Serializer):
    score = serializers.DecimalField(max_digits=5, decimal_places=1)
    method_version = serializers.IntegerField(source="method.version")
    breakdown = serializers.JSONField()
    computed_at = serializers.DateTimeField()


class CoverageSerializer(serializers.Serializer):
    fhir_version = serializers.CharField()
    software = serializers.CharField()
    created_at = serializers.DateTimeField()
    coverage = serializers.JSONField(
        help_text="Per requirement set: its name in the active language, SHALL/SHOULD met, "
        "total, missing items"
    )

    def to_representation(self, statement):
        data = super().to_representation(statement)
        data["coverage"] = localized_coverage(statement.coverage)
        return data


class ProductSerializer(serializers.ModelSerializer):
    vendor = SlugRelatedField(slug_field="slug", read_only=True)
    category = SlugRelatedField(slug_field="slug", read_only=True)
    claims = ClaimSerializer(many=True, read_only=True)
    score = serializers.SerializerMethodField()
    capability_statement = serializers.SerializerMethodField()
    lock_in = serializers.SerializerMethodField(
        help_text="Customers' lock-in risk (0-100) from the current release, under the "
        "disclosure rules (detail requests only)"
    )

    class Meta:
        model = Product
        fields = [
            "slug",
            "name",
            "vendor",
            "category",
            "deployment",
            "description",
            "website",
            "api_docs_url",
            "api_access_free",
            "bulk_export",
            "claims",
            "score",
            "capability_statement",
            "lock_in",
        ]

    @extend_schema_field(ScoreSerializer(allow_null=True))
    def get_score(self, product):
        scores = self.context.get("scores")
        if scores is not None:
            score = scores.get(product.pk)
        else:
            score = product.scores.filter(method=ScoringMethod.objects.live()).first()
        return ScoreSerializer(score).data if score else None

    @extend_schema_field(LockInSerializer(allow_null=True))
    def get_lock_in(self, product):
        return _lock_in(self, product.vendor, product)

    @extend_schema_field(CoverageSerializer(allow_null=True))
    def get_capability_statement(self, product):
        statements = self.context.get("statements")
        if statements is not None:
            statement = statements.get(product.pk)
        else:
            statement = product.capability_statements.order_by("-created_at").first()
        return CoverageSerializer(statement).data if statement else None


class StandardSerializer(serializers.ModelSerializer):
    display_description = serializers.CharField(
        read_only=True, help_text="The description in the active language (Dutch unless chosen)"
    )

    class Meta:
        model = Standard
        fields = [
            "code",
            "name",
            "kind",
            "steward",
            "version",
            "url",
            "description",
            "description_en",
            "display_description",
        ]


class VendorViewSet(viewsets.ReadOnlyModelViewSet):
    """Vendors in the directory."""

    queryset = (
        Vendor.objects.select_related("parent_group")
        .prefetch_related("replies")
        .annotate(
            signed_at=Subquery(
                CodeOfConductSignature.objects.filter(vendor=OuterRef("pk"))
                .order_by("-signed_at")
                .values("signed_at")[:1]
            ),
            last_change_at=Subquery(
                AuditEvent.objects.filter(vendor=OuterRef("pk")).order_by("-at").values("at")[:1]
            ),
        )
        .order_by("name")
    )
    serializer_class = VendorSerializer
    lookup_field = "slug"

    def paginate_queryset(self, queryset):
        self._page = super().paginate_queryset(queryset)
        return self._page

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if getattr(self, "_page", None) is not None:
            context["vendor_scores"] = vendor_scores(self._page)
        return context


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("vendor", str, description="Vendor slug"),
            OpenApiParameter("category", str, description="Category slug (either level)"),
            OpenApiParameter("deployment", str, enum=Product.Deployment.values),
        ]
    )
)
class ProductViewSet(viewsets.ReadOnlyModelViewSet):
    """Products with their claims (and evidence level), live score with breakdown and
    latest CapabilityStatement coverage; filter with ``?vendor=<slug>``,
    ``?category=<slug>``, ``?deployment=``."""

    serializer_class = ProductSerializer
    lookup_field = "slug"

    def paginate_queryset(self, queryset):
        self._page = super().paginate_queryset(queryset)
        return self._page

    def get_serializer_context(self):
        """For a list, everything the serializer needs for the page in a few queries."""
        context = super().get_serializer_context()
        page = getattr(self, "_page", None)
        if page:
            claims = [claim for product in page for claim in product.claims.all()]
            context.update(
                evidence_levels=evidence_levels(claims, timezone.localdate()),
                scores=live_scores(page),
                statements=latest_statements(page),
            )
        return context

    def get_queryset(self):
        products = (
            Product.objects.select_related("vendor", "category")
            .prefetch_related(
                Prefetch(
                    "claims",
                    queryset=StandardClaim.objects.select_related("standard", "product"),
                )
            )
            .order_by("name")
        )
        params = self.request.query_params
        if vendor := params.get("vendor"):
            products = products.filter(vendor__slug=vendor)
        if category := params.get("category"):
            products = products.filter(
                Q(category__slug=category) | Q(category__parent__slug=category)
            )
        if deployment := params.get("deployment"):
            products = products.filter(deployment=deployment)
        return products


class ProductCategoryViewSet(viewsets.ReadOnlyModelViewSet):
    """The two-level product taxonomy."""

    queryset = ProductCategory.objects.select_related("parent").order_by(
        "parent__sort_order", "sort_order", "name"
    )
    serializer_class = ProductCategorySerializer
    lookup_field = "slug"


class StandardViewSet(viewsets.ReadOnlyModelViewSet):
    """The catalogue of interoperability, terminology and security standards."""

    queryset = Standard.objects.order_by("kind", "name")
    serializer_class = StandardSerializer
    lookup_field = "code"


def _url_only(data):
    """The URL when the body is ``{"url": ...}`` instead of a statement."""
    import json

    try:
        body = json.loads(data)
    except ValueError:
        return ""
    return str(body["url"]) if isinstance(body, dict) and set(body) == {"url"} else ""


@extend_schema(
    request={
        "application/json": {
            "type": "object",
            "description": 'A FHIR CapabilityStatement, or {"url": ...}',
        }
    },
    responses={201: CoverageSerializer},
)
@api_view(["POST"])
@permission_classes([IsAuthenticated])
def capability_statement_upload(request, slug):
    """Store a new CapabilityStatement version for one of the caller's own products
    (vendor representatives only); refused documents change nothing."""

    product = represented_vendor(request.user).products.filter(slug=slug).first()
    if product is None:
        raise NotFound()
    data = request.body  # the raw document: it is validated as a whole
    try:
        url = _url_only(data)
        if url:
            data = fetch_statement(url)
        version = add_capability_statement(product, request.user, data, source_url=url)
    except CapabilityStatementError as error:
        return Response({"detail": str(error)}, status=400)
    return Response(CoverageSerializer(version).data, status=201)


class ClaimInputSerializer(serializers.Serializer):
    standard = SlugRelatedField(slug_field="code", queryset=Standard.objects.all())
    version = serializers.CharField(required=False, allow_blank=True, max_length=40)
    scope = serializers.CharField(required=False, allow_blank=True, max_length=200)


@extend_schema(request=ClaimInputSerializer, responses={201: ClaimSerializer})
@api_view(["POST"])
@permission_classes([IsAuthenticated])
def claim_create(request, slug):
    """Claim a standard for one of the caller's own products (vendor representatives)."""
    product = represented_vendor(request.user).products.filter(slug=slug).first()
    if product is None:
        raise NotFound()
    data = ClaimInputSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    try:
        claim = add_claim(product, request.user, **data.validated_data)
    except ValidationError as error:
        return Response({"detail": error.messages}, status=400)
    return Response(ClaimSerializer(claim).data, status=201)


class ReplyInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=3000)


@extend_schema(request=ReplyInputSerializer, responses={201: ReplySerializer})
@api_view(["POST"])
@permission_classes([IsAuthenticated])
def reply_create(request):
    """Publish the caller's vendor's reply to its scores (vendor representatives)."""
    vendor = represented_vendor(request.user)
    data = ReplyInputSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    reply = publish_reply(vendor, request.user, data.validated_data["text"])
    return Response(ReplySerializer(reply).data, status=201)
