"""Save validated drafts: create new contracts, change those whose reference exists and
whose content differs, leave identical ones alone. Runs inside the caller's transaction,
in bulk, without long IN lists (SQLite limits them)."""

from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from contracts.models import (
    Contract,
    ContractClause,
    ContractLine,
    LockInClause,
)
from contracts.services import (
    CONTRACT_FIELDS,
    contract_snapshot,
    grant_contract_permissions,
    record_switches,
)
from portal import audit
from portal.audit import Actor
from portal.models import AuditEvent
from portal.signals import bulk_changed

BATCH = 2000
SETTABLE = [f for f in CONTRACT_FIELDS if f != "reference"]


@dataclass
class SaveResult:
    created: int
    updated: int
    unchanged: int


class CurrentState:
    """Lines, clause answers and products of all of an organisation's contracts, read in
    three queries."""

    def __init__(self, organization):
        self.lines = defaultdict(list)
        self.clauses = defaultdict(dict)
        self.products = defaultdict(set)
        for line in ContractLine.objects.filter(contract__organization=organization).iterator(
            chunk_size=BATCH
        ):
            self.lines[line.contract_id].append(line)
        for contract_id, code, answer in (
            ContractClause.objects.filter(contract__organization=organization)
            .values_list("contract_id", "clause__code", "answer")
            .iterator(chunk_size=BATCH)
        ):
            self.clauses[contract_id][code] = answer
        for contract_id, product_id in (
            Contract.products.through.objects.filter(contract__organization=organization)
            .values_list("contract_id", "product_id")
            .iterator(chunk_size=BATCH)
        ):
            self.products[contract_id].add(product_id)

    def snapshot(self, contract):
        pk = contract.pk
        return contract_snapshot(contract, self.lines[pk], self.clauses[pk], self.products[pk])


def _draft_snapshot(contract, draft):
    return contract_snapshot(
        contract,
        [line.as_fields() for line in draft.lines],
        draft.clauses,
        [p.pk for p in draft.products],
    )


def _apply(contract, draft):
    for name in SETTABLE:
        setattr(contract, name, getattr(draft, name))


def _chunks(items):
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


def _write_children(pairs, clauses):
    """Lines, clause answers and product links of (contract, draft) pairs."""
    through = Contract.products.through
    ContractLine.objects.bulk_create(
        [ContractLine(contract_id=c.pk, **line.as_fields()) for c, d in pairs for line in d.lines],
        batch_size=BATCH,
    )
    ContractClause.objects.bulk_create(
        [
            ContractClause(contract_id=c.pk, clause=clauses[code], answer=answer)
            for c, d in pairs
            for code, answer in d.clauses.items()
        ],
        batch_size=BATCH,
    )
    through.objects.bulk_create(
        [through(contract_id=c.pk, product_id=p.pk) for c, d in pairs for p in d.products],
        batch_size=BATCH,
    )


def _rewrite_changed(changed):
    """Store the new fields of changed contracts and clear their old children."""
    now = timezone.now()
    for contract, _draft, _changes in changed:
        Contract.objects.filter(pk=contract.pk).update(
            updated_at=now, **{name: getattr(contract, name) for name in SETTABLE}
        )
    for ids in _chunks([contract.pk for contract, _, _ in changed]):
        ContractLine.objects.filter(contract_id__in=ids).delete()
        ContractClause.objects.filter(contract_id__in=ids).delete()
        Contract.products.through.objects.filter(contract_id__in=ids).delete()


def save_drafts(*, organization, drafts, actor: Actor, progress=None):
    wanted = {d.reference for d in drafts}
    existing = {
        c.reference: c
        for c in Contract.objects.filter(organization=organization)
        .select_related("vendor", "category__parent")
        .iterator(chunk_size=BATCH)
        if c.reference in wanted
    }
    state = CurrentState(organization) if existing else None
    created, changed, unchanged = [], [], 0
    for done, draft in enumerate(drafts, start=1):
        contract = existing.get(draft.reference)
        if contract is None:
            contract = Contract(organization=organization, reference=draft.reference)
            _apply(contract, draft)
            created.append((contract, draft))
        else:
            before = state.snapshot(contract)
            _apply(contract, draft)
            old, new = audit.changed_fields(before, _draft_snapshot(contract, draft))
            if new:
                changed.append((contract, draft, (old, new)))
            else:
                unchanged += 1
        if progress and done % BATCH == 0:
            progress(done, len(drafts))

    Contract.objects.bulk_create([c for c, _ in created], batch_size=BATCH)
    _rewrite_changed(changed)
    clauses = LockInClause.objects.in_bulk(field_name="code")
    _write_children(created + [(c, d) for c, d, _ in changed], clauses)
    grant_contract_permissions([c for c, _ in created], batch_size=BATCH)
    bulk_changed.send(Contract, ids=[c.pk for c, _ in created] + [c.pk for c, _, _ in changed])
    record_switches([organization.pk], [c.pk for c, _ in created])
    events = [(c, {}, _draft_snapshot(c, d)) for c, d in created]
    events += [(c, old, new) for c, _, (old, new) in changed]
    AuditEvent.objects.bulk_create(
        [
            audit.build(
                actor,
                audit.Action.IMPORT,
                contract,
                organization=organization,
                label=contract.reference,
                before=old,
                after=new,
            )
            for contract, old, new in events
        ],
        batch_size=BATCH,
    )
    if progress:
        progress(len(drafts), len(drafts))
    return SaveResult(len(created), len(changed), unchanged)
