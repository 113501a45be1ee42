"""Events of the exchange service (docs/rules.md §6)."""
from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, Field

from ets_shared.contracts.base import EventData, Tonnes, contract


@contract(
    producer="exchange", aggregate="member", event="admitted", version=1,
    example={"member_id": "M-E-0001", "name": "Shanghai Steel Works", "kind": "self_operating",
             "covered_entity_id": "E-0001", "admitted_at": "2025-01-05T02:00:05Z"},
)
class MemberAdmitted(EventData):
    """A participant was admitted as an exchange member (M-21, M-22); covered entities as self-operating members."""

    member_id: str
    name: str
    kind: Literal["self_operating", "comprehensive"]
    covered_entity_id: str | None = None
    admitted_at: AwareDatetime


# --- Cross-service instructions to the registry (M-26, M-32); the registry answers with
# `allocation.registry-transfer.registered` or `.refused` carrying the instruction's id as `reference`. ---

@contract(
    producer="exchange", aggregate="trading-account", event="opened", version=1,
    example={"trading_account_id": "X-M-E-0001", "participant_id": "M-E-0001", "member_id": "M-E-0001",
             "participant_kind": "member", "covered_entity_id": "E-0001", "name": "Shanghai Steel Works",
             "opened_at": "2025-01-05T02:00:06Z"},
)
class TradingAccountOpened(EventData):
    """A trading account was opened for a member, or for a client of a comprehensive member (M-22, M-26 ¶2).

    The registry opens an exchange trading account under the same id, linked to the participant's holding account:
    the covered entity's holding account when `covered_entity_id` is set, otherwise a holding account it opens for
    the member or client. Only the exchange's instructions ever debit a trading account."""

    trading_account_id: str
    participant_id: str
    member_id: str
    participant_kind: Literal["member", "client"]
    covered_entity_id: str | None = None
    name: str
    opened_at: AwareDatetime


@contract(
    producer="exchange", aggregate="allowances", event="withdrawal-requested", version=1,
    example={"instruction_id": "WDR-0000000001", "trading_account_id": "X-M-E-0001", "vintage": 2025,
             "quantity": 1000, "requested_at": "2026-05-21T02:00:00Z"},
)
class AllowanceWithdrawalRequested(EventData):
    """A holder takes allowances out of trading back to its registry holding account; the exchange has already
    taken them out of the account's available position, so no order can sell them meanwhile (M-26, M-32)."""

    instruction_id: str
    trading_account_id: str
    vintage: int = Field(ge=2013, le=2100)
    quantity: Tonnes = Field(gt=0)
    requested_at: AwareDatetime


@contract(
    producer="exchange", aggregate="trade", event="delivery-instructed", version=1,
    example={"trade_id": "TRD-0000000001", "seller_trading_account_id": "X-M-E-0002",
             "buyer_trading_account_id": "X-M-E-0001", "vintage": 2025, "quantity": 1000,
             "instructed_at": "2026-05-20T02:30:00Z"},
)
class TradeDeliveryInstructed(EventData):
    """The allowance leg of a matched trade, for the registry to deliver from seller to buyer (M-26, M-27). The
    registry registers it under the trade id, so a re-delivered instruction moves nothing twice."""

    trade_id: str
    seller_trading_account_id: str
    buyer_trading_account_id: str
    vintage: int = Field(ge=2013, le=2100)
    quantity: Tonnes = Field(gt=0)
    instructed_at: AwareDatetime
