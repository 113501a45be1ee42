"""Covered entities and what enters their registry accounts from outside: registration (M-5) with a holding account
(M-32), and CCERs deposited from the national registry (M-44(6), M-17)."""
from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.exc import IntegrityError

from allocation.adapters.orm import ISSUANCE_ACCOUNT
from allocation.domain import (
    Account, AccountKind, CcerOrigin, CoveredEntity, RegistryTransaction, UnitLine, UnitType,
)
from allocation.service_layer import commands
from allocation.service_layer.unit_of_work import AllocationUnitOfWork
from ets_shared.clock import regulatory_date
from ets_shared.contracts.allocation import EntityRegistered
from ets_shared.errors import Conflict, RuleViolation


def account_id(entity_id: str) -> str:
    """An entity's holding account in the registry."""
    return f"ACC-{entity_id}"


def new_transaction_id(kind: str) -> str:
    return f"{kind}-{uuid.uuid4().hex}"


def register_entities(cmds: Sequence[commands.RegisterEntity], uow: AllocationUnitOfWork,
                      field: str = "entities[{i}].entity_id") -> list[CoveredEntity]:
    """M-5: put entities on the published list, each with its holding account; all or none, one transaction."""
    with uow:
        existing = uow.entities.existing_ids([c.entity_id for c in cmds])
        seen: set[str] = set()
        for i, cmd in enumerate(cmds):
            if cmd.entity_id in existing or cmd.entity_id in seen:
                raise Conflict(f"entity {cmd.entity_id} is already registered", field=field.format(i=i),
                               article="M-5")
            seen.add(cmd.entity_id)
        now = uow.now()
        registered = [CoveredEntity(cmd.entity_id, cmd.name, cmd.sector, now) for cmd in cmds]
        uow.entities.add_all(registered)
        uow.registry.open_accounts([Account(account_id(e.entity_id), AccountKind.ENTITY_HOLDING, e.entity_id, now)
                                    for e in registered])
        for entity in registered:
            uow.publish(EntityRegistered(entity_id=entity.entity_id, name=entity.name, sector=entity.sector,
                                         covered=True, registered_at=now))
        try:
            uow.commit()
        except IntegrityError as exc:  # registered concurrently between our check and our commit
            raise Conflict("an entity of this request was registered meanwhile", article="M-5") from exc
    return registered


def deposit_ccer(entity_id: str, cmd: commands.DepositCcer, uow: AllocationUnitOfWork) -> RegistryTransaction:
    """CCERs from the national registry enter the entity's account, one lot per project, reduction date and
    boundary (vintage = the reduction year); whether they may be surrendered is judged at surrender (M-17)."""
    with uow:
        uow.entities.require(entity_id)
        now = uow.now()
        if cmd.reduction_date > regulatory_date(now):
            raise RuleViolation(f"a reduction dated {cmd.reduction_date} lies in the future", field="reduction_date",
                                article="M-17")
        account = account_id(entity_id)
        vintage = cmd.reduction_date.year
        registry = uow.registry.load([ISSUANCE_ACCOUNT, account], [account], unit_type=UnitType.CCER,
                                     vintage=vintage)
        origin = CcerOrigin(cmd.project_id, cmd.reduction_date, cmd.boundary_entity_id)
        tx = registry.issue(new_transaction_id("CCER"), ISSUANCE_ACCOUNT, account,
                            [UnitLine(UnitType.CCER, vintage, cmd.quantity, origin)], now)
        uow.registry.record(registry, [tx], reference=f"ccer-deposit:{cmd.project_id}")
        uow.audit("allocation.ccer.deposited", f"entity:{entity_id}",
                  {"transaction_id": tx.transaction_id, **cmd.model_dump(mode="json")})
        uow.commit()
    return tx
