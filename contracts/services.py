"""Writes for contracts. Every contract's object permissions are granted here, to the
owning organisation's groups: members view, editors (procurement specialists and
organisation admins) change and delete."""

from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from contracts.models import (
    Contract,
    ContractClause,
    ContractGroupObjectPermission,
    ContractLine,
    LockInClause,
)
from contracts.reference_data import LOCK_IN_CLAUSES

MEMBER_PERMISSIONS = ("view_contract",)
EDITOR_PERMISSIONS = ("change_contract", "delete_contract")


@transaction.atomic
def load_lock_in_clauses():
    for order, (code, name, name_en, explanation, explanation_en) in enumerate(LOCK_IN_CLAUSES):
        LockInClause.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "explanation": explanation,
                "explanation_en": explanation_en,
                "sort_order": order,
            },
        )
    return len(LOCK_IN_CLAUSES)


def _permission_ids():
    perms = Permission.objects.filter(
        content_type__app_label="contracts",
        codename__in=MEMBER_PERMISSIONS + EDITOR_PERMISSIONS,
    )
    return {p.codename: p.pk for p in perms}


def grant_contract_permissions(contracts, *, batch_size=5000):
    """Grant the owning organisations' groups their permissions on ``contracts``
    (saved Contract objects with ``organization`` loaded), in bulk."""
    perm_ids = _permission_ids()
    rows = []
    for contract in contracts:
        organization = contract.organization
        for codename in MEMBER_PERMISSIONS:
            rows.append(
                ContractGroupObjectPermission(
                    content_object_id=contract.pk,
                    group_id=organization.group_id,
                    permission_id=perm_ids[codename],
                )
            )
        for codename in EDITOR_PERMISSIONS:
            rows.append(
                ContractGroupObjectPermission(
                    content_object_id=contract.pk,
                    group_id=organization.editors_group_id,
                    permission_id=perm_ids[codename],
                )
            )
    ContractGroupObjectPermission.objects.bulk_create(rows, batch_size=batch_size)


def _check_products(products, *, vendor, category):
    for product in products:
        if product.vendor_id != vendor.pk:
            raise ValidationError(
                {
                    "products": _("%(product)s is not a product of %(vendor)s.")
                    % {"product": product, "vendor": vendor}
                }
            )
        if product.category_id != category.pk:
            raise ValidationError(
                {
                    "products": _("%(product)s does not belong to the category %(category)s.")
                    % {"product": product, "category": category}
                }
            )


@transaction.atomic
def create_contract(
    *,
    organization,
    vendor,
    category,
    reference,
    start_date,
    end_date,
    initial_term_months,
    status,
    products=(),
    renewal_term_months=None,
    notice_period_months=0,
    auto_renewal=False,
    lines=(),
    clause_answers=None,
):
    """Create a contract with its lines (dicts of ContractLine fields) and clause answers
    ({clause code: answer}), validated as a whole."""
    contract = Contract(
        organization=organization,
        vendor=vendor,
        category=category,
        reference=reference,
        start_date=start_date,
        end_date=end_date,
        initial_term_months=initial_term_months,
        renewal_term_months=renewal_term_months,
        notice_period_months=notice_period_months,
        auto_renewal=auto_renewal,
        status=status,
    )
    contract.full_clean()
    _check_products(products, vendor=vendor, category=category)
    contract.save()
    if products:
        contract.products.set(products)
    for line_fields in lines:
        line = ContractLine(contract=contract, **line_fields)
        line.full_clean()
        line.save()
    if clause_answers:
        clauses = LockInClause.objects.in_bulk(list(clause_answers), field_name="code")
        answers = [
            ContractClause(contract=contract, clause=clauses[code], answer=answer)
            for code, answer in clause_answers.items()
        ]
        for answer in answers:
            answer.full_clean(exclude=["contract"])
        ContractClause.objects.bulk_create(answers)
    grant_contract_permissions([contract])
    return contract
