"""Surrender (M-16, M-17): the entity's units are checked against its obligation and the year's policy, then
cancelled in the registry (SURRENDER to the authority's cancellation account); the obligation settles when met,
late after a recorded shortfall."""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from copy import copy
from datetime import datetime

from allocation.adapters.orm import CANCELLATION_ACCOUNT
from allocation.domain import (
    AllocationPolicy, HoldingKey, Obligation, ObligationStatus, Registry, RegistryTransaction, Surrender, UnitLine,
    UnitType, require_obligation,
)
from allocation.service_layer import commands
from allocation.service_layer.obligations import publish_settled
from allocation.adapters.policy_repository import policy_cache, policy_for
from allocation.service_layer.registration import account_id
from allocation.service_layer.unit_of_work import AllocationUnitOfWork
from ets_shared.contracts.allocation import SurrenderLine, SurrenderRecorded
from ets_shared.envelope import MessageContext
from ets_shared.errors import DomainError, RuleViolation
from ets_shared.ids import ordered_id
from ets_shared.persistence.claims import Claim, current_claim

_LINE = re.compile(r"^lines\[(\d+)\](.*)$")
#: a surrender request for its group's transaction: the entity, the command, the request's context; pending, with its
#: claim on an `Idempotency-Key` (None without one)
Request = tuple[str, commands.Surrender, MessageContext]
Pending = tuple[str, commands.Surrender, MessageContext, Claim | None]
Surrendered = tuple[Obligation, Surrender]


def _resolve(lines: Sequence[commands.SurrenderLine], registry: Registry, account: str
             ) -> tuple[list[UnitLine], list[int]]:
    """Turn request lines into registry unit lines: a CCER line draws on the project's lots of that vintage (oldest
    reduction first). Returns the unit lines and, for each, the index of the request line it came from."""
    units: list[UnitLine] = []
    source: list[int] = []
    taken: dict[HoldingKey, int] = {}
    for i, line in enumerate(lines):
        if line.unit_type == "SHEA":
            if line.project_id is not None:
                raise RuleViolation("an allowance (SHEA) has no project", field=f"lines[{i}].project_id")
            units.append(UnitLine(UnitType.SHEA, line.vintage, line.quantity))
            source.append(i)
            continue
        if not line.project_id:
            raise RuleViolation("a CCER line names its project", field=f"lines[{i}].project_id", article="M-17")
        lots = [k for k, _ in sorted(((k, k.origin) for k, q in registry.holdings.items()
                                      if q > 0 and k.account_id == account and k.unit_type is UnitType.CCER
                                      and k.vintage == line.vintage and k.origin is not None
                                      and k.origin.project_id == line.project_id),
                                     key=lambda ko: (ko[1].reduction_date, ko[1].boundary_entity_id or ""))]
        wanted = line.quantity
        for key in lots:
            take = min(wanted, registry.holding(key) - taken.get(key, 0))
            if take > 0:
                taken[key] = taken.get(key, 0) + take
                units.append(UnitLine(UnitType.CCER, line.vintage, take, key.origin))
                source.append(i)
                wanted -= take
        if wanted:
            raise RuleViolation(f"account {account} holds {line.quantity - wanted} CCER of project "
                                f"{line.project_id}, vintage {line.vintage}, of the {line.quantity} asked",
                                field=f"lines[{i}].quantity", article="M-32")
    return units, source


def _renumber(exc: DomainError, source: list[int]) -> DomainError:
    match = _LINE.match(exc.field or "")
    if match and int(match.group(1)) < len(source):
        exc.field = f"lines[{source[int(match.group(1))]}]{match.group(2)}"
    return exc


def surrender(entity_id: str, cmd: commands.Surrender, uow: AllocationUnitOfWork) -> Surrendered:
    """M-16/M-17: check the surrender against the obligation and policy, cancel the units in the registry (SURRENDER
    to the cancellation account), and record it; settling (late after a shortfall) when the obligation is met."""
    with uow:
        year = cmd.compliance_year
        found = uow.obligations.for_surrender(entity_id, year)  # one query: entity, obligation, allocation
        account = account_id(entity_id)
        registry = uow.registry.load([account, CANCELLATION_ACCOUNT], [account])
        obligation, recorded, tx, settled = _checked(entity_id, cmd, found, registry, policy_for(uow.session, year),
                                                     uow.now(), uow)
        uow.registry.record(registry, [tx], reference=f"surrender:{recorded.surrender_id}")
        uow.obligations.save(obligation, policy_for(uow.session, year),
                             **({"settled_at": recorded.surrendered_at} if settled else {}))
        uow.surrenders.add(recorded)
        _announce(uow, cmd, obligation, recorded, settled)
        uow.commit()
    return obligation, recorded


def _checked(entity_id: str, cmd: commands.Surrender, found: tuple[Obligation, int] | None, registry: Registry,
             policy: AllocationPolicy, now: datetime, uow: AllocationUnitOfWork
             ) -> tuple[Obligation, Surrender, RegistryTransaction, bool]:
    """One surrender checked and cancelled in the registry in memory: the obligation a changed copy, the registry
    changed only if every check passed (all lines or none); the caller writes both. Returns the obligation, the
    surrender, its registry transaction and whether it settled the obligation."""
    year = cmd.compliance_year
    if found is None:  # say why: no such entity, not covered, or nothing determined yet
        uow.entities.require_covered(entity_id)
    obligation = copy(require_obligation(found[0] if found else None, entity_id, year))
    account = account_id(entity_id)
    units, source = _resolve(cmd.lines, registry, account)
    late = obligation.status is ObligationStatus.SHORTFALL
    surrender_id = ordered_id("SUR")
    try:
        result = obligation.surrender(units, now, policy, found[1] if found else 0)
        tx = registry.surrender(f"TX-{surrender_id}", account, CANCELLATION_ACCOUNT, result.accepted, now)
    except DomainError as exc:
        raise _renumber(exc, source) from None
    return (obligation, Surrender(surrender_id, entity_id, year, tx.transaction_id, result.shea, result.ccer, late,
                                  now), tx, result.settled)


def _announce(uow: AllocationUnitOfWork, cmd: commands.Surrender, obligation: Obligation, recorded: Surrender,
              settled: bool) -> None:
    uow.publish(SurrenderRecorded(
        surrender_id=recorded.surrender_id, entity_id=recorded.entity_id, compliance_year=recorded.compliance_year,
        lines=[SurrenderLine(unit_type=ln.unit_type, vintage=ln.vintage, quantity=ln.quantity) for ln in cmd.lines],
        total_surrendered=obligation.surrendered, remaining=obligation.remaining,
        surrendered_at=recorded.surrendered_at))
    if settled:
        publish_settled(uow, obligation, recorded.late)


def surrender_together(pending: Sequence[Pending], uow: AllocationUnitOfWork) -> list[Surrendered | DomainError]:
    """Concurrent surrender requests set-based, in one transaction (`ets_shared.group_commit`): their obligations
    read in one query, their accounts' holdings in one, each checked by `_checked` in request order (a later
    surrender of the same entity starts from the earlier one), and the accepted ones written together — one
    multi-row INSERT per table, the registry's chain computed in memory. A refused surrender changes nothing and is
    answered alone; each request's events carry its own context. Any other error fails the whole group, which is
    then applied request by request."""
    outcomes: list[Surrendered | DomainError] = []
    with uow:
        found = uow.obligations.for_surrenders((entity_id, cmd.compliance_year) for entity_id, cmd, _, _ in pending)
        accounts = sorted({account_id(entity_id) for entity_id, _, _, _ in pending})
        store, obligations, surrenders = uow.registry, uow.obligations, uow.surrenders
        registry = store.load([*accounts, CANCELLATION_ACCOUNT], accounts)
        policies, now = policy_cache(uow.session), uow.now()
        accepted: list[tuple[Obligation, Surrender, RegistryTransaction, bool]] = []
        for entity_id, cmd, context, _claim in pending:
            uow.context = context  # its events and audit records: the request's (the repositories stay)
            key = (entity_id, cmd.compliance_year)
            try:
                done = _checked(entity_id, cmd, found.get(key), registry, policies(cmd.compliance_year), now, uow)
            except DomainError as refused:
                outcomes.append(refused)
                continue
            found[key] = (done[0], found[key][1])
            _announce(uow, cmd, done[0], done[1], done[3])
            accepted.append(done)
            outcomes.append((done[0], done[1]))
        if accepted:
            store.record(registry, [tx for _, _, tx, _ in accepted],
                         reference=[f"surrender:{recorded.surrender_id}" for _, recorded, _, _ in accepted])
            final = {(ob.entity_id, ob.year): (ob, settled) for ob, _, _, settled in accepted}  # the last of each
            for settled in (True, False):
                for year in {year for (_, year), (_, s) in final.items() if s is settled}:
                    obligations.save_all([ob for (_, y), (ob, s) in final.items() if s is settled and y == year],
                                         policies(year), **({"settled_at": now} if settled else {}))
            surrenders.add_all([recorded for _, recorded, _, _ in accepted])
        uow.commit()
    return outcomes


def surrender_each(pending: Sequence[Pending], new_uow: Callable[[MessageContext], AllocationUnitOfWork]
                   ) -> list[Surrendered | DomainError]:
    """Surrender requests sent with an `Idempotency-Key`, in the group's transaction: each runs `surrender` in a
    savepoint of its own (`new_uow` joins the transaction) with its claim fenced there, so a request whose claim
    was taken over is rolled back and refused alone."""
    outcomes: list[Surrendered | DomainError] = []
    for entity_id, cmd, context, claim in pending:
        token = current_claim.set(claim)
        try:
            outcomes.append(surrender(entity_id, cmd, new_uow(context)))
        except DomainError as refused:
            outcomes.append(refused)
        finally:
            current_claim.reset(token)
    return outcomes
