"""Open-bidding order entry in batches (M-23, M-26, M-28): the sequencer's work, one transaction per batch.

A batch of limit orders (in arrival order) is checked, reserved and matched in memory, then written in ONE transaction
with multi-row statements and acknowledged only after it commits (group commit: every acknowledged order is durable).
The claim of each placed order's request on its `Idempotency-Key` is stamped in that transaction; an order whose claim a
retry took over is refused alone and the batch entered again without it. Each order gets exactly the checks a lone order
gets, in the same order — account and member (M-22, M-20), product (M-19), halt (M-29), session, lot, tick, price limit
(M-28(1)), holding limit for a bid (M-28(2)), then the reservation of its whole leg: cash for a bid (price x quantity +
fee, no overdraft), allowances for an offer (no short sale, M-26) — against the balances as the earlier orders of the
batch left them. A refused order changes nothing and the batch goes on; the refusal is that order's answer.

What the checks need is read once per batch, not per order: the accounts and their members, the balances (locked until
the commit), the holding-limit inputs, the year's rules with the measures in force, the regulatory clock (one instant
per batch), the open orders' records (kept beside the books between batches, with each account's open bids summed:
M-28(2)'s count of them is kept current in memory, never summed in the database per batch). Events are the same as
for a lone order (accepted, executed, delivery instructed, printed, cancelled; one depth change per product and batch),
all in the outbox of the batch's transaction; settlement goes on through the registry as before."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from ets_shared.clock import regulatory_date
from ets_shared.envelope import MessageContext
from ets_shared.ids import ordered_id
from ets_shared.contracts.exchange import (
    CancelReason, OrderAccepted, OrderCancelled, TradeDeliveryInstructed, TradeExecuted, TradePrinted,
)
from ets_shared.errors import DomainError, Forbidden, NotFound, RuleViolation
from ets_shared.persistence.claims import Claim, ClaimTakenOver, stamp
from exchange.adapters.books import OpenOrders
from exchange.adapters.order_entry_store import AccountRecord, OrderEntryStore, OrderRecord, TradeRecord
from exchange.domain.members import Member, require_may_place_order
from exchange.domain.orders import BUY, SELF_TRADE, SELL, Execution
from exchange.domain.policy import OPEN_BIDDING, TradingRules, to_cents, to_yuan
from exchange.service_layer import commands, market_data, surveillance
from exchange.service_layer.checked_events import event, within
from exchange.service_layer.matching import REASONS
from exchange.service_layer.orders import expire_stale
from exchange.service_layer.risk import market_rules
from exchange.service_layer.unit_of_work import ExchangeUnitOfWork

ENGINE_SIDE = {"BUY": BUY, "SELL": SELL}
OPEN, MATCHED = "OPEN", "MATCHED"

Entry = tuple[str, commands.PlaceOrder, MessageContext]  # the member entering it, the order, its request
Outcome = tuple[OrderRecord, list[TradeRecord]] | DomainError


@dataclass
class _Batch:
    """The state one batch works on: read at its start, changed order by order, written at its end."""
    uow: ExchangeUnitOfWork
    now: datetime
    day: date
    store: OrderEntryStore
    records: OpenOrders  # by order id, with the open bids per account
    accounts: dict[str, AccountRecord]
    cash: dict[str, list[int]]
    units: dict[tuple[str, int], list[int]]
    held: dict[str, int]
    allocations: dict[str, int]
    members: dict[str, Member | DomainError] = field(default_factory=dict)
    rules: dict[str, TradingRules | DomainError] = field(default_factory=dict)
    products: dict[str, tuple[int, int] | DomainError] = field(default_factory=dict)
    # per (member, account) and per product, the outcome of the checks that are the same for every order of the
    # batch (its accounts, members and products read once, one instant): looked up once per order, not re-checked
    entering: dict[tuple[str, str], AccountRecord | DomainError] = field(default_factory=dict)
    markets: dict[str, tuple[int, int, TradingRules, tuple[int, int]] | DomainError] = field(default_factory=dict)
    reserves: dict[tuple[str, int], int] = field(default_factory=dict)  # per (product, price): a bid's cash per t
    cash_delta: dict[str, list[int]] = field(default_factory=dict)
    units_delta: dict[tuple[str, int], list[int]] = field(default_factory=dict)
    new_orders: dict[str, OrderRecord] = field(default_factory=dict)
    changed_orders: dict[str, OrderRecord] = field(default_factory=dict)
    trades: list[TradeRecord] = field(default_factory=list)
    alerts: list[dict[str, Any]] = field(default_factory=list)  # surveillance's, as `surveillance_alert` columns

    # -- balances: the working copy and the net change to write ----------------------------------------------------
    def move_cash(self, account: str, available: int, reserved: int) -> None:
        """Change the working copy (the accounts of the batch's orders, read at its start) and the net change."""
        balance = self.cash.get(account)
        if balance is not None:  # an account of the batch; a resting order's account only gets a relative change
            if balance[0] + available < 0 or balance[1] + reserved < 0:
                raise RuntimeError(f"cash of {account} would go negative")
            balance[0] += available
            balance[1] += reserved
        delta = self.cash_delta.setdefault(account, [0, 0])
        delta[0] += available
        delta[1] += reserved

    def move_allowances(self, account: str, vintage: int, available: int, reserved: int) -> None:
        balance = self.units.get((account, vintage))
        if balance is not None:
            if balance[0] + available < 0 or balance[1] + reserved < 0:
                raise RuntimeError(f"allowances of {account} ({vintage}) would go negative")
            balance[0] += available
            balance[1] += reserved
        delta = self.units_delta.setdefault((account, vintage), [0, 0])
        delta[0] += available
        delta[1] += reserved

    def touch(self, order: OrderRecord) -> None:
        if order.order_id not in self.new_orders:
            self.changed_orders[order.order_id] = order


def place_orders(uow: ExchangeUnitOfWork, entries: list[Entry], claims: Sequence[Claim | None] = ()
                 ) -> list[Outcome]:
    """Enter `entries` in their order as one transaction; per entry its order and trades, or why it was refused.
    `claims`: each entry's request's claim on its `Idempotency-Key` (in entry order; the writer thread carries none
    of them), stamped in that transaction for each order it places — one statement per claimed order. An order whose
    claim a retry took over is refused (`ClaimTakenOver`) and the batch entered again without it, so nothing of it
    commits. Raises (nothing committed, the books forgotten) only if the transaction itself fails."""
    taken: set[int] = set()
    while True:
        outcomes, lost = _place(uow, entries, claims, taken)
        if not lost:
            return outcomes
        taken |= lost  # left without committing: entered again without the orders whose claims were taken over


def _place(uow: ExchangeUnitOfWork, entries: list[Entry], claims: Sequence[Claim | None], taken: set[int]
           ) -> tuple[list[Outcome], set[int]]:
    with uow, uow.books.lock:
        books = uow.books
        try:
            now = uow.now()
            day = regulatory_date(now)
            books.ensure(uow.session)
            if books.day != day:
                expire_stale(uow, day)
                uow.session.flush()
                books.records = None
            batch = _open_batch(uow, now, day, entries)
            outcomes: list[Outcome] = []
            for n, (member_id, cmd, context) in enumerate(entries):
                uow.context = context  # each order's events and audit records carry its own request's ids
                try:
                    if n in taken:
                        raise ClaimTakenOver()
                    outcomes.append(_enter(batch, member_id, cmd))
                except DomainError as refused:
                    outcomes.append(refused)
            lost = {n for n, claim in enumerate(claims)
                    if claim is not None and not isinstance(outcomes[n], DomainError) and not stamp(uow.session, claim)}
            if lost:  # rolled back on leaving; the books ran ahead of the database
                books.invalidate()
                return outcomes, lost
            _write(batch)
            market_data.publish_depth(uow, books.changed, batch.trades, _vintages(batch))
            uow.commit()
            books.day = day
            books.records = _still_open(batch)
        except BaseException:
            books.invalidate()
            raise
        finally:
            books.dirty = False
            books.changed.clear()
    return outcomes, set()


def _vintages(batch: _Batch) -> dict[str, int]:
    """The vintage of each listed product the batch's orders named (read once per batch, `_product`)."""
    return {product_id: known[0] for product_id, known in batch.products.items() if not isinstance(known, DomainError)}


def _still_open(batch: _Batch) -> OpenOrders:
    """The open orders' records after the batch: those it read (all open) and placed, less what it filled or
    cancelled — only the orders it placed or changed are looked at, not every resting order."""
    records = batch.records
    for order in (*batch.new_orders.values(), *batch.changed_orders.values()):
        if order.status != OPEN:
            records.pop(order.order_id, None)
    return records


def place_order(member_id: str, cmd: commands.PlaceOrder, uow: ExchangeUnitOfWork
                ) -> tuple[OrderRecord, list[TradeRecord]]:
    """One order as a batch of its own (what the sequencer does when only one is waiting)."""
    outcome = place_orders(uow, [(member_id, cmd, uow.context)])[0]
    if isinstance(outcome, DomainError):
        raise outcome
    return outcome


def _open_batch(uow: ExchangeUnitOfWork, now: datetime, day: date, entries: list[Entry]) -> _Batch:
    store = OrderEntryStore(uow.session)
    books = uow.books
    records = books.records if books.records is not None else OpenOrders(store.open_orders())
    books.records = None  # until the batch commits, the records in memory may run ahead of the database
    ids = {cmd.trading_account_id for _member, cmd, _context in entries}
    bidders = {cmd.trading_account_id for _member, cmd, _context in entries if cmd.side == "BUY"}
    facts = store.batch_facts(ids, bidders, records.bids)
    accounts = facts.accounts
    members: dict[str, Member | DomainError] = dict(facts.members)
    return _Batch(uow=uow, now=now, day=day, store=store, records=records, accounts=accounts, members=members,
                  cash=facts.cash, units=facts.units, held=facts.held,
                  allocations=store.allocations({a.covered_entity_id for a in accounts.values()
                                                 if a.covered_entity_id and a.trading_account_id in bidders}))


def _cached(cache: dict, key: Any, load):
    """`load(key)` once per batch; a refusal is remembered and raised again for every order it concerns."""
    if key not in cache:
        try:
            cache[key] = load(key)
        except DomainError as refused:
            cache[key] = refused
    value = cache[key]
    if isinstance(value, DomainError):
        raise value
    return value


def _account(batch: _Batch, member_id: str, trading_account_id: str) -> AccountRecord:
    """M-22: an account's orders come only from its member (a client's through its comprehensive member); a
    suspended member places none (M-20)."""
    account = batch.accounts.get(trading_account_id)
    if account is None:
        raise NotFound(f"no trading account {trading_account_id}", field="trading_account_id")
    if account.member_id != member_id:
        raise Forbidden(f"orders for {trading_account_id} are entered only by its member {account.member_id}",
                        field="trading_account_id", article="M-22")
    member = _cached(batch.members, account.member_id, batch.uow.members.get)
    require_may_place_order(member, None if account.participant_kind == "member" else account.participant_id)
    return account


def _product(batch: _Batch, product_id: str) -> tuple[int, int]:
    """(vintage, previous close in fen) of a listed product (M-19, M-28(1)). A product remembered as listed (its
    columns kept since the transaction that read it committed; never changed once listed) with its close of the day
    known is not made into a `ProductRow` again (35 us a batch)."""
    def load(key: str) -> tuple[int, int]:
        books = batch.uow.books
        closes, listed = books.closes, books.listed.get(key)
        if listed is not None and (key, batch.day) in closes:
            return listed["vintage"], closes[(key, batch.day)]
        product = batch.uow.trading.product(key)
        if (key, batch.day) not in closes:
            tick = _cached(batch.rules, key, lambda k: market_rules(batch.uow, k)).tick_cents
            closes[(key, batch.day)] = batch.uow.trading.previous_close(product, batch.day, tick)
        return product.vintage, closes[(key, batch.day)]
    return _cached(batch.products, product_id, load)


def _market(batch: _Batch, product_id: str) -> tuple[int, int, TradingRules, tuple[int, int]]:
    """(vintage, previous close in fen, rules, M-28(1)'s (low, high) in fen) of a product open for orders: listed
    (M-19), not halted (M-29, with its rules), in session — the same for every order of the product in the batch
    (one close, one rule, one instant)."""
    vintage, close = _product(batch, product_id)
    rules = _cached(batch.rules, product_id, lambda k: market_rules(batch.uow, k))
    rules.require_in_session(batch.now)
    return vintage, close, rules, rules.band(close, rules.price_limit)


def _enter(batch: _Batch, member_id: str, cmd: commands.PlaceOrder) -> tuple[OrderRecord, list[TradeRecord]]:
    uow, now = batch.uow, batch.now
    account = _cached(batch.entering, (member_id, cmd.trading_account_id), lambda k: _account(batch, *k))
    vintage, close, rules, band = _cached(batch.markets, cmd.product_id, lambda k: _market(batch, k))
    rules.require_lot(cmd.quantity)
    price = _cents(cmd.price)
    rules.require_tick(price)
    if not band[0] <= price <= band[1]:
        rules.require_price_limit(price, close)  # raises the rule's own refusal
    per_t = 0
    if cmd.side == "BUY":
        per_t = batch.reserves.get((cmd.product_id, price), -1)
        if per_t < 0:
            per_t = batch.reserves[(cmd.product_id, price)] = rules.buy_reserve_per_t(OPEN_BIDDING, price)
    account_id = account.trading_account_id
    if cmd.side == "BUY":
        _require_holding_room(batch, rules, account, cmd.quantity)
        cents = cmd.quantity * per_t
        if cents > 0 and batch.cash.get(account_id, [0, 0])[0] < cents:
            raise RuleViolation(f"{account_id} has not enough available funds for {cmd.quantity} t at this price "
                                "with fees (no overdraft)", field="quantity", article="M-26")
        batch.move_cash(account_id, -cents, cents)
        batch.held[account_id] += cmd.quantity
    else:
        if batch.units.get((account_id, vintage), [0, 0])[0] < cmd.quantity:
            raise RuleViolation(f"{account_id} has not enough available allowances of vintage {vintage} (no short "
                                "sale)", field="quantity", article="M-26")
        batch.move_allowances(account_id, vintage, -cmd.quantity, cmd.quantity)
    order = OrderRecord(order_id=ordered_id("ORD"), sequence=uow.books.next_sequence(uow.session),
                        trading_account_id=account_id, member_id=account.member_id, owner_id=account.member_id,
                        product_id=cmd.product_id, vintage=vintage, side=cmd.side, price_cents=price,
                        quantity=cmd.quantity, remaining=cmd.quantity, filled=0, time_in_force=cmd.time_in_force,
                        status=OPEN, reserve_per_t_cents=per_t, trading_day=batch.day, accepted_at=now,
                        updated_at=now)
    batch.new_orders[order.order_id] = order
    batch.records[order.order_id] = order
    if cmd.side == "BUY":
        batch.records.bid(account_id, order.quantity)
    uow.publish(event(OrderAccepted, {
        "order_id": order.order_id, "sequence": order.sequence, "trading_account_id": account_id,
        "member_id": order.member_id, "product_id": order.product_id, "vintage": vintage, "side": cmd.side,
        "price": to_yuan(price), "quantity": order.quantity, "time_in_force": cmd.time_in_force, "accepted_at": now},
        order.sequence > 0 and within(vintage, order.quantity, price, now)), subject_ref=f"order:{order.order_id}")
    books = uow.books
    books.dirty = True
    uow.books_changed = True
    books.changed.add(cmd.product_id)
    result = books.book(uow.session, cmd.product_id).submit(
        order.order_id, account_id, order.owner_id, ENGINE_SIDE[order.side], price, order.quantity,
        order.time_in_force)
    return order, _apply(batch, rules, order, result)


@lru_cache(maxsize=4096)
def _cents(price: str) -> int:
    """An order's price text in fen, once per text (orders come at a few dozen price levels)."""
    return to_cents(commands.yuan(price))


def _require_holding_room(batch: _Batch, rules: TradingRules, account: AccountRecord, more: int) -> None:
    """M-28(2): what the account holds and may still receive, plus `more`, stays within its holding limit."""
    limit = rules.holding_limit(batch.allocations.get(account.covered_entity_id or "", 0))
    held = batch.held[account.trading_account_id]
    if held + more > limit:
        raise RuleViolation(f"{account.trading_account_id} holds or is buying {held} t; {more} t more would exceed "
                            f"its holding limit of {limit} t", field="quantity", article="M-28")


def _apply(batch: _Batch, rules: TradingRules, taker: OrderRecord, result: Execution) -> list[TradeRecord]:
    """The fills become trades (both legs stay reserved for settlement, the buyer's surplus goes back); whatever
    left the book unfilled is released (an IOC rest, resting orders removed by self-trade prevention)."""
    trades = [_fill(batch, rules, taker, fill.maker_order_id, fill.price_ticks, fill.quantity)
              for fill in result.fills]
    for cancel in result.cancels:
        order = taker if cancel.order_id == taker.order_id else batch.records[cancel.order_id]
        if cancel.reason == SELF_TRADE:
            surveillance.on_self_trade(batch.uow, taker, order, cancel.quantity, batch.alerts)
        _release(batch, order, cancel.quantity, REASONS[cancel.reason])
    return trades


def _release(batch: _Batch, order: OrderRecord, quantity: int, reason: CancelReason) -> None:
    if order.side == "BUY":
        cents = quantity * order.reserve_per_t_cents
        batch.move_cash(order.trading_account_id, cents, -cents)
        batch.records.bid(order.trading_account_id, -quantity)
        if order.trading_account_id in batch.held:
            batch.held[order.trading_account_id] -= quantity
    else:
        batch.move_allowances(order.trading_account_id, order.vintage, quantity, -quantity)
    order.remaining -= quantity
    if not order.remaining:
        order.status = "CANCELLED"
    order.updated_at = batch.now
    batch.touch(order)
    batch.uow.publish(event(OrderCancelled, {
        "order_id": order.order_id, "trading_account_id": order.trading_account_id, "cancelled_quantity": quantity,
        "reason": reason, "cancelled_at": batch.now}, quantity > 0 and batch.now.tzinfo is not None),
        subject_ref=f"order:{order.order_id}")


def _fill(batch: _Batch, rules: TradingRules, taker: OrderRecord, maker_id: str, price: int,
          quantity: int) -> TradeRecord:
    uow, now = batch.uow, batch.now
    maker = batch.records[maker_id]
    buy, sell = (taker, maker) if taker.side == "BUY" else (maker, taker)
    batch.records.bid(buy.trading_account_id, -quantity)  # bought, not delivered: still counted, as a MATCHED trade
    for order in (buy, sell):
        order.remaining -= quantity
        order.filled += quantity
        order.updated_at = now
        if not order.remaining:
            order.status = "FILLED"
        batch.touch(order)
    turnover = price * quantity
    buyer_fee = rules.fee_cents(OPEN_BIDDING, "buyer", turnover)
    seller_fee = rules.fee_cents(OPEN_BIDDING, "seller", turnover)
    needed = turnover + buyer_fee
    surplus = quantity * buy.reserve_per_t_cents - needed
    if surplus:
        batch.move_cash(buy.trading_account_id, surplus, -surplus)
    trade = TradeRecord(trade_id=ordered_id("TRD"), mode=OPEN_BIDDING, product_id=taker.product_id,
                        vintage=taker.vintage, price_cents=price, quantity=quantity,
                        buyer_account_id=buy.trading_account_id, seller_account_id=sell.trading_account_id,
                        buy_order_id=buy.order_id, sell_order_id=sell.order_id, buyer_fee_cents=buyer_fee,
                        seller_fee_cents=seller_fee, buyer_reserved_cents=needed, status=MATCHED,
                        trading_day=batch.day, executed_at=now, print_sequence=uow.books.next_print(uow.session))
    batch.trades.append(trade)
    ref = f"trade:{trade.trade_id}"
    checked, at_price = within(trade.vintage, quantity, max(price, buyer_fee, seller_fee), now), to_yuan(price)
    uow.publish(event(TradeExecuted, {
        "trade_id": trade.trade_id, "mode": OPEN_BIDDING, "product_id": trade.product_id, "vintage": trade.vintage,
        "price": at_price, "quantity": quantity, "buyer_trading_account_id": trade.buyer_account_id,
        "seller_trading_account_id": trade.seller_account_id, "buy_order_id": buy.order_id,
        "sell_order_id": sell.order_id, "buyer_fee": to_yuan(buyer_fee), "seller_fee": to_yuan(seller_fee),
        "executed_at": now}, checked), subject_ref=ref)
    uow.publish(event(TradeDeliveryInstructed, {
        "trade_id": trade.trade_id, "seller_trading_account_id": trade.seller_account_id,
        "buyer_trading_account_id": trade.buyer_account_id, "vintage": trade.vintage, "quantity": quantity,
        "instructed_at": now}, checked), subject_ref=ref)
    uow.publish(event(TradePrinted, {  # the trade on the tape (M-25), as `market_data.print_trade` prints it
        "trade_id": trade.trade_id, "product_id": trade.product_id, "vintage": trade.vintage, "mode": OPEN_BIDDING,
        "price": at_price, "quantity": quantity, "executed_at": now}, checked),
        subject_ref=f"product:{trade.product_id}", audit=False)
    return trade




def _write(batch: _Batch) -> None:
    """The batch's records in multi-row statements; the last trade is in before the depth feed reads it."""
    store = batch.store
    store.add_orders(list(batch.new_orders.values()))
    store.change_orders(list(batch.changed_orders.values()))
    store.add_trades(batch.trades)
    store.change_cash(batch.cash_delta)
    store.change_allowances(batch.units_delta)
    store.add_alerts(batch.alerts)
