"""API for an organisation's own contracts, for procurement systems.

Authenticated with an organisation token (`Authorization: Bearer <key>`) or as a member
(user token or session). Contracts of other organisations do not exist for the caller
(404)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from rest_framework import permissions, serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import ValidationError as ApiValidationError

from contracts.api_auth import OrganizationTokenAuthentication, ReadOnlyTokenScope
from contracts.models import Contract, ContractClause, ContractLine, LockInClause
from contracts.services import (
    CONTRACT_FIELDS,
    create_contract,
    delete_contract,
    update_contract,
)
from portal.access_log import Kind, log_read_for_user
from portal.api_fields import SlugRelatedField
from portal.audit import Actor
from portal.models import Organization
from portal.permissions import has_perm, objects_for_user, organizations_for
from vendors.models import Product, ProductCategory, Vendor


class LineSerializer(serializers.ModelSerializer):
    class Meta:
        model = ContractLine
        fields = ["cost_type", "description", "amount", "frequency", "unit", "quantity"]


class ClauseAnswersField(serializers.DictField):
    """Lock-in clause code → yes / partly / no / unknown."""

    def __init__(self, **kwargs):
        super().__init__(
            child=serializers.ChoiceField(choices=ContractClause.Answer.choices), **kwargs
        )

    def to_representation(self, answers):
        return {a.clause.code: a.answer for a in answers.all()}


class ContractSerializer(serializers.ModelSerializer):
    organization = SlugRelatedField(
        slug_field="slug", queryset=Organization.objects.all(), required=False
    )
    vendor = SlugRelatedField(slug_field="slug", queryset=Vendor.objects.all())
    category = SlugRelatedField(slug_field="slug", queryset=ProductCategory.objects.leaves())
    products = SlugRelatedField(
        slug_field="slug", queryset=Product.objects.all(), many=True, required=False
    )
    lines = LineSerializer(many=True, required=False)
    clauses = ClauseAnswersField(
        required=False, help_text="Lock-in clause code → yes / partly / no / unknown"
    )
    annual_cost = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)

    class Meta:
        model = Contract
        fields = [
            "id",
            "organization",
            *CONTRACT_FIELDS,
            "products",
            "lines",
            "clauses",
            "annual_cost",
        ]
        # Uniqueness of the reference is checked (per organisation) by the service.
        validators = []

    def to_representation(self, contract):
        data = super().to_representation(contract)
        data["annual_cost"] = str(contract.annual_cost())
        return data

    def validate_clauses(self, value):
        unknown = set(value) - set(LockInClause.objects.values_list("code", flat=True))
        if unknown:
            raise serializers.ValidationError(f"Unknown clauses: {', '.join(sorted(unknown))}")
        return value


def _as_api_error(err):
    return ApiValidationError(err.message_dict if hasattr(err, "error_dict") else err.messages)


class ContractViewSet(viewsets.ModelViewSet):
    """The caller's own contracts: list, create, read, update, delete."""

    serializer_class = ContractSerializer
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
        self._log(request, response.data.get("reference", ""))
        return response

    def _log(self, request, subject):
        # An organisation token reads for its organisation, a person for their own.
        organization = getattr(request.user, "organization", None)
        log_read_for_user(request, Kind.CONTRACT_API, subject, organization=organization)

    def get_queryset(self):
        contracts = Contract.objects.select_related("organization", "vendor", "category")
        contracts = contracts.prefetch_related("products", "lines", "clauses__clause")
        return objects_for_user(self.request.user, "contracts.view_contract", contracts).order_by(
            "reference"
        )

    def _writable_organization(self, requested):
        editable = organizations_for(self.request.user, "portal.manage_organization_contracts")
        if requested:
            if not editable.filter(pk=requested.pk).exists():
                raise NotFound()
            return requested
        if editable.count() != 1:
            raise ApiValidationError({"organization": "Name the organisation (its slug)."})
        return editable.first()

    def _check_change(self, contract, perm):
        if not has_perm(self.request.user, perm, contract):
            raise NotFound()

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        organization = self._writable_organization(data.pop("organization", None))
        try:
            serializer.instance = create_contract(
                organization=organization,
                actor=Actor.of_principal(self.request.user),
                lines=data.pop("lines", []),
                clause_answers=data.pop("clauses", None),
                products=data.pop("products", []),
                **data,
            )
        except DjangoValidationError as err:
            raise _as_api_error(err) from err

    def perform_update(self, serializer):
        contract = serializer.instance
        self._check_change(contract, "contracts.change_contract")
        data = dict(serializer.validated_data)
        data.pop("organization", None)
        try:
            with transaction.atomic():
                serializer.instance = update_contract(
                    contract=Contract.objects.select_for_update().get(pk=contract.pk),
                    actor=Actor.of_principal(self.request.user),
                    lines=data.pop("lines", None),
                    clause_answers=data.pop("clauses", None),
                    products=data.pop("products", None),
                    **data,
                )
        except DjangoValidationError as err:
            raise _as_api_error(err) from err

    def perform_destroy(self, contract):
        self._check_change(contract, "contracts.delete_contract")
        delete_contract(contract=contract, actor=Actor.of_principal(self.request.user))
