"""API for a care provider's AI register (/api/v1/ai-applications/).

Authenticated and permitted as the contracts API is (contracts.api): an organisation
token (`Authorization: Bearer <key>`; a read-only token reads only) or a member (user
token or session). Members read their organisation's applications; its editors (and
write tokens) add, change and delete them. Another organisation's applications do not
exist for the caller (404)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response

from airegister.access import (
    CHANGE,
    DELETE,
    application_with_own_interest,
    editable_organizations,
    interested_organizations_for,
    may_find_shared,
    visible_applications,
)
from airegister.finding import search_shared, selection
from airegister.models import AIApplication, AIApplicationInterest
from airegister.services import (
    APPLICATION_FIELDS,
    create_application,
    delete_application,
    update_application,
)
from airegister.sharing import express_interest, withdraw_interest
from contracts.api_auth import OrganizationTokenAuthentication, ReadOnlyTokenScope
from portal.access_log import Kind, log_read_for_user
from portal.api_fields import SlugRelatedField
from portal.audit import Actor
from portal.models import Organization
from portal.permissions import has_perm
from vendors.models import Product, Vendor


class ApplicationSerializer(serializers.ModelSerializer):
    organization = SlugRelatedField(
        slug_field="slug",
        queryset=Organization.objects.all(),
        required=False,
        help_text="The care provider's slug; needed only when you keep several registers.",
    )
    vendor = SlugRelatedField(
        slug_field="slug", queryset=Vendor.objects.all(), required=False, allow_null=True
    )
    product = SlugRelatedField(
        slug_field="slug", queryset=Product.objects.all(), required=False, allow_null=True
    )
    partners = SlugRelatedField(
        slug_field="slug",
        queryset=Organization.objects.all(),
        many=True,
        required=False,
        help_text="Slugs of the co-creation partners (co-created applications only).",
    )
    review_due_on = serializers.DateField(read_only=True)

    class Meta:
        model = AIApplication
        fields = [
            "id",
            "organization",
            *APPLICATION_FIELDS,
            "partners",
            "review_due_on",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def to_representation(self, application):
        data = super().to_representation(application)
        data["review_due_on"] = application.review_due_on().isoformat()
        return data


def _as_api_error(err):
    return ApiValidationError(err.message_dict if hasattr(err, "error_dict") else err.messages)


class AIApplicationViewSet(viewsets.ModelViewSet):
    """The caller's own AI applications: list, create, read, update, delete."""

    serializer_class = ApplicationSerializer
    authentication_classes = [
        OrganizationTokenAuthentication,
        *viewsets.ModelViewSet.authentication_classes,
    ]
    permission_classes = [permissions.IsAuthenticated, ReadOnlyTokenScope]

    def list(self, request, *args, **kwargs):
        self._log(request, "list")
        return super().list(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        self._log(request, response.data.get("name", ""))
        return response

    def _log(self, request, subject):
        # An organisation token reads for its organisation, a person for their own.
        organization = getattr(request.user, "organization", None)
        log_read_for_user(request, Kind.AI_REGISTER, subject, organization=organization)

    def get_queryset(self):
        applications = AIApplication.objects.select_related("organization", "vendor", "product")
        applications = applications.prefetch_related("partners")
        return visible_applications(self.request.user, applications).order_by("name", "pk")

    def _writable_organization(self, requested):
        editable = editable_organizations(self.request.user)
        if not editable.exists():
            raise PermissionDenied()
        if requested:
            if not editable.filter(pk=requested.pk).exists():
                raise NotFound()
            return requested
        if editable.count() != 1:
            raise ApiValidationError({"organization": "Name the organisation (its slug)."})
        return editable.first()

    def _check(self, application, perm):
        if not has_perm(self.request.user, perm, application):
            raise NotFound()

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        organization = self._writable_organization(data.pop("organization", None))
        try:
            serializer.instance = create_application(
                organization=organization,
                actor=Actor.of_principal(self.request.user),
                partners=data.pop("partners", []),
                **data,
            )
        except DjangoValidationError as err:
            raise _as_api_error(err) from err

    def perform_update(self, serializer):
        application = serializer.instance
        self._check(application, CHANGE)
        data = dict(serializer.validated_data)
        data.pop("organization", None)
        try:
            with transaction.atomic():
                serializer.instance = update_application(
                    application=AIApplication.objects.select_for_update().get(pk=application.pk),
                    actor=Actor.of_principal(self.request.user),
                    partners=data.pop("partners", None),
                    **data,
                )
        except DjangoValidationError as err:
            raise _as_api_error(err) from err

    def perform_destroy(self, application):
        self._check(application, DELETE)
        delete_application(application=application, actor=Actor.of_principal(self.request.user))


# --- Scale up together (/api/v1/ai-applications/shared/) --------------------------------


class SharedApplicationSerializer(serializers.ModelSerializer):
    """What an owner shares with other care providers (airegister.sharing_views says
    what stays internal)."""

    organization = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    vendor = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    product = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = AIApplication
        fields = [
            "id",
            "organization",
            "organization_name",
            "name",
            "purpose",
            "purpose_description",
            "department",
            "origin",
            "vendor",
            "product",
            "phase",
            "kind",
            "risk_class",
            "risk_reason",
            "mdr_class",
            "ce_marking",
        ]


class InterestSerializer(serializers.Serializer):
    organization = SlugRelatedField(
        slug_field="slug",
        queryset=Organization.objects.all(),
        required=False,
        help_text="Your care provider's slug; needed only when you act for several.",
    )
    kind = serializers.ChoiceField(choices=AIApplicationInterest.Kind.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


# API query parameter -> the page's facet parameter (airegister.sharing_views.FACETS)
SHARED_FILTERS = {"purpose": "doel", "phase": "fase", "risk_class": "risico", "origin": "herkomst"}


class SharedAIApplicationViewSet(viewsets.ReadOnlyModelViewSet):
    """Applications care providers share for adoption or co-creation: for members (and
    tokens) of care providers only. Filters: `q`, `purpose`, `phase`, `risk_class`,
    `origin`. POST `{id}/interest/` expresses interest, DELETE withdraws it."""

    serializer_class = SharedApplicationSerializer
    authentication_classes = [
        OrganizationTokenAuthentication,
        *viewsets.ModelViewSet.authentication_classes,
    ]
    permission_classes = [permissions.IsAuthenticated, ReadOnlyTokenScope]

    def get_queryset(self):
        # Checked here rather than in a permission class, so a method the route lacks
        # still answers 405 to everyone (tests/test_permission_matrix.py).
        if not may_find_shared(self.request.user):
            raise PermissionDenied()
        params = {
            page_param: self.request.query_params.get(api_param, "")
            for api_param, page_param in SHARED_FILTERS.items()
        }
        params["q"] = self.request.query_params.get("q", "")
        chosen, q = selection(params)
        found = search_shared(q, chosen).select_related("organization", "vendor", "product")
        return found.order_by("name", "pk")

    def _acting_organization(self, application, requested):
        allowed = interested_organizations_for(self.request.user, application)
        if requested:
            if not allowed.filter(pk=requested.pk).exists():
                raise NotFound()
            return requested
        if allowed.count() != 1:
            raise ApiValidationError({"organization": "Name the organisation (its slug)."})
        return allowed.first()

    @extend_schema(request=InterestSerializer, responses={201: InterestSerializer, 204: None})
    @action(detail=True, methods=["post", "delete"])
    def interest(self, request, pk=None):
        actor = Actor.of_principal(request.user)
        if request.method == "DELETE":
            # also after the owner unshared it (then it is no longer in get_queryset)
            self.get_queryset()  # the same 403 for those who may not find shared ones
            application = application_with_own_interest(request.user, pk)
            requested = request.query_params.get("organization", "")
            organization = self._acting_organization(
                application, Organization.objects.filter(slug=requested).first()
            )
            interest = application.interests.filter(organization=organization).first()
            if interest is None:
                raise NotFound()
            withdraw_interest(interest=interest, actor=actor)
            return Response(status=204)
        application = self.get_object()
        serializer = InterestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        organization = self._acting_organization(application, data.get("organization"))
        try:
            express_interest(
                application=application,
                organization=organization,
                kind=data["kind"],
                note=data.get("note", ""),
                user=request.user if getattr(request.user, "token", None) is None else None,
                actor=actor,
            )
        except DjangoValidationError as err:
            raise _as_api_error(err) from err
        return Response(
            {"organization": organization.slug, "kind": data["kind"], "note": data.get("note", "")},
            status=201,
        )
