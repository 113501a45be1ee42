"""Use cases of the allocation service and the events it consumes.

Command handlers own their transaction (`with uow: ... uow.commit()`); event handlers run inside the transaction the
consumer opened for them (inbox + effect commit together) and never commit. The use cases live by subject:
`registration` (M-5, M-12 ¶2, CCER deposits), `coverage` (voluntary applications, known emissions, the published
list), `planning` (M-6..M-9), `obligations` (M-15, M-16, shortfall),
`surrender` (M-16, M-17), `trading_accounts`, `registry_transfers` and `exchange_instructions` (M-23, M-26 ¶2,
M-32: allowances into, inside and out of exchange trading).
"""
from __future__ import annotations

from allocation.service_layer.coverage import (
    decide_application, declare_emissions, file_application, on_report_submitted, preview_list, publish_list,
)
from allocation.service_layer.obligations import on_calendar_tick, on_emissions_determined
from allocation.service_layer.planning import (
    add_entries, approve_plan, change_cap, create_plan, issue_plan, remove_entry,
)
from allocation.service_layer.registration import deposit_ccer, register_entities
from allocation.service_layer.exchange_instructions import on_delivery_instructed, on_withdrawal_requested
from allocation.service_layer.registry_transfers import request_transfer, request_transfers
from allocation.service_layer.succession import on_account_succeeded
from allocation.service_layer.surrender import surrender
from allocation.service_layer.trading_accounts import on_trading_account_opened
from ets_shared.contracts.calendar import CalendarTick
from ets_shared.contracts.exchange import (
    AccountSucceeded, AllowanceWithdrawalRequested, TradeDeliveryInstructed, TradingAccountOpened,
)
from ets_shared.contracts.mrv import EmissionReportSubmitted, EmissionsDeterminedV2
from ets_shared.contracts.base import EventData
from ets_shared.messaging.consumers import EventHandler

EVENT_HANDLERS: dict[type[EventData], EventHandler] = {
    EmissionsDeterminedV2: on_emissions_determined,
    EmissionReportSubmitted: on_report_submitted,
    CalendarTick: on_calendar_tick,
    TradingAccountOpened: on_trading_account_opened,
    AllowanceWithdrawalRequested: on_withdrawal_requested,
    TradeDeliveryInstructed: on_delivery_instructed,
    AccountSucceeded: on_account_succeeded,
}

__all__ = ["EVENT_HANDLERS", "add_entries", "approve_plan", "change_cap", "create_plan", "decide_application",
           "declare_emissions", "deposit_ccer", "file_application", "issue_plan", "preview_list", "publish_list",
           "register_entities", "remove_entry", "request_transfer", "request_transfers", "surrender"]
