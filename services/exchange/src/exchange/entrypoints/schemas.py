"""Response bodies of the trading API: money as decimal strings in yuan, tonnes as integers."""
from __future__ import annotations

from datetime import date, datetime

from collections.abc import Sequence

from pydantic import BaseModel

from ets_shared.contracts.base import Money
from exchange.adapters.orm import (
    AgreementRow, AllowanceInstructionRow, CashMovementRow, OrderRow, ProductRow, TradeRow, TradingAccountRow,
)
from exchange.domain.policy import to_yuan


class TradingAccountPublic(BaseModel):
    trading_account_id: str
    participant_id: str
    member_id: str
    participant_kind: str
    covered_entity_id: str | None
    name: str
    opened_at: datetime

    @classmethod
    def of(cls, row: TradingAccountRow) -> TradingAccountPublic:
        return cls(**row.model_dump())


class AllowancePosition(BaseModel):
    vintage: int
    available: int
    reserved: int


class BalancesPublic(BaseModel):
    trading_account_id: str
    cash_available: Money
    cash_reserved: Money
    allowances: list[AllowancePosition]


class ProductPublic(BaseModel):
    product_id: str
    vintage: int
    reference_price: Money
    listed_at: datetime

    @classmethod
    def of(cls, row: ProductRow) -> ProductPublic:
        return cls(product_id=row.product_id, vintage=row.vintage, reference_price=to_yuan(row.reference_price_cents),
                   listed_at=row.listed_at)


class TradePublic(BaseModel):
    trade_id: str
    mode: str
    product_id: str
    vintage: int
    price: Money
    quantity: int
    buyer_trading_account_id: str
    seller_trading_account_id: str
    buy_order_id: str | None
    sell_order_id: str | None
    buyer_fee: Money
    seller_fee: Money
    status: str
    executed_at: datetime
    settled_at: datetime | None
    failure_reason: str | None

    @classmethod
    def of(cls, t: TradeRow) -> TradePublic:
        return cls(trade_id=t.trade_id, mode=t.mode, product_id=t.product_id, vintage=t.vintage,
                   price=to_yuan(t.price_cents), quantity=t.quantity, buyer_trading_account_id=t.buyer_account_id,
                   seller_trading_account_id=t.seller_account_id, buy_order_id=t.buy_order_id,
                   sell_order_id=t.sell_order_id, buyer_fee=to_yuan(t.buyer_fee_cents),
                   seller_fee=to_yuan(t.seller_fee_cents), status=t.status, executed_at=t.executed_at,
                   settled_at=t.settled_at, failure_reason=t.failure_reason)


class OrderPublic(BaseModel):
    order_id: str
    sequence: int
    trading_account_id: str
    product_id: str
    side: str
    price: Money
    quantity: int
    remaining: int
    filled: int
    time_in_force: str
    status: str
    accepted_at: datetime
    trades: list[TradePublic] = []

    @classmethod
    def of(cls, o: OrderRow, trades: Sequence[TradeRow] = ()) -> OrderPublic:
        return cls(order_id=o.order_id, sequence=o.sequence, trading_account_id=o.trading_account_id,
                   product_id=o.product_id, side=o.side, price=to_yuan(o.price_cents), quantity=o.quantity,
                   remaining=o.remaining, filled=o.filled, time_in_force=o.time_in_force, status=o.status,
                   accepted_at=o.accepted_at, trades=[TradePublic.of(t) for t in trades])


class AgreementPublic(BaseModel):
    agreement_id: str
    proposer_trading_account_id: str
    counterparty_trading_account_id: str
    proposer_side: str
    product_id: str
    price: Money
    quantity: int
    status: str
    proposed_at: datetime
    trade_id: str | None

    @classmethod
    def of(cls, a: AgreementRow) -> AgreementPublic:
        return cls(agreement_id=a.agreement_id, proposer_trading_account_id=a.proposer_account_id,
                   counterparty_trading_account_id=a.counterparty_account_id, proposer_side=a.proposer_side,
                   product_id=a.product_id, price=to_yuan(a.price_cents), quantity=a.quantity, status=a.status,
                   proposed_at=a.proposed_at, trade_id=a.trade_id)


class CashMovementPublic(BaseModel):
    movement_id: str
    trading_account_id: str
    kind: str
    amount: Money
    status: str
    requested_at: datetime
    value_date: date | None

    @classmethod
    def of(cls, m: CashMovementRow) -> CashMovementPublic:
        return cls(movement_id=m.movement_id, trading_account_id=m.trading_account_id, kind=m.kind,
                   amount=to_yuan(m.amount_cents), status=m.status, requested_at=m.requested_at,
                   value_date=m.value_date)


class InstructionPublic(BaseModel):
    instruction_id: str
    trading_account_id: str
    vintage: int
    quantity: int
    status: str
    requested_at: datetime
    reason: str | None

    @classmethod
    def of(cls, row: AllowanceInstructionRow) -> InstructionPublic:
        return cls(**{k: getattr(row, k) for k in cls.model_fields})


class StatementLine(BaseModel):
    at: datetime
    kind: str
    reference: str
    cash: Money
    vintage: int | None
    quantity: int


class BookLevel(BaseModel):
    price: Money
    quantity: int


class BookPublic(BaseModel):
    product_id: str
    bids: list[BookLevel]
    asks: list[BookLevel]


class MemberPublic(BaseModel):
    member_id: str
    name: str
    kind: str
    covered_entity_id: str | None
    admitted_at: datetime
    status: str
    status_reason: str | None


class ApplicationPublic(BaseModel):
    application_id: str
    member_id: str
    applied_at: datetime
    status: str
    decided_at: datetime | None
    decision_reason: str | None
