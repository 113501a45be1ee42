"""Market surveillance (M-24): alerts for the authority (`exchange.surveillance.alert-raised`), each with the
accounts, members, orders and trades behind it; the patterns and their [param] thresholds are in
`exchange.domain.surveillance`. Every check runs inside the transaction of the command or tick that showed it, so
an alert commits with what it is about."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ets_shared.contracts.exchange import SurveillanceAlertRaised, SurveillancePattern
from ets_shared.ids import ordered_id
from exchange.adapters.market_store import MarketStore
from exchange.adapters.order_entry_store import OrderRecord
from exchange.adapters.orm import NearTouchCancelRow, OrderRow, ProductRow, SurveillanceAlertRow
from exchange.domain.market_data import day_closes_at
from exchange.domain.order_book import OrderBook
from exchange.domain.surveillance import close_move, near_touch
from exchange.domain.policy import OPEN_BIDDING, TradingRules, cents_text
from exchange.adapters.policy_repository import thresholds_for
from exchange.service_layer.unit_of_work import ExchangeUnitOfWork


def raise_alert(uow: ExchangeUnitOfWork, pattern: SurveillancePattern, product_id: str, day: date, *,
                accounts: list[str], orders: list[str], trades: list[str], detail: str,
                members: list[str] | None = None) -> SurveillanceAlertRow:
    """`members`: the members behind the accounts when the caller knows them (the orders' members), else read."""
    row = SurveillanceAlertRow(**_alert(uow, pattern, product_id, day, accounts=accounts, orders=orders,
                                        trades=trades, detail=detail, members=members))
    uow.session.add(row)
    return row


def _alert(uow: ExchangeUnitOfWork, pattern: SurveillancePattern, product_id: str, day: date, *,
           accounts: list[str], orders: list[str], trades: list[str], detail: str,
           members: list[str] | None) -> dict[str, Any]:
    """The alert's record, as the columns of `surveillance_alert`, with its event published."""
    members = sorted(set(members) if members is not None else {uow.trading.account(a).member_id for a in accounts})
    alert: dict[str, Any] = {
        "alert_id": ordered_id("ALR"), "pattern": pattern, "product_id": product_id,
        "trading_date": day, "trading_account_ids": sorted(set(accounts)), "member_ids": members,
        "order_ids": orders, "trade_ids": trades, "detail": detail[:2000], "raised_at": uow.now()}
    uow.publish(SurveillanceAlertRaised(**alert), subject_ref=f"alert:{alert['alert_id']}")
    return alert


def on_self_trade(uow: ExchangeUnitOfWork, taker: OrderRow | OrderRecord, resting: OrderRow | OrderRecord,
                  quantity: int, alerts: list[dict[str, Any]] | None = None) -> None:
    """Wash trade: `taker` would have traded `quantity` with `resting`, an order of the same beneficial owner.
    `alerts`: where a batch of order entries collects the alert's record, to write it with the batch's others in
    one statement (an ORM row costs ~0.1 ms to build and flush); without it the row is added to the session."""
    if quantity < thresholds_for(uow.session, taker.trading_day.year).wash_min_quantity_t:
        return
    values = _alert(uow, "wash_trade", taker.product_id, taker.trading_day,
                    accounts=[taker.trading_account_id, resting.trading_account_id],
                    orders=[resting.order_id, taker.order_id], trades=[],
                    detail=f"an order of {taker.member_id} for {taker.trading_account_id} would have traded {quantity} "
                           f"t at {cents_text(resting.price_cents)} with its own resting order for "
                           f"{resting.trading_account_id} (one beneficial owner: the member and its clients); the "
                           "resting order was cancelled by self-trade prevention",
                    members=[taker.member_id, resting.member_id])
    if alerts is None:
        uow.session.add(SurveillanceAlertRow(**values))
    else:
        alerts.append(values)


def on_cancel(uow: ExchangeUnitOfWork, order: OrderRow, book: OrderBook, rules: TradingRules) -> None:
    """Layering/spoofing: call before `order` (cancelled at its owner's request) leaves `book`."""
    limits = thresholds_for(uow.session, order.trading_day.year)
    now = uow.now()
    window = timedelta(seconds=limits.layering_window_seconds)
    best = book.best_bid() if order.side == "BUY" else book.best_ask()
    if (order.quantity < limits.layering_min_quantity_t or now - order.accepted_at > window
            or not near_touch(order.side, order.price_cents, best, limits.layering_distance_ticks, rules.tick_cents)):
        return
    uow.session.add(NearTouchCancelRow(order_id=order.order_id, owner_id=order.owner_id, product_id=order.product_id,
                                       trading_account_id=order.trading_account_id, cancelled_at=now))
    uow.session.flush()
    store = MarketStore(uow.session)
    cancels = store.near_touch_cancels(order.owner_id, order.product_id, now - window)
    accounts = sorted({c.trading_account_id for c in cancels})
    if len(cancels) < limits.layering_min_orders or store.recent_alert("layering", order.product_id, now - window,
                                                                         accounts):
        return
    raise_alert(uow, "layering", order.product_id, order.trading_day, accounts=accounts,
                orders=[c.order_id for c in cancels], trades=[],
                detail=f"{len(cancels)} orders of at least {limits.layering_min_quantity_t} t of {order.owner_id}, "
                       f"each within {limits.layering_distance_ticks} ticks of the best {order.side.lower()} price, "
                       f"were cancelled within {limits.layering_window_seconds} s of being placed")


def check_close(uow: ExchangeUnitOfWork, product: ProductRow, day: date, rules: TradingRules) -> None:
    """Marking the close: at the day's report, did its last minutes' trades move the VWAP close too far?"""
    limits = thresholds_for(uow.session, day.year)
    window_start = day_closes_at(rules, day) - timedelta(minutes=limits.close_window_minutes)
    trades = [t for t in MarketStore(uow.session).day_trades(product.product_id, day) if t.mode == OPEN_BIDDING]
    late = [t for t in trades if t.executed_at >= window_start]
    early = [(t.price_cents, t.quantity) for t in trades if t.executed_at < window_start]
    previous = uow.trading.previous_close(product, day, rules.tick_cents)
    moved = close_move(early, [(t.price_cents, t.quantity) for t in late], previous, rules.tick_cents)
    if moved is None or moved[2] < limits.close_move_threshold:
        return
    close, reference, move = moved
    raise_alert(uow, "marking_the_close", product.product_id, day,
                accounts=[a for t in late for a in (t.buyer_account_id, t.seller_account_id)],
                orders=[o for t in late for o in (t.buy_order_id, t.sell_order_id) if o],
                trades=[t.trade_id for t in late],
                detail=f"the trades of the last {limits.close_window_minutes} minutes moved the close of "
                       f"{product.product_id} from {cents_text(reference)} to {cents_text(close)} ({move:.2%}, "
                       f"threshold {limits.close_move_threshold:.2%})")
