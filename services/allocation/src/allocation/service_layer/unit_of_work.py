"""The allocation service's unit of work: the shared transaction (outbox, audit, inbox) plus its repositories."""
from __future__ import annotations

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
