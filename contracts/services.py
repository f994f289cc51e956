"""Writes for contracts. Every contract's object permissions are granted here, to the
owning organisation's groups: members view, editors (procurement specialists and
organisation admins) change and delete. Every write is recorded in the audit trail."""

import secrets
from decimal import Decimal

import pandas as pd
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contracts.models import (
    Contract,
    ContractClause,
    ContractGroupObjectPermission,
    ContractLine,
    LockInClause,
    OrganizationApiToken,
    VendorSwitch,
)
from contracts.reference_data import LOCK_IN_CLAUSES
from contracts.switching import concerned_ids, find_switches
from portal.audit import SYSTEM, Action, changed_fields, record

MEMBER_PERMISSIONS = ("view_contract",)
EDITOR_PERMISSIONS = ("change_contract", "delete_contract")
CONTRACT_FIELDS = (
    "reference",
    "vendor",
    "category",
    "start_date",
    "end_date",
    "initial_term_months",
    "renewal_term_months",
    "notice_period_months",
    "auto_renewal",
    "status",
)
LINE_FIELDS = ("cost_type", "description", "amount", "frequency", "unit", "quantity")


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


# --- permissions ------------------------------------------------------------------------


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


# --- audit trail ----------------------------------------------------------------------


def _plain(value):
    if isinstance(value, Decimal):  # 1 and 1.00 are the same quantity
        return str(value.quantize(Decimal("0.01")))
    return None if value is None else str(value)


def contract_snapshot(contract, lines=None, clause_answers=None, product_ids=None):
    """The audited state of a contract as plain strings: its fields and, when given, its
    lines (ContractLine objects or dicts), clause answers and product ids."""
    state = {field: _plain(getattr(contract, field)) for field in CONTRACT_FIELDS}
    if lines is not None:
        state["lines"] = sorted(
            "; ".join(
                _plain(line[field] if isinstance(line, dict) else getattr(line, field))
                for field in LINE_FIELDS
            )
            for line in lines
        )
    if clause_answers is not None:
        state["clauses"] = sorted(f"{code}={answer}" for code, answer in clause_answers.items())
    if product_ids is not None:
        state["products"] = sorted(str(pk) for pk in product_ids)
    return state


def current_snapshot(contract):
    return contract_snapshot(
        contract,
        contract.lines.all(),
        dict(contract.clauses.values_list("clause__code", "answer")),
        contract.products.values_list("pk", flat=True),
    )


def _record(actor, action, contract, **changes):
    record(
        actor,
        action,
        contract,
        organization=contract.organization,
        label=contract.reference,
        **changes,
    )


# --- contracts ----------------------------------------------------------------------------


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


def _validated_lines(contract, lines):
    built = []
    for line_fields in lines:
        line = ContractLine(contract=contract, **line_fields)
        line.full_clean(exclude=["contract"])
        built.append(line)
    return built


def _save_clause_answers(contract, clause_answers):
    clauses = LockInClause.objects.in_bulk(list(clause_answers), field_name="code")
    unknown = set(clause_answers) - set(clauses)
    if unknown:
        raise ValidationError({"clauses": _("Unknown clause: %s") % ", ".join(sorted(unknown))})
    for code, answer in clause_answers.items():
        ContractClause.objects.update_or_create(
            contract=contract, clause=clauses[code], defaults={"answer": answer}
        )
    for answer in contract.clauses.all():
        answer.full_clean()


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
    actor=SYSTEM,
    migration_cost=None,
    migration_months=None,
):
    """Create a contract with its lines (dicts of ContractLine fields) and clause answers
    ({clause code: answer}), validated as a whole: all of it is saved, or nothing."""
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
    built = _validated_lines(contract, lines)
    ContractLine.objects.bulk_create(built)
    if clause_answers:
        _save_clause_answers(contract, clause_answers)
    grant_contract_permissions([contract])
    record_switches(
        [organization.pk],
        [contract.pk],
        migration_cost=migration_cost,
        migration_months=migration_months,
    )
    _record(actor, Action.CREATE, contract, after=current_snapshot(contract))
    return contract


@transaction.atomic
def update_contract(
    *, contract, actor=SYSTEM, lines=None, clause_answers=None, products=None, **fields
):
    """Change a contract's fields; ``lines`` (if given) replace all its lines."""
    unknown = set(fields) - set(CONTRACT_FIELDS)
    if unknown:
        raise TypeError(f"Not contract fields: {sorted(unknown)}")
    before = current_snapshot(contract)
    for name, value in fields.items():
        setattr(contract, name, value)
    contract.full_clean()
    if products is not None:
        _check_products(products, vendor=contract.vendor, category=contract.category)
    contract.save()
    if products is not None:
        contract.products.set(products)
    if lines is not None:
        built = _validated_lines(contract, lines)
        contract.lines.all().delete()
        ContractLine.objects.bulk_create(built)
    if clause_answers is not None:
        _save_clause_answers(contract, clause_answers)
    old, new = changed_fields(before, current_snapshot(contract))
    if new:
        _record(actor, Action.UPDATE, contract, before=old, after=new)
    return contract


@transaction.atomic
def delete_contract(*, contract, actor=SYSTEM):
    _record(actor, Action.DELETE, contract, before=current_snapshot(contract))
    contract.delete()


# --- vendor switches ------------------------------------------------------------------------


def record_switches(
    organization_ids, new_contract_ids, *, migration_cost=None, migration_months=None
):
    """Record a VendorSwitch for each new contract that follows one with another vendor
    in the same organisation and category, and bring the switches of their successors
    in line (an older contract entered after its successor is now the successor's
    predecessor: a switch appears, moves or goes)."""
    columns = ["id", "organization_id", "category_id", "vendor_id", "start_date", "end_date"]
    contracts = pd.DataFrame.from_records(
        Contract.objects.filter(organization_id__in=organization_ids).values_list(*columns),
        columns=columns,
    )
    new_ids = set(new_contract_ids)
    found = find_switches(contracts, list(new_ids))
    successors = concerned_ids(contracts, list(new_ids)) - new_ids
    VendorSwitch.objects.filter(to_contract_id__in=successors).exclude(
        to_contract_id__in=list(found["to_id"])
    ).delete()
    existing = VendorSwitch.objects.in_bulk(list(successors), field_name="to_contract_id")
    moved, created = [], []
    for row in found.itertuples():
        # The migration figures were entered with the new contract: only its own switch.
        entered = row.to_id in new_ids
        switch = existing.get(row.to_id) or VendorSwitch(
            to_contract_id=row.to_id,
            migration_cost=migration_cost if entered else None,
            migration_months=migration_months if entered else None,
        )
        switch.organization_id = row.organization_id
        switch.category_id = row.category_id
        switch.from_vendor_id = row.from_vendor_id
        switch.to_vendor_id = row.to_vendor_id
        switch.from_contract_id = row.from_id
        switch.switch_date = row.switch_date
        (moved if switch.pk else created).append(switch)
    VendorSwitch.objects.bulk_update(
        moved, ["from_vendor_id", "from_contract_id", "switch_date"], batch_size=5000
    )
    VendorSwitch.objects.bulk_create(created, ignore_conflicts=True, batch_size=5000)
    return len(found)


# --- organisation API tokens ------------------------------------------------------------------


@transaction.atomic
def issue_api_token(*, organization, name, created_by, can_write=True):
    """Create a token; returns (token, key). The key is shown once and never stored."""
    key = secrets.token_urlsafe(32)
    token = OrganizationApiToken.objects.create(
        organization=organization,
        name=name,
        can_write=can_write,
        created_by=created_by,
        key_prefix=key[: OrganizationApiToken.PREFIX_LENGTH],
        key_hash=OrganizationApiToken.hash_key(key),
    )
    return token, key


def revoke_api_token(*, token):
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
