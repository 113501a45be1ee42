"""Wires the allocation service: its tables, migrations, routes, per-year policy, the events it consumes and
publishes, and the registry's request/reply responder."""
from __future__ import annotations

import asyncio
from pathlib import Path
from typing import cast

from allocation.adapters.orm import AllocationTable
from allocation.entrypoints import (
    http, http_compliance, http_coverage, http_exit, http_ledger, http_plans, http_registry, http_sales,
    http_statements, http_succession, rpc,
)
from allocation.service_layer.handlers import EVENT_HANDLERS
from allocation.service_layer.obligations import on_policy_changed
from allocation.service_layer.registry_transfers import transfer_group_commit
from allocation.service_layer.surrender import Pending, Request, Surrendered, surrender_each, surrender_together
from allocation.adapters.policy_repository import AllocationPolicyDocument
from allocation.service_layer.unit_of_work import AllocationUnitOfWork
from ets_shared.envelope import MessageContext
from ets_shared.contracts.allocation import (
    AllowancesIssued, AllowancesRecalled, AllowancesSold, CoverageApplicationDecided, CoveredListPublished,
    EntityExitDeclared, EntityRegistered, LedgerHeadPublished, ObligationRecorded, ObligationSettled,
    RegistryTransferRefused, RegistryTransferRegistered,
    SaleCleared, ShortfallDetected, ShortfallRevised, SuccessionApproved, SurrenderRecorded,
)
from ets_shared.errors import DomainError
from ets_shared.group_commit import Claimed, GroupCommit
from ets_shared.runtime import ServiceDefinition, ServiceRuntime
from ets_shared.settings import ServiceSettings
from ets_shared.unit_of_work import SharedTransaction

NAME = "allocation"


def definition() -> ServiceDefinition:
    return ServiceDefinition(
        name=NAME,
        title="Allocation and registry",
        description="Covered entities and reporting-only emitters by the thresholds or a voluntary application, "
                    "and each year's published list (M-5, M-12 ¶2), caps and allocation plans (M-6..M-9), the "
                    "allowance registry (M-32) with the exchange's trading accounts, deposits, withdrawals and trade "
                    "deliveries (M-23, M-26 ¶2), obligations that follow every determination and revision, surrender "
                    "and CCER offsets (M-16, M-17), shortfall once an obligation's own surrender period has passed.",
        metadata=AllocationTable.metadata,
        migrations=Path(__file__).parent / "migrations",
        routers=[http.router, http_plans.router, http_compliance.router, http_coverage.router, http_registry.router,
                 http_exit.router, http_succession.router, http_ledger.router, http_sales.router,
                 http_statements.router],
        handlers=EVENT_HANDLERS,
        publishes=[EntityRegistered, AllowancesIssued, ObligationRecorded, SurrenderRecorded, ObligationSettled,
                   ShortfallDetected, ShortfallRevised, CoverageApplicationDecided, CoveredListPublished,
                   RegistryTransferRegistered, RegistryTransferRefused, EntityExitDeclared, AllowancesRecalled,
                   SuccessionApproved, LedgerHeadPublished, SaleCleared, AllowancesSold],
        uow_class=AllocationUnitOfWork,
        policy=(AllocationPolicyDocument, AllocationPolicyDocument.default, on_policy_changed),
    )


class AllocationRuntime(ServiceRuntime):
    """The service's runtime, the registry's request/reply responder (`entrypoints.rpc`), started after the
    event consumers and stopped before them, and two group commits whose writer threads end after the answers
    they owe: the registry's of holders' single transfers (`registry_transfers.transfer_group_commit`) and that
    of concurrent surrenders (one transaction for what is waiting: `surrender.surrender_together`, each
    request with an Idempotency-Key in a savepoint: `surrender.surrender_each`)."""

    def __init__(self, definition: ServiceDefinition, settings: ServiceSettings | None = None) -> None:
        super().__init__(definition, settings)
        self.responder = rpc.attach(self)
        self.transfers = transfer_group_commit(
            lambda: cast(AllocationUnitOfWork, self.uow(MessageContext.new("registry-transfers"))))
        self.surrenders: GroupCommit[Request, Surrendered] = GroupCommit(self._surrender_group,
                                                                          name="allocation-surrenders")
        for group in (self.transfers, self.surrenders):
            self.metrics.watch_group_commit(group)  # its batches and its thread's time in /metrics

    def _surrender_group(self, claimed: list[Claimed[Request]]) -> list[Surrendered | DomainError]:
        """One transaction: the plain requests set-based (`surrender_together`), then those with an Idempotency-Key
        one by one, each in a savepoint with its claim (`surrender_each`); answers in request order."""
        pending: list[Pending] = [(*request, claim) for request, claim in claimed]
        plain = [i for i, item in enumerate(pending) if item[3] is None]
        keyed = [i for i, item in enumerate(pending) if item[3] is not None]
        outcomes: dict[int, Surrendered | DomainError] = {}
        with self.shared_transaction() as transaction:
            if plain:
                first = pending[plain[0]][2]
                together = surrender_together([pending[i] for i in plain], self._joined(first, transaction))
                outcomes.update(zip(plain, together, strict=True))
            if keyed:
                each = surrender_each([pending[i] for i in keyed], lambda context: self._joined(context, transaction))
                outcomes.update(zip(keyed, each, strict=True))
            transaction.commit()
        return [outcomes[i] for i in range(len(pending))]

    def _joined(self, context: MessageContext, transaction: SharedTransaction) -> AllocationUnitOfWork:
        uow = self.uow(context, transaction)
        assert isinstance(uow, AllocationUnitOfWork)  # the definition's uow_class
        return uow

    async def start(self) -> None:
        await super().start()
        await self.responder.start()

    async def stop(self) -> None:
        await self.responder.stop()
        await asyncio.to_thread(self.transfers.stop)
        await asyncio.to_thread(self.surrenders.stop)
        await super().stop()


def build_runtime(settings: ServiceSettings | None = None) -> ServiceRuntime:
    return AllocationRuntime(definition(), settings or ServiceSettings.for_service(NAME))
