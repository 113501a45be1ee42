"""HTTP API of covered entities and their registry accounts (M-5, M-32, M-44(6)). Plans: `http_plans`;
obligations and surrender: `http_compliance`."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from allocation.adapters.registry_store import RegistryStore
from allocation.adapters.repository import EntityRepository
from allocation.domain import Coverage
from allocation.entrypoints.schemas import (
    SUPERVISORS, EntityPublic, HoldingPublic, LotPublic, TransactionPublic, may_see,
)
from allocation.service_layer import commands, handlers
from allocation.service_layer.registration import account_id
from ets_shared.auth import Principal, Role
from ets_shared.bounds import Limit, Offset
from ets_shared.http.dependencies import Caller, ReadSession, require
from allocation.entrypoints.dependencies import Uow

router = APIRouter(tags=["entities and registry"])
Authority = Annotated[Principal, Depends(require(Role.AUTHORITY))]


@router.post("/entities", response_model=EntityPublic, status_code=201,
             summary="Register an emitter with its known emissions: covered by its sector's threshold (M-5, with a "
                     "holding account, M-32) or reporting-only (M-12 ¶2); below both refused")
def register(cmd: commands.RegisterEntity, _: Authority, uow: Uow) -> EntityPublic:
    return EntityPublic.of(handlers.register_entities([cmd], uow, prefix="")[0])


@router.post("/entities/batch", response_model=list[EntityPublic], status_code=201,
             summary="Register up to 10,000 emitters in one transaction, each by the thresholds (M-5, M-12 ¶2)")
def register_batch(cmd: commands.RegisterEntities, _: Authority, uow: Uow) -> list[EntityPublic]:
    return [EntityPublic.of(e) for e in handlers.register_entities(cmd.entities, uow)]


@router.get("/entities", response_model=list[EntityPublic],
            summary="Emitters the authority manages: covered (M-5) and reporting-only (M-12 ¶2)")
def list_entities(session: ReadSession, _: Annotated[Principal, Depends(require(*SUPERVISORS))],
                  coverage: Coverage | None = None, offset: Offset = 0, limit: Limit = 100) -> list[EntityPublic]:
    return [EntityPublic.of(e) for e in EntityRepository(session).list(offset, limit, coverage)]


@router.get("/entities/{entity_id}", response_model=EntityPublic, summary="One covered entity (M-5)")
def get_entity(entity_id: str, session: ReadSession, caller: Caller) -> EntityPublic:
    may_see(caller, entity_id)
    return EntityPublic.of(EntityRepository(session).get(entity_id))


@router.get("/entities/{entity_id}/holdings", response_model=list[HoldingPublic],
            summary="The entity's holdings by unit type and vintage (M-32; banking, M-16 ¶2)")
def holdings(entity_id: str, session: ReadSession, caller: Caller) -> list[HoldingPublic]:
    may_see(caller, entity_id)
    EntityRepository(session).get(entity_id)
    return [HoldingPublic(unit_type=u, vintage=v, quantity=q)
            for u, v, q in RegistryStore(session).holdings(account_id(entity_id))]


@router.get("/entities/{entity_id}/holdings/lots", response_model=list[LotPublic],
            summary="The entity's holdings lot by lot, with each CCER lot's project and boundary (M-17, M-32)")
def lots(entity_id: str, session: ReadSession, caller: Caller) -> list[LotPublic]:
    may_see(caller, entity_id)
    EntityRepository(session).get(entity_id)
    return [LotPublic.of(row) for row in RegistryStore(session).lots(account_id(entity_id))]


@router.get("/entities/{entity_id}/transactions", response_model=list[TransactionPublic],
            summary="Registry transactions of the entity's account, in registration order (M-32)")
def transactions(entity_id: str, session: ReadSession, caller: Caller, offset: Offset = 0,
                 limit: Limit = 100) -> list[TransactionPublic]:
    may_see(caller, entity_id)
    EntityRepository(session).get(entity_id)
    return [TransactionPublic.of(tx, lines)
            for tx, lines in RegistryStore(session).transactions(account_id(entity_id), offset, limit)]


@router.post("/entities/{entity_id}/ccer-deposits", response_model=TransactionPublic, status_code=201,
             summary="CCERs enter the entity's account from the national registry (M-44(6), M-32)")
def deposit_ccer(entity_id: str, cmd: commands.DepositCcer, _: Authority, uow: Uow) -> TransactionPublic:
    tx = handlers.deposit_ccer(entity_id, cmd, uow)
    return TransactionPublic.registered(tx, f"ccer-deposit:{cmd.project_id}")
