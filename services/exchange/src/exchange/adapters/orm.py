"""The exchange's tables (its own database): members, trading accounts, balances, orders, trades, agreements,
market-day reports and surveillance records."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, BigInteger, Column, Index, MetaData, Table
from sqlmodel import Field, SQLModel

from ets_shared.persistence.tables import utc_column


class ExchangeTable(SQLModel):
    """The base of this service's tables: their own MetaData, apart from every other service's."""

    metadata = MetaData()
    __table__: ClassVar[Table]  # set by SQLModel on each table class; declared so a type checker knows it


class MemberRow(ExchangeTable, table=True):
    __tablename__ = "member"
    member_id: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=300)
    kind: str = Field(max_length=20)
    covered_entity_id: str | None = Field(default=None, max_length=64, unique=True)
    admitted_at: datetime = Field(sa_column=utc_column())
    status: str = Field(max_length=20)
    status_reason: str | None = Field(default=None, max_length=1000)
    status_changed_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))


class ComprehensiveApplicationRow(ExchangeTable, table=True):
    __tablename__ = "comprehensive_application"
    application_id: str = Field(primary_key=True, max_length=64)
    member_id: str = Field(max_length=64, index=True, foreign_key="member.member_id")
    applied_at: datetime = Field(sa_column=utc_column())
    status: str = Field(max_length=20)
    decided_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    decision_reason: str | None = Field(default=None, max_length=1000)


# --- trading (M-23, M-26..M-28): accounts, balances, orders, trades ---------------------------------------------
# Cash is held in integer fen (BIGINT: exact, and atomic `UPDATE ... SET x = x + :n` on every database); the API
# speaks decimal yuan. Prices are fen per tonne.

class TradingAccountRow(ExchangeTable, table=True):
    __tablename__ = "trading_account"
    trading_account_id: str = Field(primary_key=True, max_length=80)
    participant_id: str = Field(max_length=64, unique=True)
    member_id: str = Field(max_length=64, index=True, foreign_key="member.member_id")
    participant_kind: str = Field(max_length=10)
    covered_entity_id: str | None = Field(default=None, max_length=64)
    name: str = Field(max_length=300)
    opened_at: datetime = Field(sa_column=utc_column())


class ProductRow(ExchangeTable, table=True):
    __tablename__ = "product"
    product_id: str = Field(primary_key=True, max_length=32)
    vintage: int
    reference_price_cents: int = Field(sa_column=Column(BigInteger, nullable=False))
    listed_at: datetime = Field(sa_column=utc_column())


class CashBalanceRow(ExchangeTable, table=True):
    __tablename__ = "cash_balance"
    account_id: str = Field(primary_key=True, max_length=80)
    available_cents: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))
    reserved_cents: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))


class AllowancePositionRow(ExchangeTable, table=True):
    __tablename__ = "allowance_position"
    account_id: str = Field(primary_key=True, max_length=80)
    vintage: int = Field(primary_key=True)
    available: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))
    reserved: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))


class LedgerEntryRow(ExchangeTable, table=True):
    """A participant's statement: every movement of its cash or allowances, with what caused it."""
    __tablename__ = "ledger_entry"
    id: int | None = Field(default=None, primary_key=True)
    account_id: str = Field(max_length=80, index=True)
    at: datetime = Field(sa_column=utc_column())
    kind: str = Field(max_length=40)
    reference: str = Field(max_length=80, index=True)
    cash_cents: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))
    vintage: int | None = None
    quantity: int = 0


class CashMovementRow(ExchangeTable, table=True):
    """Deposits and withdrawals at the settlement bank (M-26), keyed by the bank's reference."""
    __tablename__ = "cash_movement"
    movement_id: str = Field(primary_key=True, max_length=64)
    trading_account_id: str = Field(max_length=80, index=True)
    kind: str = Field(max_length=12)
    amount_cents: int = Field(sa_column=Column(BigInteger, nullable=False))
    status: str = Field(max_length=12)
    requested_at: datetime = Field(sa_column=utc_column())
    decided_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    value_date: date | None = None


class AllowanceInstructionRow(ExchangeTable, table=True):
    """Allowances taken out of trading back to the holder's registry account, until the registry answers."""
    __tablename__ = "allowance_instruction"
    instruction_id: str = Field(primary_key=True, max_length=64)
    trading_account_id: str = Field(max_length=80, index=True)
    vintage: int
    quantity: int
    status: str = Field(max_length=12)
    requested_at: datetime = Field(sa_column=utc_column())
    decided_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    reason: str | None = Field(default=None, max_length=1000)


class OrderRow(ExchangeTable, table=True):
    """An order as entered and as it stands. An account's orders are found by `ix_exchange_order_account_status`
    (its prefix serves a lookup by account alone: a second index on the account would only cost every order's insert
    another B-tree write)."""

    __tablename__ = "exchange_order"
    __table_args__ = (Index("ix_exchange_order_account_status", "trading_account_id", "status"),)
    order_id: str = Field(primary_key=True, max_length=64)
    sequence: int = Field(sa_column=Column(BigInteger, nullable=False, unique=True))  # time priority
    trading_account_id: str = Field(max_length=80)
    member_id: str = Field(max_length=64)
    owner_id: str = Field(max_length=64)
    product_id: str = Field(max_length=32)
    vintage: int
    side: str = Field(max_length=4)
    price_cents: int = Field(sa_column=Column(BigInteger, nullable=False))
    quantity: int
    remaining: int
    filled: int = 0
    time_in_force: str = Field(max_length=3)
    status: str = Field(max_length=12, index=True)
    reserve_per_t_cents: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))
    trading_day: date = Field(index=True)
    accepted_at: datetime = Field(sa_column=utc_column())
    updated_at: datetime = Field(sa_column=utc_column())


class TradeRow(ExchangeTable, table=True):
    """A trade and its settlement. A buyer's trades are found by `ix_trade_buyer_status`, a product's by
    `ix_trade_product_mode_day` (their prefixes serve lookups by buyer or product alone, without an index each), a
    product's last trade (the depth feed's last price, M-25) by `ix_trade_product_latest` read backwards — without
    it the read sorted all the product's trades at every batch that changed a book without trading (5.5 ms at 13,000
    trades, growing with the year)."""

    __tablename__ = "trade"
    __table_args__ = (Index("ix_trade_buyer_status", "buyer_account_id", "status"),
                      Index("ix_trade_product_mode_day", "product_id", "mode", "trading_day"),
                      Index("ix_trade_product_latest", "product_id", "executed_at", "print_sequence", "trade_id"))
    trade_id: str = Field(primary_key=True, max_length=64)
    mode: str = Field(max_length=16)
    product_id: str = Field(max_length=32)
    vintage: int
    price_cents: int = Field(sa_column=Column(BigInteger, nullable=False))
    quantity: int
    buyer_account_id: str = Field(max_length=80)
    seller_account_id: str = Field(max_length=80, index=True)
    buy_order_id: str | None = Field(default=None, max_length=64)
    sell_order_id: str | None = Field(default=None, max_length=64)
    buyer_fee_cents: int = Field(sa_column=Column(BigInteger, nullable=False))
    seller_fee_cents: int = Field(sa_column=Column(BigInteger, nullable=False))
    buyer_reserved_cents: int = Field(sa_column=Column(BigInteger, nullable=False))
    status: str = Field(max_length=12, index=True)
    trading_day: date = Field(index=True)
    executed_at: datetime = Field(sa_column=utc_column())
    settled_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    failure_reason: str | None = Field(default=None, max_length=1000)
    print_sequence: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))  # the tape's order


class AgreementRow(ExchangeTable, table=True):
    """An agreement transfer (协议转让, M-23): proposed by one named party, confirmed by the other."""
    __tablename__ = "agreement"
    agreement_id: str = Field(primary_key=True, max_length=64)
    proposer_account_id: str = Field(max_length=80, index=True)
    counterparty_account_id: str = Field(max_length=80, index=True)
    proposer_side: str = Field(max_length=4)
    product_id: str = Field(max_length=32)
    vintage: int
    price_cents: int = Field(sa_column=Column(BigInteger, nullable=False))
    quantity: int
    reserve_per_t_cents: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))
    status: str = Field(max_length=12)
    proposed_at: datetime = Field(sa_column=utc_column())
    decided_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    trade_id: str | None = Field(default=None, max_length=64)


class AllocationHeldRow(ExchangeTable, table=True):
    """Allowances issued to a covered entity (allocation.allowances.issued): its M-28(2) holding allowance."""
    __tablename__ = "allocation_held"
    entity_id: str = Field(primary_key=True, max_length=64)
    vintage: int = Field(primary_key=True)
    quantity: int = Field(sa_column=Column(BigInteger, nullable=False))


# --- market data and surveillance (M-24, M-25) ------------------------------------------------------------------

class MarketDayRow(ExchangeTable, table=True):
    """One trading day's report (`exchange.market-day.reported`), published once: its primary key is the day."""
    __tablename__ = "market_day"
    trading_date: date = Field(primary_key=True)
    products: list[dict[str, Any]] = Field(sa_column=Column(JSON, nullable=False))
    reported_at: datetime = Field(sa_column=utc_column())


class SurveillanceAlertRow(ExchangeTable, table=True):
    __tablename__ = "surveillance_alert"
    __table_args__ = (Index("ix_surveillance_alert_day_pattern", "trading_date", "pattern"),)
    alert_id: str = Field(primary_key=True, max_length=64)
    pattern: str = Field(max_length=24)
    product_id: str = Field(max_length=32)
    trading_date: date
    trading_account_ids: list[str] = Field(sa_column=Column(JSON, nullable=False))
    member_ids: list[str] = Field(sa_column=Column(JSON, nullable=False))
    order_ids: list[str] = Field(sa_column=Column(JSON, nullable=False))
    trade_ids: list[str] = Field(sa_column=Column(JSON, nullable=False))
    detail: str = Field(max_length=2000)
    raised_at: datetime = Field(sa_column=utc_column())


class NearTouchCancelRow(ExchangeTable, table=True):
    """A large order cancelled near the touch soon after it was placed (M-24 layering): what surveillance counts."""
    __tablename__ = "near_touch_cancel"
    __table_args__ = (Index("ix_near_touch_cancel_owner_at", "owner_id", "cancelled_at"),)
    order_id: str = Field(primary_key=True, max_length=64)
    owner_id: str = Field(max_length=64)
    trading_account_id: str = Field(max_length=80)
    product_id: str = Field(max_length=32)
    cancelled_at: datetime = Field(sa_column=utc_column())


# --- oversight (M-20, M-28, M-29, M-42) -----------------------------------------------------------------------------

class MarketMeasureRow(ExchangeTable, table=True):
    """An emergency measure of the operations desk (M-29): a halt, a price limit or a holding limit, for one product
    or the whole market (`product_id` null), in force from `imposed_at` until lifted or `ends_at`."""
    __tablename__ = "market_measure"
    measure_id: str = Field(primary_key=True, max_length=64)
    kind: str = Field(max_length=16)
    product_id: str | None = Field(default=None, max_length=32)
    price_limit: str | None = Field(default=None, max_length=12)
    max_holding_t: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    reason: str = Field(max_length=1000)
    imposed_by: str = Field(max_length=200)
    imposed_at: datetime = Field(sa_column=utc_column())
    ends_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    lifted_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    lifted_by: str | None = Field(default=None, max_length=200)
    lift_reason: str | None = Field(default=None, max_length=1000)
    active: bool = Field(default=True, index=True)


class RiskWarningRow(ExchangeTable, table=True):
    __tablename__ = "risk_warning"
    warning_id: str = Field(primary_key=True, max_length=64)
    product_id: str | None = Field(default=None, max_length=32)
    level: str = Field(max_length=10)
    message: str = Field(max_length=2000)
    issued_by: str = Field(max_length=200)
    issued_at: datetime = Field(sa_column=utc_column())


class LargeHolderRow(ExchangeTable, table=True):
    """Whether an account is at or above the large-holder threshold (M-28(2)), so each upward crossing is reported
    once; its reports."""
    __tablename__ = "large_holder"
    trading_account_id: str = Field(primary_key=True, max_length=80)
    at_or_above: bool = False
    holding: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))
    reported_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    reports: int = 0


class RulesVersionRow(ExchangeTable, table=True):
    """Every version of a year's trading rules, fee schedule and limits (M-20), with who filed it and why."""
    __tablename__ = "rules_version"
    year: int = Field(primary_key=True)
    version: int = Field(primary_key=True)
    document: str
    changed: str = Field(max_length=2000)
    reason: str = Field(max_length=2000)
    filed_by: str = Field(max_length=200)
    filed_at: datetime = Field(sa_column=utc_column())


class TradingDayRow(ExchangeTable, table=True):
    """A trading day the market opened (announced once, `trading-day.opened`)."""
    __tablename__ = "trading_day"
    trading_date: date = Field(primary_key=True)
    opened_at: datetime = Field(sa_column=utc_column())
    market_report_due_at: datetime = Field(sa_column=utc_column())


class AccountSuccessionRow(ExchangeTable, table=True):
    """A predecessor's trading account passing to its successors (M-10, `allocation.succession.approved`): its open
    orders are cancelled at once; the move waits (`PENDING`) while anything of the account is still in flight (a
    trade awaiting delivery, a withdrawal awaiting the registry or the bank), then happens once (`MOVED`)."""
    __tablename__ = "account_succession"
    succession_id: str = Field(primary_key=True, max_length=64)
    trading_account_id: str = Field(primary_key=True, max_length=80)
    kind: str = Field(max_length=8)
    predecessor_entity_id: str = Field(max_length=64)
    continues: bool = False
    shares: list[list[str]] = Field(sa_column=Column(JSON, nullable=False))  # [[entity id, percent], ...] plan order
    cancelled_order_ids: list[str] = Field(sa_column=Column(JSON, nullable=False))
    status: str = Field(max_length=8, index=True)
    correlation_id: str = Field(max_length=100)
    approved_at: datetime = Field(sa_column=utc_column())
    moved_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))


class OrderBookVersionRow(ExchangeTable, table=True):
    """How many times the open orders were changed by a command that keeps the books (one row): each exchange process
    compares it with the count its books in memory were built at before it matches, so a process whose books another
    process has changed since rebuilds them first (`adapters.books`)."""
    __tablename__ = "order_book_version"
    id: int = Field(default=1, primary_key=True)
    version: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))
