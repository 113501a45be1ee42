"""Succession (M-10): a merger or split plan is filed (by a predecessor or the authority) and approved by the
authority; approval moves the predecessors' holdings (one SUCCESSION transaction each, every unit type, vintage and
lot, apportioned by the plan's holdings shares) and their unmet obligations (by the obligations shares) to the
successors in one transaction, and `succession.approved` tells mrv, enforcement and the exchange; the exchange's
`account.succeeded` has the predecessor's trading-account allowances moved the same way (`on_account_succeeded`).
Rounding: `domain.succession.apportion` (largest remainder; the parts add up to the whole)."""
from __future__ import annotations

import json
import uuid
from decimal import Decimal

from allocation.adapters.orm import SuccessionRow
from allocation.domain import (
    Obligation, ObligationStatus, RegistryTransaction, TransactionKind, TransactionLine, UnitType,
)
from allocation.domain.succession import Facility, SuccessionKind, apportion, check_plan, successor_shares
from allocation.entrypoints.schemas_succession import SuccessionPublic
from allocation.service_layer import commands
from allocation.adapters.policy_repository import policy_cache
from allocation.service_layer.registration import account_id
from allocation.service_layer.unit_of_work import AllocationUnitOfWork
from ets_shared.clock import start_of_day
from ets_shared.contracts.allocation import ObligationPassed, SuccessionApproved, SuccessorShare
from ets_shared.contracts.exchange import AccountSucceeded
from ets_shared.errors import Conflict, DomainError, Forbidden, NotFound, RuleViolation


def _facilities(items: list[dict]) -> list[Facility]:
    return [Facility(f["facility_id"], f["successor_id"], Decimal(f["holdings_share"]), Decimal(f["obligations_share"]))
            for f in items]


def _require_active(uow: AllocationUnitOfWork, entity_ids: list[str], field: str) -> None:
    for i, entity_id in enumerate(entity_ids):
        try:
            uow.entities.require_covered(entity_id)
        except (NotFound, Conflict) as exc:
            exc.field = f"{field}[{i}]"
            raise
        if not uow.entities.get(entity_id).is_active:
            raise Conflict(f"entity {entity_id} has exited or passed to a successor", field=f"{field}[{i}]",
                           article="M-10")


def file_succession(cmd: commands.FileSuccession, uow: AllocationUnitOfWork,
                    filing_entity: str | None = None) -> SuccessionPublic:
    kind = SuccessionKind(cmd.kind)
    facilities = [Facility(f.facility_id, f.successor_id, f.holdings_share, f.obligations_share)
                  for f in cmd.facilities]
    check_plan(kind, cmd.predecessor_ids, cmd.successor_id, facilities)
    if filing_entity is not None and filing_entity not in cmd.predecessor_ids:
        raise Forbidden("an entity files the merger or split of itself", field="predecessor_ids", article="M-10")
    successors = [s for s, _ in successor_shares(kind, cmd.successor_id, facilities, "holdings_share")]
    with uow:
        _require_active(uow, list(cmd.predecessor_ids), "predecessor_ids")
        _require_active(uow, [s for s in successors if s not in cmd.predecessor_ids],
                        "successor_id" if kind is SuccessionKind.MERGER else "facilities")
        row = SuccessionRow(
            succession_id=f"SUC-{uuid.uuid4().hex[:16]}", kind=kind.value,
            predecessor_ids=json.dumps(list(cmd.predecessor_ids)), successor_id=cmd.successor_id,
            facilities=json.dumps([f.model_dump(mode="json") for f in cmd.facilities]),
            effective_on=cmd.effective_on, statement=cmd.statement, status="filed", filed_at=uow.now(),
            filed_by=uow.context.actor, correlation_id=uow.context.correlation_id)
        uow.session.add(row)
        uow.audit("allocation.succession.filed", f"succession:{row.succession_id}", cmd)
        uow.commit()
    return SuccessionPublic.of(row)


def decide_succession(succession_id: str, cmd: commands.DecideSuccession, uow: AllocationUnitOfWork
                      ) -> SuccessionPublic:
    with uow:
        row = uow.session.get(SuccessionRow, succession_id, with_for_update=True)
        if row is None:
            raise NotFound(f"no succession {succession_id}", field="succession_id")
        if row.status != "filed":
            raise Conflict(f"succession {succession_id} is already {row.status}", article="M-10")
        now = uow.now()
        row.status, row.decided_at, row.decided_by, row.decision_reason = (
            "approved" if cmd.approve else "rejected", now, uow.context.actor, cmd.reason)
        if cmd.approve:
            _approve(row, uow)
        uow.audit(f"allocation.succession.{row.status}", f"succession:{succession_id}", cmd)
        uow.commit()
    return SuccessionPublic.of(row)


def _approve(row: SuccessionRow, uow: AllocationUnitOfWork) -> None:
    kind, now = SuccessionKind(row.kind), uow.now()
    predecessors, facilities = json.loads(row.predecessor_ids), _facilities(json.loads(row.facilities))
    holdings = successor_shares(kind, row.successor_id, facilities, "holdings_share")
    owed = successor_shares(kind, row.successor_id, facilities, "obligations_share")
    successors = [s for s, _ in holdings]
    _require_active(uow, predecessors + [s for s in successors if s not in predecessors], "succession")
    registry = uow.registry.load([account_id(e) for e in predecessors + successors],
                                 [account_id(e) for e in predecessors])
    transactions, passed = [], []
    for pred in predecessors:
        lines = []
        for key, quantity in sorted(registry.holdings.items(), key=lambda kv: (kv[0].unit_type.value,
                                                                               kv[0].vintage, str(kv[0].origin))):
            if key.account_id != account_id(pred) or quantity <= 0:
                continue
            for succ, part in apportion(quantity, holdings).items():
                if part and succ != pred:
                    lines.append(TransactionLine(key.account_id, account_id(succ), key.unit_type, key.vintage,
                                                 part, key.origin))
        if lines:
            transactions.append(registry.register(RegistryTransaction(
                f"{row.succession_id}-{pred}", TransactionKind.SUCCESSION, tuple(lines), now)))
        passed += _pass_obligations(uow, pred, owed, row.succession_id)
    uow.registry.record(registry, transactions, reference=f"succession:{row.succession_id}")
    for pred in predecessors:
        if pred not in successors:
            entity = uow.entities.get(pred)
            entity.pass_to_successors(start_of_day(row.effective_on))
            uow.entities.save(entity)
    row.moved = json.dumps({"transaction_ids": [tx.transaction_id for tx in transactions],
                            "obligations": [p.model_dump(mode="json") for p in passed]})
    shares = dict(owed)
    uow.publish(SuccessionApproved(
        succession_id=row.succession_id, kind=kind.value, predecessor_ids=predecessors,
        successors=[SuccessorShare(entity_id=s, holdings_share=str(h), obligations_share=str(shares[s]),
                                   facilities=[f.facility_id for f in facilities if f.successor_id == s],
                                   continues=s in predecessors) for s, h in holdings],
        effective_on=row.effective_on, transaction_ids=[tx.transaction_id for tx in transactions],
        obligations=passed, approved_at=now), correlation_id=row.correlation_id)


def _pass_obligations(uow: AllocationUnitOfWork, pred: str, owed, succession_id: str) -> list[ObligationPassed]:
    policies, passed, now = policy_cache(uow.session), [], uow.now()
    for ob in uow.obligations.unmet(pred):
        parts = apportion(ob.remaining, owed)
        shortfall_at = ob.shortfall_detected_at if ob.status is ObligationStatus.SHORTFALL else None
        ob.pass_on(ob.remaining - parts.get(pred, 0))
        policy = policies(ob.year)
        uow.obligations.save(ob, policy)
        for succ, part in parts.items():
            if succ == pred or not part:
                continue
            found = uow.obligations.find(succ, ob.year)
            heir = found or Obligation(succ, ob.year, correlation_id=ob.correlation_id)
            heir.inherit(part, ob.grace_until, shortfall_at)
            extra = {} if found else {"determination_id": f"succession:{succession_id}", "recorded_at": now}
            uow.obligations.save(heir, policy, **extra)
            passed.append(ObligationPassed(compliance_year=ob.year, from_entity_id=pred, to_entity_id=succ,
                                           quantity=part, in_shortfall=shortfall_at is not None))
    return passed


def on_account_succeeded(event: AccountSucceeded, uow: AllocationUnitOfWork) -> None:
    """The exchange passed a predecessor's trading account to its successors (M-10): the registry registers the same
    allowance movement — one `succession` transaction from the predecessor's trading account to the successors'
    (id `<succession_id>-<trading account>`) — so the custody reconciliation agrees. Only for an approved succession,
    from the trading account of one of its predecessors to trading accounts of its successors; anything else is
    refused (nothing moves, the audit says why: `GET /audit?subject_ref=succession:<id>`). A transaction already
    registered is not registered again. The trading accounts of a comprehensive predecessor's clients are acted for by
    the member that took them over (`clients_member_id`, M-22)."""
    transaction_id, ref = f"{event.succession_id}-{event.trading_account_id}", f"succession:{event.succession_id}"
    for client in event.client_trading_account_ids:  # a comprehensive predecessor's clients: their member changed
        opened = uow.trading_accounts.find(client)
        if opened is not None and opened.member_id == event.member_id and event.clients_member_id:
            opened.member_id = event.clients_member_id
    lines = [(s.trading_account_id, a.vintage, a.quantity) for s in event.successors for a in s.allowances]
    if not lines or uow.registry.registered(transaction_id) is not None:
        return
    try:
        row = uow.session.get(SuccessionRow, event.succession_id)
        predecessors = json.loads(row.predecessor_ids) if row is not None else []
        if row is None or row.status != "approved" or event.predecessor_entity_id not in predecessors:
            raise NotFound(f"no approved succession {event.succession_id} of {event.predecessor_entity_id}",
                           field="succession_id")
        heirs = {s.trading_account_id: s.entity_id for s in event.successors}
        successors = {row.successor_id} | {f.successor_id for f in _facilities(json.loads(row.facilities))}
        if outsiders := sorted(set(heirs.values()) - successors):
            raise RuleViolation(f"{', '.join(outsiders)} succeeded nobody in {event.succession_id}",
                                field="successors", article="M-10")
        registry = uow.registry.load([event.trading_account_id, *heirs], [event.trading_account_id])
        for account, holder in [(event.trading_account_id, event.predecessor_entity_id), *heirs.items()]:
            found = registry.accounts.get(account)
            if found is None or found.holder_id != holder:
                raise RuleViolation(f"{account} is no registry trading account of {holder}", field="trading_account_id",
                                    article="M-10")
        tx = registry.register(RegistryTransaction(transaction_id, TransactionKind.SUCCESSION, tuple(
            TransactionLine(event.trading_account_id, to, UnitType.SHEA, vintage, quantity)
            for to, vintage, quantity in lines), uow.now()))
    except DomainError as exc:
        uow.audit("allocation.succession.trading-account-refused", ref,
                  {"trading_account_id": event.trading_account_id, "reason": exc.detail, "article": exc.article})
        return
    uow.registry.record(registry, [tx], reference=ref)
    uow.audit("allocation.succession.trading-account-registered", ref,
              {"trading_account_id": event.trading_account_id, "transaction_id": transaction_id})
