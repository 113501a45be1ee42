"""Wires the exchange: its tables, migrations, routes, the events it consumes and publishes."""
from __future__ import annotations

import asyncio
from pathlib import Path

from ets_shared.contracts.exchange import (
    AccountSucceeded, AgreementProposed, AllowancesDeposited, AllowancesWithdrawn, AllowanceWithdrawalRequested,
    CashDeposited, CashWithdrawn, DepthChanged, FeeOutsideSchedule, LargeHolderReported, MarketDayReported,
    MarketMeasureImposed, MarketMeasureLifted, MemberAdmitted, OrderAccepted, OrderAmended, OrderCancelled,
    RiskWarningIssued, SurveillanceAlertRaised, TradeDeliveryInstructed, TradeExecuted, TradePrinted, TradeSettled,
    TradeSettlementFailed, TradingAccountOpened, TradingDayOpened, TradingRulesFiled,
)
from ets_shared.envelope import MessageContext
from ets_shared.runtime import ServiceDefinition, ServiceRuntime
from ets_shared.settings import ServiceSettings
from exchange.adapters.orm import ExchangeTable
from exchange.entrypoints.rpc import OrderGateway
from exchange.service_layer.sequencer import Sequencer
from exchange.entrypoints import (
    http, http_accounts, http_market, http_reconciliation, http_risk, http_surveillance, http_trading,
)
from exchange.service_layer.filings import file_rules
from exchange.service_layer.handlers import EVENT_HANDLERS, SETTLEMENT_ANSWERS
from exchange.adapters.policy_repository import ExchangePolicyDocument
from exchange.service_layer.unit_of_work import ExchangeUnitOfWork

NAME = "exchange"


def definition() -> ServiceDefinition:
    return ServiceDefinition(
        name=NAME,
        title="Exchange",
        description="The carbon exchange (SEEE, M-19..M-30): members and their clients' trading accounts, funds at "
                    "the settlement bank, open bidding and agreement transfers, settlement through the registry.",
        metadata=ExchangeTable.metadata,
        migrations=Path(__file__).parent / "migrations",
        routers=[http.router, http_accounts.router, http_trading.router, http_reconciliation.router, http_market.router,
                 http_surveillance.router, http_risk.router],
        handlers=EVENT_HANDLERS,
        publishes=[MemberAdmitted, TradingAccountOpened, OrderAccepted, OrderAmended, OrderCancelled, TradeExecuted,
                   TradeDeliveryInstructed, TradeSettled, TradeSettlementFailed, CashDeposited, CashWithdrawn,
                   AllowancesDeposited, AllowanceWithdrawalRequested, AllowancesWithdrawn, AgreementProposed,
                   TradePrinted, DepthChanged, MarketDayReported, SurveillanceAlertRaised, TradingDayOpened,
                   MarketMeasureImposed, MarketMeasureLifted, RiskWarningIssued, LargeHolderReported, TradingRulesFiled,
                   FeeOutsideSchedule, AccountSucceeded],
        uow_class=ExchangeUnitOfWork,
        policy=(ExchangePolicyDocument, ExchangePolicyDocument.default, file_rules),
        # settlement of the registry's answers touches no order book: served, a companion process applies them (and
        # relays the outbox) while this one enters orders (`ets_shared.companion`)
        companion=frozenset(SETTLEMENT_ANSWERS),
    )


class ExchangeRuntime(ServiceRuntime):
    """The service's runtime with its sequencer (the one writer of order entry, `service_layer.sequencer`) and the
    members' NATS order gateway (`entrypoints.rpc`), started after the event consumers and stopped
    before them."""

    def __init__(self, definition: ServiceDefinition, settings: ServiceSettings | None = None) -> None:
        super().__init__(definition, settings)
        self.sequencer = Sequencer(self._order_entry_uow)
        self.metrics.watch_group_commit(self.sequencer)  # its batches and its thread's time in /metrics
        self.gateway = OrderGateway(self)

    def _order_entry_uow(self, context: MessageContext) -> ExchangeUnitOfWork:
        """The sequencer's unit of work: the service's own class, which the definition's `uow_class` names (the
        shared runtime types it as the base class)."""
        uow = self.uow(context)
        if not isinstance(uow, ExchangeUnitOfWork):
            raise TypeError(f"the exchange's units of work are ExchangeUnitOfWork, not {type(uow).__name__}")
        return uow

    async def start_entrypoints(self) -> None:
        await self.gateway.start(self._nc)

    async def stop_entrypoints(self) -> None:
        await self.gateway.stop()
        await asyncio.to_thread(self.sequencer.stop)


def build_runtime(settings: ServiceSettings | None = None) -> ServiceRuntime:
    return ExchangeRuntime(definition(), settings or ServiceSettings.for_service(NAME))
