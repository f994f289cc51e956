"""API for coalitions, their members, requirements and vendor answers, under the same
rules as the pages: a private coalition does not exist (404) for anyone outside it;
members, requirements and answers are for members; vendor representatives see and
answer only the requests to their own vendor."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action, api_view, permission_classes
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from coalitions import access, requirements, rfi, services
from coalitions.demand import aggregated_demand, competition_check
from coalitions.models import Coalition, CoalitionMember, Requirement, VendorAnswer, VendorRequest
from contracts.models import LockInClause
from disclosure import releases
from disclosure.serializers import ReleaseSerializer
from portal.api_fields import SlugRelatedField
from portal.models import Membership, Organization
from vendors.access import represented_vendor
from vendors.models import Standard


class CoalitionSerializer(serializers.ModelSerializer):
    categories = SlugRelatedField(slug_field="slug", many=True, read_only=True)
    target_vendors = SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Coalition
        fields = [
            "slug",
            "name",
            "goal",
            "type",
            "stage",
            "visibility",
            "categories",
            "target_vendors",
            "participation_criteria",
            "cost_sharing",
        ]


class MemberSerializer(serializers.ModelSerializer):
    organization = SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = CoalitionMember
        fields = ["organization", "role", "status", "decided_at"]


class InvitationSerializer(serializers.Serializer):
    organization = SlugRelatedField(
        slug_field="slug", queryset=Organization.objects.all(), help_text="The organisation's slug"
    )
    role = serializers.ChoiceField(
        choices=CoalitionMember.Role.choices, default=CoalitionMember.Role.MEMBER
    )


class JoinRequestSerializer(serializers.Serializer):
    organization = serializers.SlugField(
        help_text="The slug of the organisation you act for that asks to join"
    )


class RequirementSerializer(serializers.ModelSerializer):
    standards = SlugRelatedField(
        slug_field="code", many=True, queryset=Standard.objects.all(), required=False
    )
    clauses = SlugRelatedField(
        slug_field="code", many=True, queryset=LockInClause.objects.all(), required=False
    )

    class Meta:
        model = Requirement
        fields = ["id", "number", "priority", "text", "standards", "clauses"]
        read_only_fields = ["id", "number"]


class MemberRequirementSerializer(RequirementSerializer):
    votes_for = serializers.IntegerField(read_only=True)
    votes_against = serializers.IntegerField(read_only=True)

    class Meta(RequirementSerializer.Meta):
        fields = [*RequirementSerializer.Meta.fields, "votes_for", "votes_against"]


class VendorAnswerSerializer(serializers.ModelSerializer):
    vendor = SlugRelatedField(source="request.vendor", slug_field="slug", read_only=True)
    requirement = serializers.IntegerField(source="requirement.number", read_only=True)

    class Meta:
        model = VendorAnswer
        fields = ["vendor", "requirement", "answer", "comment", "answered_at"]


class FigureSerializer(serializers.Serializer):
    """A published figure: its value, or why it is withheld (``value`` null)."""

    value = serializers.FloatField(allow_null=True)
    reason = serializers.CharField(allow_blank=True, help_text="Why the figure is withheld.")


class SavingsSerializer(serializers.Serializer):
    category = serializers.CharField()
    median = serializers.FloatField(
        allow_null=True, help_text="Spend minus the spend at the benchmark median (EUR)"
    )
    p25 = serializers.FloatField(allow_null=True)
    reason = serializers.CharField(allow_blank=True, help_text="Why the figure is withheld.")


class MarketShareSerializer(serializers.Serializer):
    by_spend = serializers.CharField(source="spend_band", help_text="A band, e.g. 5-15%")
    by_beds = serializers.CharField(source="beds_band")
    limit_percent = serializers.CharField()
    exceeded = serializers.BooleanField()


class EndYearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    contracts = serializers.IntegerField(
        help_text="Members' contracts ending that year: rounded, with a small random deviation."
    )
    or_later = serializers.BooleanField(help_text="The row counts this year and all later ones.")


class DemandSerializer(serializers.Serializer):
    """Figures of the current release (``release`` null and ``withheld`` set before the
    coalition is in one): totals are protected (rounded, with noise), the market share
    is a band."""

    release = ReleaseSerializer(
        allow_null=True, help_text="The release the figures come from; null before it."
    )
    reason = serializers.CharField(source="demand.reason", allow_blank=True)
    members = serializers.IntegerField(source="demand.members", allow_null=True)
    spend = FigureSerializer(source="demand.spend")
    fte = FigureSerializer(source="demand.fte")
    beds = FigureSerializer(source="demand.beds")
    users = FigureSerializer(source="demand.users")
    end_years = EndYearSerializer(
        source="demand.end_years",
        many=True,
        help_text="Contracts ending per year (empty when withheld: see end_years_reason).",
    )
    end_years_reason = serializers.CharField(
        source="demand.end_years_reason",
        allow_blank=True,
        help_text="Why the end years are withheld.",
    )
    savings = SavingsSerializer(source="demand.savings", many=True)
    market_share = MarketShareSerializer(source="check")


class CoalitionViewSet(viewsets.ReadOnlyModelViewSet):
    """Coalitions the caller may see: every public one and the private ones of the
    caller's organisations. ``members``, ``requirements`` (POST: add one),
    ``vendor-answers`` and ``demand`` (the published figures) are for members only.
    Membership: POST ``invitations`` (coordinators), ``join-requests`` (public
    coalitions), ``members/<organisation>/<decision>`` (approve, decline, accept,
    refuse, leave)."""

    serializer_class = CoalitionSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return access.visible_coalitions(self.request.user).prefetch_related(
            "categories", "target_vendors"
        )

    def _member_coalition(self):
        coalition = self.get_object()
        if not access.is_member(self.request.user, coalition):
            raise NotFound()
        return coalition

    @action(detail=True, serializer_class=MemberSerializer)
    def members(self, request, slug=None):
        coalition = self._member_coalition()
        memberships = access.visible_memberships(request.user, coalition).order_by(
            "organization__name"
        )
        return Response(MemberSerializer(memberships, many=True).data)

    def _written(self, write, status=201):
        try:
            membership = write()
        except ValidationError as error:
            return Response({"detail": error.messages}, status=400)
        return Response(MemberSerializer(membership).data, status=status)

    @extend_schema(request=InvitationSerializer, responses={201: MemberSerializer})
    @action(detail=True, methods=["post"], serializer_class=InvitationSerializer)
    def invitations(self, request, slug=None):
        """Invite an organisation (coordinators only)."""
        coalition = self.get_object()
        if not access.is_coordinator(request.user, coalition):
            raise NotFound()
        data = InvitationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._written(
            lambda: services.invite(coalition, user=request.user, **data.validated_data)
        )

    @extend_schema(request=JoinRequestSerializer, responses={201: MemberSerializer})
    @action(
        detail=True,
        methods=["post"],
        url_path="join-requests",
        serializer_class=JoinRequestSerializer,
    )
    def join_requests(self, request, slug=None):
        """Ask to join a public coalition for an organisation you act for; its
        coordinators decide."""
        coalition = self.get_object()
        data = JoinRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        organization = (
            access.editable_organizations(request.user)
            .filter(slug=data.validated_data["organization"])
            .first()
        )
        if organization is None:
            raise NotFound()
        return self._written(
            lambda: services.request_to_join(coalition, organization, user=request.user)
        )

    @extend_schema(request=None, responses={200: MemberSerializer})
    @action(
        detail=True,
        methods=["post"],
        url_path=r"members/(?P<organization>[-\w]+)/(?P<decision>approve|decline|accept|refuse|leave)",
        url_name="member-decision",
        serializer_class=MemberSerializer,
    )
    def member_decision(self, request, slug=None, organization=None, decision=None):
        """``approve`` or ``decline`` a request to join (coordinators); ``accept`` or
        ``refuse`` an invitation, or ``leave`` (the member organisation itself)."""
        coalition = self.get_object()
        membership = coalition.members.filter(organization__slug=organization).first()
        service, decider = services.MEMBER_DECISIONS[decision]
        if decider == "coordinator":
            allowed = access.is_coordinator(request.user, coalition)
        else:
            allowed = (
                membership is not None
                and access.editable_organizations(request.user)
                .filter(pk=membership.organization_id)
                .exists()
            )
        if membership is None or not allowed:
            raise NotFound()
        return self._written(lambda: service(membership, user=request.user), status=200)

    @extend_schema(methods=["POST"], request=RequirementSerializer)
    @action(
        detail=True,
        methods=["get", "post"],
        serializer_class=MemberRequirementSerializer,
    )
    def requirements(self, request, slug=None):
        coalition = self._member_coalition()
        if request.method == "GET":
            found = requirements.requirement_list(coalition)
            return Response(MemberRequirementSerializer(found, many=True).data)
        membership = access.acting_membership(request.user, coalition)
        if membership is None:
            raise NotFound()
        data = RequirementSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            requirement = requirements.add_requirement(
                coalition,
                organization=membership.organization,
                user=request.user,
                **data.validated_data,
            )
        except ValidationError as error:
            return Response({"detail": error.messages}, status=400)
        return Response(RequirementSerializer(requirement).data, status=201)

    @extend_schema(responses={200: DemandSerializer})
    @action(detail=True, serializer_class=DemandSerializer)
    def demand(self, request, slug=None):
        """The members' demand and market share as the current release has it."""
        coalition = self._member_coalition()
        viewers = set(
            Membership.objects.filter(user=request.user).values_list("organization_id", flat=True)
        )
        figures = aggregated_demand(coalition, viewers)
        return Response(
            DemandSerializer(
                {
                    "demand": figures,
                    "check": competition_check(coalition, viewers),
                    "release": releases.current() if figures.released else None,
                }
            ).data
        )

    @action(detail=True, url_path="vendor-answers", serializer_class=VendorAnswerSerializer)
    def vendor_answers(self, request, slug=None):
        coalition = self._member_coalition()
        answers = (
            VendorAnswer.objects.filter(request__coalition=coalition)
            .select_related("request__vendor", "requirement")
            .order_by("requirement__number", "request__vendor__name")
        )
        return Response(VendorAnswerSerializer(answers, many=True).data)


class VendorRequestSerializer(serializers.ModelSerializer):
    coalition = serializers.CharField(source="coalition.name", read_only=True)
    requirements = serializers.SerializerMethodField()
    answers = serializers.SerializerMethodField()

    class Meta:
        model = VendorRequest
        fields = ["id", "coalition", "invited_at", "answered_at", "requirements", "answers"]

    def get_requirements(self, vendor_request) -> list[dict]:
        found = vendor_request.coalition.requirements.prefetch_related("standards", "clauses")
        return RequirementSerializer(found.order_by("number"), many=True).data

    def get_answers(self, vendor_request) -> list[dict]:
        return [
            {"requirement": a.requirement_id, "answer": a.answer, "comment": a.comment}
            for a in vendor_request.answers.all()
        ]


class AnswerInputSerializer(serializers.Serializer):
    requirement = serializers.IntegerField(help_text="Requirement id")
    answer = serializers.ChoiceField(choices=VendorAnswer.Answer.choices)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=3000)


@extend_schema(responses={200: VendorRequestSerializer(many=True)})
@api_view(["GET"])
@permission_classes([IsAuthenticated])
def vendor_request_list(request):
    """The caller's vendor's requests from coalitions: requirements and own answers."""
    found = rfi.requests_for_vendor(represented_vendor(request.user)).prefetch_related("answers")
    return Response(VendorRequestSerializer(found, many=True).data)


@extend_schema(request=AnswerInputSerializer(many=True), responses={200: VendorRequestSerializer})
@api_view(["POST"])
@permission_classes([IsAuthenticated])
def vendor_request_answers(request, pk):
    """Answer (or change answers to) requirements of a request to the caller's vendor;
    all or nothing."""
    vendor_request = get_object_or_404(
        rfi.requests_for_vendor(represented_vendor(request.user)), pk=pk
    )
    data = AnswerInputSerializer(data=request.data, many=True)
    data.is_valid(raise_exception=True)
    answers = {
        row["requirement"]: (row["answer"], row.get("comment", "")) for row in data.validated_data
    }
    try:
        rfi.save_answers(vendor_request, answers)
    except ValidationError as error:
        return Response({"detail": error.messages}, status=400)
    return Response(VendorRequestSerializer(vendor_request).data)
