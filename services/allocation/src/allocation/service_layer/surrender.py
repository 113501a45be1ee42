"""Surrender (M-16, M-17): the entity's units are checked against its obligation and the year's policy, then
cancelled in the registry (SURRENDER to the authority's cancellation account); the obligation settles when met,
late after a recorded shortfall."""
from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Sequence

from allocation.adapters.orm import CANCELLATION_ACCOUNT
from allocation.domain import (
    HoldingKey, Obligation, ObligationStatus, Registry, Surrender, UnitLine, UnitType, require_obligation,
)
from allocation.service_layer import commands
from allocation.service_layer.obligations import publish_settled
from allocation.adapters.policy_repository import policy_for
from allocation.service_layer.registration import account_id
from allocation.service_layer.unit_of_work import AllocationUnitOfWork
from ets_shared.contracts.allocation import SurrenderLine, SurrenderRecorded
from ets_shared.envelope import MessageContext
from ets_shared.errors import DomainError, RuleViolation
from ets_shared.persistence.claims import Claim, current_claim

_LINE = re.compile(r"^lines\[(\d+)\](.*)$")
#: a surrender request waiting for its group's transaction: the entity, the command, the request's context and its
#: claim on an `Idempotency-Key` (None without one)
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
        lots = sorted((k for k, q in registry.holdings.items() if q > 0 and k.account_id == account
                       and k.unit_type is UnitType.CCER and k.vintage == line.vintage
                       and k.origin is not None and k.origin.project_id == line.project_id),
                      key=lambda k: (k.origin.reduction_date, k.origin.boundary_entity_id or ""))
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
        if found is None:  # say why: no such entity, not covered, or nothing determined yet
            uow.entities.require_covered(entity_id)
        obligation = require_obligation(found[0] if found else None, entity_id, year)
        allocation_issued = found[1] if found else 0
        policy = policy_for(uow.session, year)
        now = uow.now()
        account = account_id(entity_id)
        registry = uow.registry.load([account, CANCELLATION_ACCOUNT], [account])
        units, source = _resolve(cmd.lines, registry, account)
        late = obligation.status is ObligationStatus.SHORTFALL
        surrender_id = f"SUR-{uuid.uuid4().hex}"
        try:
            result = obligation.surrender(units, now, policy, allocation_issued)
            tx = registry.surrender(f"TX-{surrender_id}", account, CANCELLATION_ACCOUNT, result.accepted, now)
        except DomainError as exc:
            raise _renumber(exc, source) from None
        uow.registry.record(registry, [tx], reference=f"surrender:{surrender_id}")
        uow.obligations.save(obligation, policy, **({"settled_at": now} if result.settled else {}))
        recorded = Surrender(surrender_id, entity_id, year, tx.transaction_id, result.shea, result.ccer, late, now)
        uow.surrenders.add(recorded)
        uow.publish(SurrenderRecorded(
            surrender_id=surrender_id, entity_id=entity_id, compliance_year=year,
            lines=[SurrenderLine(unit_type=ln.unit_type, vintage=ln.vintage, quantity=ln.quantity)
                   for ln in cmd.lines],
            total_surrendered=obligation.surrendered, remaining=obligation.remaining, surrendered_at=now))
        if result.settled:
            publish_settled(uow, obligation, late)
        uow.commit()
    return obligation, recorded


def surrender_each(pending: Sequence[Pending], new_uow: Callable[[MessageContext], AllocationUnitOfWork]
                   ) -> list[Surrendered | DomainError]:
    """Concurrent surrender requests in one transaction (`ets_shared.group_commit`): each runs `surrender` in a
    savepoint of its own (`new_uow` joins the group's transaction), so a refused surrender is rolled back and
    answered alone, and a later one of the same entity sees an earlier one's effect. Each request's
    `Idempotency-Key` claim is fenced inside its own savepoint. Any other error fails the whole group, which is then
    applied request by request."""
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
