"""The allocation service's unit of work: the shared transaction (outbox, audit, inbox) plus its repositories."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, Self

from allocation.adapters.coverage_repository import (
    ApplicationRepository, CoveredListRepository, EmissionsRepository,
)
from allocation.adapters.obligations import ObligationRepository, SurrenderRepository
from allocation.adapters.registry_store import RegistryStore
from allocation.adapters.repository import EntityRepository, PlanRepository
from allocation.adapters.trading_accounts import TradingAccountRepository
from ets_shared.unit_of_work import SqlUnitOfWork


class AllocationUnitOfWork(SqlUnitOfWork):
    entities: EntityRepository
    plans: PlanRepository
    registry: RegistryStore
    trading_accounts: TradingAccountRepository
    obligations: ObligationRepository
    surrenders: SurrenderRepository
    emissions: EmissionsRepository
    applications: ApplicationRepository
    lists: CoveredListRepository

    _deferred: dict[Callable[[list[Any], "AllocationUnitOfWork"], None], list[Any]]

    def __enter__(self) -> Self:
        self._deferred = {}
        return super().__enter__()

    def defer(self, apply: Callable[[list[Any], "AllocationUnitOfWork"], None], item: Any) -> None:
        """Queue `item` to be applied with the others of this transaction at commit, `apply(items, uow)` once:
        a consumed batch's registry instructions are registered together, set-based (`registry_transfers`)."""
        self._deferred.setdefault(apply, []).append(item)

    def commit(self) -> None:
        while self._deferred:
            apply = next(iter(self._deferred))
            apply(self._deferred.pop(apply), self)
        super().commit()

    def rollback(self) -> None:
        self._deferred = {}
        super().rollback()

    def _open(self) -> None:
        self.entities = EntityRepository(self.session)
        self.plans = PlanRepository(self.session)
        self.registry = RegistryStore(self.session)
        self.trading_accounts = TradingAccountRepository(self.session)
        self.obligations = ObligationRepository(self.session)
        self.surrenders = SurrenderRepository(self.session)
        self.emissions = EmissionsRepository(self.session)
        self.applications = ApplicationRepository(self.session)
        self.lists = CoveredListRepository(self.session)
