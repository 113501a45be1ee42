"""Open bidding (M-23): amend and cancel limit orders (placing them: `order_entry`, in batches), with the
pre-trade checks that make every match settleable — session, tick, lot, price limit (M-28(1)), holding limit
(M-28(2)), and a reservation of the order's whole leg: cash for a bid (price x quantity + fee), allowances for an
offer (no overdraft, no short sale, M-26).

Every command runs under the books' lock in one transaction: checks and reservations, the books, the records and the
events commit together; if anything fails after the books changed, they are rebuilt from the database."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import TypeVar

from sqlalchemy.exc import DBAPIError

from ets_shared.clock import regulatory_date, start_of_day
from ets_shared.contracts.exchange import OrderAmended
from ets_shared.errors import Conflict, Forbidden, RuleViolation, present
from ets_shared.group_commit import ATTEMPTS, TRANSIENT_SQLSTATES
from exchange.adapters.orm import OrderRow, ProductRow, TradeRow, TradingAccountRow
from exchange.adapters.trading_store import OPEN
from exchange.domain.members import require_may_place_order
from exchange.domain.order_book import OrderBook
from exchange.domain.policy import OPEN_BIDDING, TradingRules, to_cents, to_yuan
from exchange.entrypoints.schemas import OrderPublic
from exchange.service_layer import commands, market_data, surveillance
from exchange.service_layer.matching import apply_result, release_leg, release_open, reserve_leg
from exchange.adapters.policy_repository import rules_for
from exchange.service_layer.risk import market_rules
from exchange.service_layer.unit_of_work import ExchangeUnitOfWork

T = TypeVar("T")


def market_command(uow: ExchangeUnitOfWork, work: Callable[[], T]) -> T:
    """Run `work` as one transaction under the books' lock, after expiring the orders of earlier trading days.

    A command and a consumer (a settlement, a deposit) may lock two positions in opposite orders; PostgreSQL then
    aborts one of them as a deadlock. Nothing of it committed and the books it touched were thrown away, so the
    command is simply run again (up to `ATTEMPTS` times) instead of answering 500."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return _market_command_once(uow, work)
        except DBAPIError as error:
            if getattr(error.orig, "sqlstate", None) not in TRANSIENT_SQLSTATES or attempt == ATTEMPTS:
                raise
    raise AssertionError("unreachable")


def _market_command_once(uow: ExchangeUnitOfWork, work: Callable[[], T]) -> T:
    with uow, uow.books.lock:
        books = uow.books
        try:
            today = regulatory_date(uow.now())
            books.ensure(uow.session)
            expire_stale(uow, today)
            result = work()
            market_data.publish_depth(uow, books.changed)
            uow.commit()
            books.day = today
            books.records = None  # orders changed outside a batch: the next batch reads their records afresh
        except BaseException:
            if books.dirty:
                books.invalidate()
            raise
        finally:
            books.dirty = False
            books.changed.clear()
    return result


@contextmanager
def changing(uow: ExchangeUnitOfWork, product_id: str) -> Iterator[OrderBook]:
    uow.books.dirty = True
    uow.books_changed = True
    uow.books.changed.add(product_id)
    yield uow.books.book(uow.session, product_id)


def expire_stale(uow: ExchangeUnitOfWork, today: date) -> None:
    """Orders and agreement proposals are good for their trading day: those of an earlier day leave the book, their
    reservations released."""
    if uow.books.day == today:
        return
    for order in uow.trading.open_orders(before_day=today):
        with changing(uow, order.product_id) as book:
            book.cancel(order.order_id)
        release_open(uow, order, order.remaining, "expired", uow.now())
    for agreement in uow.trading.proposals_before(start_of_day(today)):
        release_leg(uow, agreement.proposer_account_id, agreement.proposer_side, agreement.vintage,
                    agreement.quantity, agreement.reserve_per_t_cents)
        agreement.status, agreement.decided_at = "EXPIRED", uow.now()
        uow.audit("exchange.agreement.expired", f"agreement:{agreement.agreement_id}", {"day": str(today)})


def _account_for_orders(uow: ExchangeUnitOfWork, member_id: str, trading_account_id: str) -> TradingAccountRow:
    """M-22: an account's orders come only from its member (a client's through its comprehensive member); a
    suspended member places none (M-20)."""
    account = uow.trading.account(trading_account_id)
    if account.member_id != member_id:
        raise Forbidden(f"orders for {trading_account_id} are entered only by its member {account.member_id}",
                        field="trading_account_id", article="M-22")
    member = uow.members.get(account.member_id)
    require_may_place_order(member, None if account.participant_kind == "member" else account.participant_id)
    return account


def _checked_price(uow: ExchangeUnitOfWork, rules: TradingRules, product: ProductRow, price: str) -> int:
    price_cents = to_cents(commands.yuan(price))
    rules.require_tick(price_cents)
    day = regulatory_date(uow.now())
    key = (product.product_id, day)
    if key not in uow.books.closes:
        uow.books.closes[key] = uow.trading.previous_close(product, day, rules.tick_cents)
    rules.require_price_limit(price_cents, uow.books.closes[key])
    return price_cents


def require_holding_room(uow: ExchangeUnitOfWork, rules: TradingRules, account: TradingAccountRow,
                         more: int) -> None:
    """M-28(2): what the account holds and may still receive, plus `more`, stays within its holding limit."""
    limit = rules.holding_limit(uow.trading.allocation(account.covered_entity_id))
    held = uow.ledger.holding(account.trading_account_id) + uow.trading.pending_buys(account.trading_account_id)
    if held + more > limit:
        raise RuleViolation(f"{account.trading_account_id} holds or is buying {held} t; {more} t more would exceed "
                            f"its holding limit of {limit} t", field="quantity", article="M-28")


def reserve_or_refuse(uow: ExchangeUnitOfWork, account_id: str, side: str, vintage: int, quantity: int,
                      per_t: int) -> None:
    if reserve_leg(uow, account_id, side, vintage, quantity, per_t):
        return
    if side == "BUY":
        raise RuleViolation(f"{account_id} has not enough available funds for {quantity} t at this price with fees "
                            "(no overdraft)", field="quantity", article="M-26")
    raise RuleViolation(f"{account_id} has not enough available allowances of vintage {vintage} (no short sale)",
                        field="quantity", article="M-26")


def _open_order(uow: ExchangeUnitOfWork, member_id: str, order_id: str) -> OrderRow:
    order = uow.trading.order(order_id)
    _account_for_orders(uow, member_id, order.trading_account_id)
    if order.status != OPEN:
        raise Conflict(f"order {order_id} is {order.status}", field="order_id", article="M-23")
    return order


def cancel_order(member_id: str, order_id: str, uow: ExchangeUnitOfWork) -> OrderPublic:
    def work() -> OrderRow:
        order = _open_order(uow, member_id, order_id)
        with changing(uow, order.product_id) as book:
            surveillance.on_cancel(uow, order, book, rules_for(uow.session, order.trading_day.year))
            book.cancel(order.order_id)
        release_open(uow, order, order.remaining, "requested", uow.now())
        return order

    return OrderPublic.of(market_command(uow, work))


def amend_order(member_id: str, order_id: str, cmd: commands.AmendOrder, uow: ExchangeUnitOfWork
                ) -> OrderPublic:
    """A new price and/or open quantity, re-checked and re-reserved as a new order would be; the books decide
    whether it keeps its place (only a smaller quantity at the same price does)."""
    def work() -> tuple[OrderRow, list[TradeRow]]:
        now = uow.now()
        order = _open_order(uow, member_id, order_id)
        account = uow.trading.account(order.trading_account_id)
        rules = market_rules(uow, order.product_id)
        rules.require_in_session(now)
        rules.require_lot(cmd.quantity)
        price = _checked_price(uow, rules, uow.trading.product(order.product_id), cmd.price)
        per_t = rules.buy_reserve_per_t(OPEN_BIDDING, price) if order.side == "BUY" else 0
        if order.side == "BUY" and cmd.quantity > order.remaining:
            require_holding_room(uow, rules, account, cmd.quantity - order.remaining)
        release_leg(uow, order.trading_account_id, order.side, order.vintage, order.remaining,
                    order.reserve_per_t_cents)
        reserve_or_refuse(uow, order.trading_account_id, order.side, order.vintage, cmd.quantity, per_t)
        kept = price == order.price_cents and cmd.quantity <= order.remaining
        with changing(uow, order.product_id) as book:
            state = present(book.order(order.order_id), f"open order {order.order_id} on its book")
            result = book.amend(order.order_id, price, state.quantity - state.remaining + cmd.quantity)
        order.quantity += cmd.quantity - order.remaining
        order.price_cents, order.remaining = price, cmd.quantity
        order.reserve_per_t_cents, order.updated_at = per_t, now
        if not kept:
            order.sequence = uow.books.next_sequence(uow.session)
        uow.publish(OrderAmended(order_id=order.order_id, trading_account_id=order.trading_account_id,
                                 price=to_yuan(price), remaining=cmd.quantity, priority_kept=kept, amended_at=now),
                    subject_ref=f"order:{order.order_id}")
        return order, apply_result(uow, rules, order, result)

    order, trades = market_command(uow, work)
    return OrderPublic.of(order, trades)
