"""Save validated drafts: create new contracts, update those whose reference exists.
Runs inside the caller's transaction, in bulk."""

from contracts.actors import Actor
from contracts.models import (
    Contract,
    ContractAuditEvent,
    ContractClause,
    ContractLine,
    LockInClause,
)
from contracts.services import (
    CONTRACT_FIELDS,
    contract_snapshot,
    diff,
    grant_contract_permissions,
    record_switches,
)

BATCH = 2000
SETTABLE = [f for f in CONTRACT_FIELDS if f != "reference"]


def _apply(contract, draft):
    for name in SETTABLE:
        setattr(contract, name, getattr(draft, name))


def _line_fields(draft):
    return [line.as_fields() for line in draft.lines]


def _line_objects(contract_id, draft):
    return [ContractLine(contract_id=contract_id, **line.as_fields()) for line in draft.lines]


def save_drafts(*, organization, drafts, actor: Actor, progress=None):
    """Returns (created, updated)."""
    clauses = LockInClause.objects.in_bulk(field_name="code")
    through = Contract.products.through
    existing = {
        c.reference: c
        for c in Contract.objects.filter(
            organization=organization, reference__in=[d.reference for d in drafts]
        ).prefetch_related("lines")
    }
    created, updated, events = [], [], []
    for draft in drafts:
        contract = existing.get(draft.reference)
        if contract is None:
            contract = Contract(organization=organization, reference=draft.reference)
            _apply(contract, draft)
            created.append((contract, draft))
        else:
            before = contract_snapshot(contract, contract.lines.all())
            _apply(contract, draft)
            changes = diff(before, contract_snapshot(contract, _line_fields(draft)))
            updated.append((contract, draft, changes))
    Contract.objects.bulk_create([c for c, _ in created], batch_size=BATCH)
    if updated:
        Contract.objects.bulk_update([c for c, _, _ in updated], SETTABLE, batch_size=BATCH)
        updated_ids = [c.pk for c, _, _ in updated]
        for start in range(0, len(updated_ids), BATCH):
            chunk = updated_ids[start : start + BATCH]
            ContractLine.objects.filter(contract_id__in=chunk).delete()
            ContractClause.objects.filter(contract_id__in=chunk).delete()
            through.objects.filter(contract_id__in=chunk).delete()
    pairs = [(c, d) for c, d in created] + [(c, d) for c, d, _ in updated]
    lines, answers, product_links = [], [], []
    for done, (contract, draft) in enumerate(pairs, start=1):
        lines += _line_objects(contract.pk, draft)
        answers += [
            ContractClause(contract_id=contract.pk, clause=clauses[code], answer=answer)
            for code, answer in draft.clauses.items()
        ]
        product_links += [through(contract_id=contract.pk, product_id=p.pk) for p in draft.products]
        if progress and done % BATCH == 0:
            progress(done, len(pairs))
    ContractLine.objects.bulk_create(lines, batch_size=BATCH)
    ContractClause.objects.bulk_create(answers, batch_size=BATCH)
    through.objects.bulk_create(product_links, batch_size=BATCH)
    grant_contract_permissions([c for c, _ in created], batch_size=BATCH)
    record_switches([organization.pk], [c.pk for c, _ in created])
    for contract, draft in created:
        events.append((contract, contract_snapshot(contract, _line_fields(draft))))
    events += [(contract, changes) for contract, _, changes in updated if changes]
    ContractAuditEvent.objects.bulk_create(
        [
            ContractAuditEvent(
                organization=organization,
                contract_id=contract.pk,
                contract_reference=contract.reference,
                actor=actor.user,
                actor_label=actor.label,
                action=ContractAuditEvent.Action.IMPORT,
                changes=changes,
            )
            for contract, changes in events
        ],
        batch_size=BATCH,
    )
    if progress:
        progress(len(pairs), len(pairs))
    return len(created), len(updated)
