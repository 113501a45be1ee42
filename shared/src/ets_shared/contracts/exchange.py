"""Events of the exchange service (docs/rules.md §6)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal, get_args

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from ets_shared.contracts.base import EventData, Money, Tonnes, contract

TradeMode = Literal["open_bidding", "agreement"]
TRADE_MODES: tuple[TradeMode, ...] = get_args(TradeMode)
CancelReason = Literal["requested", "immediate_or_cancel", "self_trade_prevented", "expired"]
MarketMeasureKind = Literal["halt", "price_limit", "holding_limit"]
MARKET_MEASURE_KINDS: tuple[MarketMeasureKind, ...] = get_args(MarketMeasureKind)


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


class SucceededAllowances(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    vintage: int = Field(ge=2013, le=2100)
    quantity: Tonnes = Field(gt=0)


class AccountPassed(BaseModel):
    """What one successor's trading account received of the predecessor's (its share; allowances by vintage)."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    entity_id: str
    member_id: str
    trading_account_id: str
    holdings_share: str = Field(description="percent, a decimal string (the plan's holdings share)")
    cash: Money = Field(description="yuan, a decimal string (to the fen)")
    allowances: list[SucceededAllowances]


@contract(
    producer="exchange", aggregate="account", event="succeeded", version=1,
    example={"succession_id": "SUC-E-0003-2026-1", "kind": "merger", "predecessor_entity_id": "E-0003",
             "member_id": "M-E-0003", "trading_account_id": "X-M-E-0003", "continues": False,
             "successors": [{"entity_id": "E-0004", "member_id": "M-E-0004", "trading_account_id": "X-M-E-0004",
                             "holdings_share": "100", "cash": "125000.50",
                             "allowances": [{"vintage": 2025, "quantity": 4000}]}],
             "cancelled_order_ids": ["ORD-0000000001"], "moved_at": "2026-08-02T02:00:01Z"},
)
class AccountSucceeded(EventData):
    """M-10: an approved merger or split (`allocation.succession.approved`) passed a predecessor's exchange trading
    account to its successors: its open orders and agreement proposals were cancelled, then its custody allowances
    (by vintage) and its available cash were apportioned by the plan's holdings shares (largest remainder; cash to
    the fen) into the successors' trading accounts. A continuing predecessor of a split keeps its account with its
    own share (not listed); one that does not continue is closed to trading, and its clients' accounts (a
    comprehensive member's) pass to the successor that takes over its comprehensive business (a merger's successor;
    of a split, the one with the largest holdings share, the first listed on a tie). The registry registers the same
    allowance movement (one `succession` transaction, trading account to trading accounts, id
    `<succession_id>-<trading_account_id>`), so the reconciliation of custody against the registry agrees."""

    succession_id: str
    kind: Literal["merger", "split"]
    predecessor_entity_id: str
    member_id: str
    trading_account_id: str
    continues: bool
    successors: list[AccountPassed]
    cancelled_order_ids: list[str]
    client_trading_account_ids: list[str] = Field(
        default_factory=list, description="the trading accounts of the predecessor's clients (it was comprehensive), "
                                          "now handled by `clients_member_id`")
    clients_member_id: str | None = Field(default=None, description="the successor's member that took over the "
                                                                    "clients and the comprehensive membership")
    moved_at: AwareDatetime


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


# --- Trading (M-23, M-26..M-28): every accepted order, amendment, cancellation, trade, settlement and movement of
# cash or allowances in and out of trading. Prices and money are decimal strings in yuan (`Money`). ---

@contract(
    producer="exchange", aggregate="order", event="accepted", version=1,
    example={"order_id": "ORD-0000000001", "sequence": 1, "trading_account_id": "X-M-E-0001", "member_id": "M-E-0001",
             "product_id": "SHEA-2025", "vintage": 2025, "side": "BUY", "price": "45.20", "quantity": 1000,
             "time_in_force": "GTC", "accepted_at": "2026-05-20T02:00:00Z"},
)
class OrderAccepted(EventData):
    """A limit order passed the pre-trade checks (session, tick, lot, price limit, holding limit) and its cash or
    allowances were reserved (M-23, M-28); `sequence` is its time priority. Fills follow as `trade.executed`."""

    order_id: str
    sequence: int = Field(ge=1)
    trading_account_id: str
    member_id: str
    product_id: str
    vintage: int = Field(ge=2013, le=2100)
    side: Literal["BUY", "SELL"]
    price: Money
    quantity: Tonnes = Field(gt=0)
    time_in_force: Literal["GTC", "IOC"]
    accepted_at: AwareDatetime


@contract(
    producer="exchange", aggregate="order", event="amended", version=1,
    example={"order_id": "ORD-0000000001", "trading_account_id": "X-M-E-0001", "price": "45.10", "remaining": 800,
             "priority_kept": True, "amended_at": "2026-05-20T02:01:00Z"},
)
class OrderAmended(EventData):
    """An open order's price or open quantity changed; it keeps its time priority only when the quantity went
    down at the same price (M-23)."""

    order_id: str
    trading_account_id: str
    price: Money
    remaining: Tonnes
    priority_kept: bool
    amended_at: AwareDatetime


@contract(
    producer="exchange", aggregate="order", event="cancelled", version=1,
    example={"order_id": "ORD-0000000001", "trading_account_id": "X-M-E-0001", "cancelled_quantity": 800,
             "reason": "requested", "cancelled_at": "2026-05-20T02:02:00Z"},
)
class OrderCancelled(EventData):
    """Open quantity of an order left the book and its reservation was released: at the participant's request, the
    unfilled rest of an immediate-or-cancel order, self-trade prevention, or the end of its trading day."""

    order_id: str
    trading_account_id: str
    cancelled_quantity: Tonnes = Field(gt=0)
    reason: CancelReason
    cancelled_at: AwareDatetime
    cause: str | None = Field(default=None, max_length=120,
                              description="when the exchange cancelled the order itself, why: `succession:<id>` "
                                          "(M-10, the account passed to its successors; `reason` then `requested`, "
                                          "v1's values); null otherwise")


@contract(
    producer="exchange", aggregate="trade", event="executed", version=1,
    example={"trade_id": "TRD-0000000001", "mode": "open_bidding", "product_id": "SHEA-2025", "vintage": 2025,
             "price": "45.20", "quantity": 1000, "buyer_trading_account_id": "X-M-E-0001",
             "seller_trading_account_id": "X-M-E-0002", "buy_order_id": "ORD-0000000001",
             "sell_order_id": "ORD-0000000002", "buyer_fee": "67.80", "seller_fee": "67.80",
             "executed_at": "2026-05-20T02:00:00Z"},
)
class TradeExecuted(EventData):
    """Two orders matched in open bidding, or an agreement transfer was confirmed by its counterparty (M-23). Both
    legs are reserved; delivery is instructed to the registry and the trade settles or fails as a whole (M-26)."""

    trade_id: str
    mode: TradeMode
    product_id: str
    vintage: int = Field(ge=2013, le=2100)
    price: Money
    quantity: Tonnes = Field(gt=0)
    buyer_trading_account_id: str
    seller_trading_account_id: str
    buy_order_id: str | None = None
    sell_order_id: str | None = None
    buyer_fee: Money
    seller_fee: Money
    executed_at: AwareDatetime


@contract(
    producer="exchange", aggregate="trade", event="settled", version=1,
    example={"trade_id": "TRD-0000000001", "buyer_trading_account_id": "X-M-E-0001",
             "seller_trading_account_id": "X-M-E-0002", "vintage": 2025, "quantity": 1000, "turnover": "45200.00",
             "buyer_fee": "67.80", "seller_fee": "67.80", "risk_reserve": "27.12",
             "settled_at": "2026-05-20T02:00:02Z"},
)
class TradeSettled(EventData):
    """The registry delivered the allowances and the exchange moved the cash: both legs done (M-26). The fees went
    to the exchange's fee account, `risk_reserve` of them to the risk reserve fund (M-27, M-28(4))."""

    trade_id: str
    buyer_trading_account_id: str
    seller_trading_account_id: str
    vintage: int = Field(ge=2013, le=2100)
    quantity: Tonnes = Field(gt=0)
    turnover: Money
    buyer_fee: Money
    seller_fee: Money
    risk_reserve: Money
    settled_at: AwareDatetime


@contract(
    producer="exchange", aggregate="trade", event="settlement-failed", version=1,
    example={"trade_id": "TRD-0000000001", "reason": "account X-M-E-0002 holds 0 SHEA of vintage 2025",
             "failed_at": "2026-05-20T02:00:02Z"},
)
class TradeSettlementFailed(EventData):
    """The registry refused the allowance leg: neither leg moved and both reservations were released (M-26)."""

    trade_id: str
    reason: str
    failed_at: AwareDatetime


@contract(
    producer="exchange", aggregate="cash", event="deposited", version=1,
    example={"movement_id": "BANK-20260520-0001", "trading_account_id": "X-M-E-0001", "amount": "1000000.00",
             "confirmed_at": "2026-05-20T01:00:00Z"},
)
class CashDeposited(EventData):
    """The settlement bank confirmed funds arriving in the participant's dedicated account (M-26)."""

    movement_id: str
    trading_account_id: str
    amount: Money
    confirmed_at: AwareDatetime


@contract(
    producer="exchange", aggregate="cash", event="withdrawn", version=1,
    example={"movement_id": "WD-0000000001", "trading_account_id": "X-M-E-0001", "amount": "5000.00",
             "outcome": "paid", "decided_at": "2026-05-21T01:00:00Z"},
)
class CashWithdrawn(EventData):
    """The settlement bank paid out (or rejected) a withdrawal the participant requested; a rejected one went back
    to the account's available funds (M-26)."""

    movement_id: str
    trading_account_id: str
    amount: Money
    outcome: Literal["paid", "rejected"]
    decided_at: AwareDatetime


@contract(
    producer="exchange", aggregate="allowances", event="deposited", version=1,
    example={"transaction_id": "TX-2001", "trading_account_id": "X-M-E-0002", "vintage": 2025, "quantity": 5000,
             "credited_at": "2026-05-19T02:00:00Z"},
)
class AllowancesDeposited(EventData):
    """Allowances the registry registered into a trading account are now available to sell (M-26, M-32)."""

    transaction_id: str
    trading_account_id: str
    vintage: int = Field(ge=2013, le=2100)
    quantity: Tonnes = Field(gt=0)
    credited_at: AwareDatetime


@contract(
    producer="exchange", aggregate="allowances", event="withdrawn", version=1,
    example={"instruction_id": "WDR-0000000001", "trading_account_id": "X-M-E-0001", "vintage": 2025,
             "quantity": 1000, "outcome": "registered", "decided_at": "2026-05-21T02:00:01Z"},
)
class AllowancesWithdrawn(EventData):
    """The registry answered a withdrawal: `registered` (the allowances left trading) or `refused` (they are
    available in the trading account again)."""

    instruction_id: str
    trading_account_id: str
    vintage: int = Field(ge=2013, le=2100)
    quantity: Tonnes = Field(gt=0)
    outcome: Literal["registered", "refused"]
    decided_at: AwareDatetime


@contract(
    producer="exchange", aggregate="agreement", event="proposed", version=1,
    example={"agreement_id": "AGR-1", "proposer_trading_account_id": "X-M-E-0001",
             "counterparty_trading_account_id": "X-M-E-0002", "proposer_side": "BUY", "product_id": "SHEA-2025",
             "vintage": 2025, "price": "44.00", "quantity": 600000, "proposed_at": "2026-05-20T02:00:00Z"},
)
class AgreementProposed(EventData):
    """One named party proposed an agreement transfer to another (M-23); its own leg is reserved until the
    counterparty confirms (a `trade.executed` of mode `agreement`) or declines."""

    agreement_id: str
    proposer_trading_account_id: str
    counterparty_trading_account_id: str
    proposer_side: Literal["BUY", "SELL"]
    product_id: str
    vintage: int = Field(ge=2013, le=2100)
    price: Money
    quantity: Tonnes = Field(gt=0)
    proposed_at: AwareDatetime


# --- Market data (M-25) and the exchange's duty to publish it (M-42(1)) ---

class ProductDay(BaseModel):
    """One product's trading day. Prices in yuan (decimal strings); `close` is the VWAP of the day's open-bidding
    trades (M-28(1)), or the previous close when the product did not trade in open bidding that day."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    product_id: str
    vintage: int = Field(ge=2013, le=2100)
    open: Money | None = None
    high: Money | None = None
    low: Money | None = None
    close: Money | None = None
    volume: Tonnes
    turnover: Money
    trades: int = Field(ge=0)
    agreement_volume: Tonnes = 0
    agreement_turnover: Money = Decimal("0")


@contract(
    producer="exchange", aggregate="market-day", event="reported", version=1,
    example={"trading_date": "2026-05-20",
             "products": [{"product_id": "SHEA-2025", "vintage": 2025, "open": "45.00", "high": "46.20",
                           "low": "44.80", "close": "45.63", "volume": 12000, "turnover": "547560.00", "trades": 14,
                           "agreement_volume": 0, "agreement_turnover": "0.00"}],
             "reported_at": "2026-05-20T07:05:00Z"},
)
class MarketDayReported(EventData):
    """The day-end market report of one trading day (M-25): per product open/high/low/close, volume and turnover.
    Publishing it is one of the exchange's duties (M-42(1)): enforcement expects one per trading day by the
    deadline of the exchange's policy."""

    trading_date: date
    products: list[ProductDay]
    reported_at: AwareDatetime


# --- The live market-data feed (M-25): public, no account or member is named ---

class BookLevelData(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    price: Money
    quantity: Tonnes = Field(gt=0)
    orders: int = Field(ge=1)


@contract(
    producer="exchange", aggregate="market", event="trade-printed", version=1,
    example={"trade_id": "TRD-1", "product_id": "SHEA-2025", "vintage": 2025, "mode": "open_bidding",
             "price": "45.10", "quantity": 300, "executed_at": "2026-05-20T02:00:01Z"},
)
class TradePrinted(EventData):
    """One trade on the public tape (M-25): price, quantity and mode, no parties. Agreement transfers are printed
    too, marked by `mode` (they are counted apart from open bidding in volume and turnover)."""

    trade_id: str
    product_id: str
    vintage: int = Field(ge=2013, le=2100)
    mode: TradeMode
    price: Money
    quantity: Tonnes = Field(gt=0)
    executed_at: AwareDatetime


@contract(
    producer="exchange", aggregate="market", event="depth-changed", version=1,
    example={"product_id": "SHEA-2025", "vintage": 2025,
             "bids": [{"price": "45.00", "quantity": 1200, "orders": 3}],
             "asks": [{"price": "45.20", "quantity": 500, "orders": 1}], "last_price": "45.10",
             "as_of": "2026-05-20T02:00:01Z"},
)
class DepthChanged(EventData):
    """The best levels of one product's book after a command changed it (M-25): conflated, one event per command and
    product however many orders it filled or cancelled; the whole top of the book, so a subscriber needs no
    history."""

    product_id: str
    vintage: int = Field(ge=2013, le=2100)
    bids: list[BookLevelData]
    asks: list[BookLevelData]
    last_price: Money | None = None
    as_of: AwareDatetime


# --- Market surveillance (M-24) ---

SurveillancePattern = Literal["wash_trade", "layering", "marking_the_close"]


@contract(
    producer="exchange", aggregate="surveillance", event="alert-raised", version=1,
    example={"alert_id": "ALR-1", "pattern": "wash_trade", "product_id": "SHEA-2025", "trading_date": "2026-05-20",
             "trading_account_ids": ["X-BR", "X-C1"], "member_ids": ["BR"], "order_ids": ["ORD-1", "ORD-2"],
             "trade_ids": [], "detail": "an order of BR for X-BR would have traded with its own resting order for X-C1",
             "raised_at": "2026-05-20T02:00:01Z"},
)
class SurveillanceAlertRaised(EventData):
    """A pattern of possible manipulation (M-24) found by the exchange's surveillance, for the authority: the
    accounts, members, orders and trades behind it. `pattern`: `wash_trade` (both sides of one beneficial owner),
    `layering` (large orders placed and cancelled near the touch), `marking_the_close` (the day's last trades moved
    the VWAP close beyond the threshold)."""

    alert_id: str
    pattern: SurveillancePattern
    product_id: str
    trading_date: date
    trading_account_ids: list[str]
    member_ids: list[str]
    order_ids: list[str]
    trade_ids: list[str]
    detail: str = Field(max_length=2000)
    raised_at: AwareDatetime


# --- Oversight: the exchange's trading days, risk controls (M-28, M-29), rule filings (M-20) and its duties (M-42) ---

@contract(
    producer="exchange", aggregate="trading-day", event="opened", version=1,
    example={"trading_date": "2026-05-20", "opened_at": "2026-05-20T01:30:00Z",
             "market_report_due_at": "2026-05-20T10:00:00Z", "rules_year": 2026, "rules_version": 1,
             "price_limit": "0.10", "max_holding_t": 1000000, "large_holder_report_t": 500000,
             "risk_reserve_share": "0.20"},
)
class TradingDayOpened(EventData):
    """The market opened for a trading day: the first regulatory tick at or after the first session's start of a
    trading day (a day the clock passed over entirely never opened: nothing could trade on it). The day's market
    report (`market-day.reported`) is due by `market_report_due_at` (M-25, M-42(1)). It carries the risk rules in
    force (M-28: price limit, holding limit, large-holder reporting, the risk reserve fund's share of fees) and the
    filed version of the year's trading rules (`rules_version` null: traded on rules never filed, M-20)."""

    trading_date: date
    opened_at: AwareDatetime
    market_report_due_at: AwareDatetime
    rules_year: int = Field(ge=2013, le=2100)
    rules_version: int | None = Field(default=None, ge=1)
    price_limit: Decimal = Field(ge=0, le=1)
    max_holding_t: Tonnes
    large_holder_report_t: Tonnes
    risk_reserve_share: Decimal = Field(ge=0, le=1)


@contract(
    producer="exchange", aggregate="market-measure", event="imposed", version=1,
    example={"measure_id": "MM-0001", "kind": "halt", "product_id": "SHEA-2025", "price_limit": None,
             "max_holding_t": None, "reason": "suspected manipulation of the close (M-29)",
             "imposed_by": "operator:desk-1", "imposed_at": "2026-05-20T02:00:00Z", "ends_at": None},
)
class MarketMeasureImposed(EventData):
    """The operations desk took an emergency measure in an abnormal situation (M-29) and reports it to the authority
    at once: a halt of one product or the whole market (`product_id` null), a changed price limit (`price_limit`, a
    rate of the previous close) or a changed holding limit (`max_holding_t`). It holds until lifted
    (`market-measure.lifted`), at the latest at `ends_at` when given."""

    measure_id: str
    kind: MarketMeasureKind
    product_id: str | None = None
    price_limit: Decimal | None = Field(default=None, gt=0, le=1)
    max_holding_t: Tonnes | None = None
    reason: str = Field(min_length=1, max_length=1000)
    imposed_by: str
    imposed_at: AwareDatetime
    ends_at: AwareDatetime | None = None


@contract(
    producer="exchange", aggregate="market-measure", event="lifted", version=1,
    example={"measure_id": "MM-0001", "kind": "halt", "product_id": "SHEA-2025",
             "reason": "the abnormal situation is over", "lifted_by": "operator:desk-1",
             "lifted_at": "2026-05-20T03:00:00Z"},
)
class MarketMeasureLifted(EventData):
    """An emergency measure was lifted because the abnormal situation ended (M-29): by the desk, or by the clock at
    the end time it was imposed with (`lifted_by` = `end time`)."""

    measure_id: str
    kind: MarketMeasureKind
    product_id: str | None = None
    reason: str = Field(min_length=1, max_length=1000)
    lifted_by: str
    lifted_at: AwareDatetime


@contract(
    producer="exchange", aggregate="large-holder", event="reported", version=1,
    example={"trading_account_id": "X-M-E-0001", "participant_id": "M-E-0001", "covered_entity_id": "E-0001",
             "holding": 620000, "allocation": 100000, "beyond_allocation": 520000, "threshold": 500000,
             "reported_at": "2026-05-20T02:00:02Z"},
)
class LargeHolderReported(EventData):
    """大户报告 (M-28(2)): an account's holding on the exchange, beyond its covered entity's allocation, reached the
    large-holder threshold (at the threshold it is reported). Reported once each time it crosses upward."""

    trading_account_id: str
    participant_id: str
    covered_entity_id: str | None = None
    holding: Tonnes
    allocation: Tonnes
    beyond_allocation: Tonnes
    threshold: Tonnes
    reported_at: AwareDatetime


@contract(
    producer="exchange", aggregate="risk-warning", event="issued", version=1,
    example={"warning_id": "RW-0001", "product_id": "SHEA-2025", "level": "warning",
             "message": "prices moved to the limit three days running", "issued_by": "operator:desk-1",
             "issued_at": "2026-05-20T02:00:00Z"},
)
class RiskWarningIssued(EventData):
    """风险警示 (M-28(3)): the exchange warned the market about a product (or the whole market, `product_id` null)."""

    warning_id: str
    product_id: str | None = None
    level: Literal["notice", "warning", "severe"]
    message: str = Field(min_length=1, max_length=2000)
    issued_by: str
    issued_at: AwareDatetime


@contract(
    producer="exchange", aggregate="rules", event="filed", version=1,
    example={"year": 2026, "version": 2, "changed": ["price_limit", "open_bidding_fees"],
             "document": {"price_limit": "0.10"}, "reason": "fee schedule approved by the bureau",
             "filed_by": "authority:li", "filed_at": "2026-01-05T02:00:00Z"},
)
class TradingRulesFiled(EventData):
    """A new version of the exchange's trading rules, fee schedule and limits for a year (M-20), approved by and
    filed with the authority: the whole document, which fields changed from the previous version, who and why."""

    year: int = Field(ge=2013, le=2100)
    version: int = Field(ge=1)
    changed: list[str]
    document: dict
    reason: str
    filed_by: str
    filed_at: AwareDatetime


@contract(
    producer="exchange", aggregate="fees", event="outside-schedule", version=1,
    example={"trade_id": "TRD-0000000001", "mode": "open_bidding", "turnover": "45200.00",
             "buyer_fee": "90.40", "seller_fee": "67.80", "schedule_buyer_fee": "67.80",
             "schedule_seller_fee": "67.80", "rules_version": 1, "found_at": "2026-05-20T02:00:02Z"},
)
class FeeOutsideSchedule(EventData):
    """A settled trade's fees differ from the published fee schedule in force when it was executed (M-27; M-42(2)
    punishes fees charged against the rules). Every settlement is checked."""

    trade_id: str
    mode: TradeMode
    turnover: Money
    buyer_fee: Money
    seller_fee: Money
    schedule_buyer_fee: Money
    schedule_seller_fee: Money
    rules_version: int | None = None
    found_at: AwareDatetime
