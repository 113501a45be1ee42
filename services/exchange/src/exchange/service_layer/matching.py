"""What the books' answer means for the records: fills become trades (both legs stay reserved, delivery is
instructed to the registry), the unfilled rest of an order is released (M-23, M-26, M-27)."""
from __future__ import annotations

from datetime import datetime

from ets_shared.clock import regulatory_date
from ets_shared.ids import ordered_id
from ets_shared.contracts.exchange import (
    CancelReason, OrderCancelled, TradeDeliveryInstructed, TradeExecuted, TradeMode,
)
from exchange.adapters.orm import OrderRow, TradeRow
from exchange.adapters.trading_store import MATCHED
from exchange.domain.orders import AMENDED_AWAY, CANCELLED, IOC_REMAINDER, SELF_TRADE, Execution, Fill
from exchange.domain.policy import OPEN_BIDDING, TradingRules, to_yuan
from exchange.service_layer import market_data, surveillance
from exchange.service_layer.unit_of_work import ExchangeUnitOfWork


def reserve_leg(uow: ExchangeUnitOfWork, account_id: str, side: str, vintage: int, quantity: int,
                per_t_cents: int) -> bool:
    """Reserve what a buy (cash: price and fee per tonne) or a sell (allowances) commits; False if not covered."""
    if side == "BUY":
        return uow.ledger.reserve_cash(account_id, quantity * per_t_cents)
    return uow.ledger.reserve_allowances(account_id, vintage, quantity)


def release_leg(uow: ExchangeUnitOfWork, account_id: str, side: str, vintage: int, quantity: int,
                per_t_cents: int) -> None:
    if side == "BUY":
        cents = quantity * per_t_cents
        uow.ledger.change_cash(account_id, available=cents, reserved=-cents)
    else:
        uow.ledger.change_allowances(account_id, vintage, available=quantity, reserved=-quantity)


def release_open(uow: ExchangeUnitOfWork, order: OrderRow, quantity: int, reason: CancelReason, now: datetime,
                 cause: str | None = None) -> None:
    """Take `quantity` of the order's open quantity off: its reservation goes back to available (`cause`: why the
    exchange cancelled it itself, e.g. a succession)."""
    release_leg(uow, order.trading_account_id, order.side, order.vintage, quantity, order.reserve_per_t_cents)
    order.remaining -= quantity
    order.status = ("EXPIRED" if reason == "expired" else "CANCELLED") if not order.remaining else order.status
    order.updated_at = now
    uow.publish(OrderCancelled(order_id=order.order_id, trading_account_id=order.trading_account_id,
                               cancelled_quantity=quantity, reason=reason, cancelled_at=now, cause=cause),
                subject_ref=f"order:{order.order_id}")


def record_trade(uow: ExchangeUnitOfWork, rules: TradingRules, *, mode: TradeMode, product_id: str, vintage: int,
                 price_cents: int, quantity: int, buyer: str, seller: str, buyer_reserved_per_t: int,
                 buy_order_id: str | None = None, sell_order_id: str | None = None) -> TradeRow:
    """A matched trade: the buyer's cash for it (turnover + fee) stays reserved, whatever its order reserved beyond
    that goes back; the seller's allowances stay reserved; the registry is told to deliver (M-26)."""
    now = uow.now()
    turnover = price_cents * quantity
    buyer_fee = rules.fee_cents(mode, "buyer", turnover)
    seller_fee = rules.fee_cents(mode, "seller", turnover)
    needed = turnover + buyer_fee
    surplus = quantity * buyer_reserved_per_t - needed
    if surplus:
        uow.ledger.change_cash(buyer, available=surplus, reserved=-surplus)
    trade = TradeRow(trade_id=ordered_id("TRD"), mode=mode, product_id=product_id, vintage=vintage,
                     price_cents=price_cents, quantity=quantity, buyer_account_id=buyer, seller_account_id=seller,
                     buy_order_id=buy_order_id, sell_order_id=sell_order_id, buyer_fee_cents=buyer_fee,
                     seller_fee_cents=seller_fee, buyer_reserved_cents=needed, status=MATCHED,
                     trading_day=regulatory_date(now), executed_at=now,
                     print_sequence=uow.books.next_print(uow.session))
    uow.trading.add(trade)
    ref = f"trade:{trade.trade_id}"
    uow.publish(TradeExecuted(trade_id=trade.trade_id, mode=mode, product_id=product_id, vintage=vintage,
                              price=to_yuan(price_cents), quantity=quantity, buyer_trading_account_id=buyer,
                              seller_trading_account_id=seller, buy_order_id=buy_order_id,
                              sell_order_id=sell_order_id, buyer_fee=to_yuan(buyer_fee),
                              seller_fee=to_yuan(seller_fee), executed_at=now), subject_ref=ref)
    uow.publish(TradeDeliveryInstructed(trade_id=trade.trade_id, seller_trading_account_id=seller,
                                        buyer_trading_account_id=buyer, vintage=vintage, quantity=quantity,
                                        instructed_at=now), subject_ref=ref)
    market_data.print_trade(uow, trade)
    return trade


REASONS: dict[str, CancelReason] = {IOC_REMAINDER: "immediate_or_cancel", SELF_TRADE: "self_trade_prevented",
                                    CANCELLED: "requested", AMENDED_AWAY: "requested"}


def apply_result(uow: ExchangeUnitOfWork, rules: TradingRules, taker: OrderRow, result: Execution) -> list[TradeRow]:
    """Record the fills of `taker` against resting orders, then release whatever left the book unfilled: the rest
    of an immediate-or-cancel order, resting orders of the same owner removed by self-trade prevention."""
    trades = [_fill(uow, rules, taker, fill) for fill in result.fills]
    for cancel in result.cancels:
        order = taker if cancel.order_id == taker.order_id else uow.trading.order(cancel.order_id)
        if cancel.reason == SELF_TRADE:
            surveillance.on_self_trade(uow, taker, order, cancel.quantity)
        release_open(uow, order, cancel.quantity, REASONS[cancel.reason], uow.now())
    return trades


def _fill(uow: ExchangeUnitOfWork, rules: TradingRules, taker: OrderRow, fill: Fill) -> TradeRow:
    maker = uow.trading.order(fill.maker_order_id)
    buy, sell = (taker, maker) if taker.side == "BUY" else (maker, taker)
    for order in (buy, sell):
        order.remaining -= fill.quantity
        order.filled += fill.quantity
        order.updated_at = uow.now()
        if not order.remaining:
            order.status = "FILLED"
    return record_trade(uow, rules, mode=OPEN_BIDDING, product_id=taker.product_id, vintage=taker.vintage,
                        price_cents=fill.price_ticks, quantity=fill.quantity, buyer=buy.trading_account_id,
                        seller=sell.trading_account_id, buyer_reserved_per_t=buy.reserve_per_t_cents,
                        buy_order_id=buy.order_id, sell_order_id=sell.order_id)
