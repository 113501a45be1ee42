"""Market data (M-25): the live feed (every trade printed, the top of a book after each command that changed it)
and the day-end report, published once per trading day at the first tick after its last session ends (or when the
operator asks), which enforcement expects by a deadline (M-42(1))."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from decimal import Decimal

from ets_shared.clock import REGULATORY_TZ
from ets_shared.contracts.base import one_of
from ets_shared.contracts.exchange import (
    TRADE_MODES, BookLevelData, DepthChanged, MarketDayReported, ProductDay, TradePrinted,
)
from exchange.adapters.order_entry_store import TradeRecord
from ets_shared.errors import Conflict
from sqlalchemy.orm import Session

from exchange.adapters.market_store import MarketStore
from exchange.adapters.orm import MarketDayRow, ProductRow, TradeRow
from exchange.adapters.trading_store import TradingStore
from exchange.domain.market_data import DayTrade, day_closes_at, summarise
from exchange.domain.policy import TradingRules, to_yuan
from exchange.entrypoints.schemas_market import MarketDayPublic
from exchange.service_layer import surveillance
from exchange.adapters.policy_repository import rules_for
from exchange.service_layer.unit_of_work import ExchangeUnitOfWork

FEED_LEVELS = 5
CATCH_UP_DAYS = 31  # a tick after a long outage reports at most this many past days


def print_trade(uow: ExchangeUnitOfWork, trade: TradeRow | TradeRecord) -> None:
    uow.publish(TradePrinted(trade_id=trade.trade_id, product_id=trade.product_id, vintage=trade.vintage,
                             mode=one_of(trade.mode, TRADE_MODES, field="mode"), price=to_yuan(trade.price_cents),
                             quantity=trade.quantity, executed_at=trade.executed_at),
                subject_ref=f"product:{trade.product_id}", audit=False)


def publish_depth(uow: ExchangeUnitOfWork, product_ids: Iterable[str], printed: Iterable[TradeRecord] = (),
                  vintages: Mapping[str, int] | None = None) -> None:
    """One `depth-changed` per product whose book the command changed (conflated: never one per fill). `printed`:
    the command's own trades, in tape order — the last of a product is its last trade (the command holds the books'
    lock, which every print number is taken under, at the latest regulatory instant), so it is not read again.
    `vintages`: the products' vintages the command has read already (a product is never changed once listed)."""
    store = MarketStore(uow.session)
    last_prices = {trade.product_id: trade.price_cents for trade in printed}
    known = {} if vintages is None else vintages
    for product_id in sorted(product_ids):
        vintage = known.get(product_id)
        if vintage is None:
            vintage = uow.trading.product(product_id).vintage
        bids, asks = uow.books.book(uow.session, product_id).depth(FEED_LEVELS)
        last_price = last_prices[product_id] if product_id in last_prices else store.last_price(product_id)
        uow.publish(DepthChanged(product_id=product_id, vintage=vintage, bids=levels(bids),
                                 asks=levels(asks), last_price=None if last_price is None else to_yuan(last_price),
                                 as_of=uow.now()), subject_ref=f"product:{product_id}", audit=False)


def levels(side: list) -> list[BookLevelData]:  # engine Levels
    return [BookLevelData(price=to_yuan(lv.price_ticks), quantity=lv.quantity, orders=lv.orders) for lv in side]


def day_of(session: Session, product: ProductRow, day: date, rules: TradingRules) -> ProductDay:
    """The product's day from its trades so far (the whole day once it has ended)."""
    trades = MarketStore(session).day_trades(product.product_id, day)
    previous = TradingStore(session).previous_close(product, day, rules.tick_cents)
    s = summarise([DayTrade(t.mode, t.price_cents, t.quantity) for t in trades], previous, rules.tick_cents)
    return ProductDay(product_id=product.product_id, vintage=product.vintage, open=yuan(s.open), high=yuan(s.high),
                      low=yuan(s.low), close=yuan(s.close), volume=s.volume, turnover=to_yuan(s.turnover_cents),
                      trades=s.trades, agreement_volume=s.agreement_volume,
                      agreement_turnover=to_yuan(s.agreement_turnover_cents))


def yuan(cents: int | None) -> Decimal | None:
    return None if cents is None else to_yuan(cents)


def report_day(uow: ExchangeUnitOfWork, day: date) -> MarketDayRow:
    """The day's report, published once (a second call returns the first); only after its last session ended."""
    existing = MarketStore(uow.session).report(day)
    if existing is not None:
        return existing
    rules = rules_for(uow.session, day.year)
    if not rules.trading_day(day):
        raise Conflict(f"{day} is not a trading day", field="trading_date", article="M-25")
    if uow.now() < day_closes_at(rules, day):
        raise Conflict(f"the trading day {day} has not ended", field="trading_date", article="M-25")
    listed = [p for p in uow.trading.products() if p.listed_at < day_closes_at(rules, day)]
    products = [day_of(uow.session, p, day, rules) for p in listed]
    row = MarketDayRow(trading_date=day, products=[p.model_dump(mode="json") for p in products],
                       reported_at=uow.now())
    uow.session.add(row)
    uow.publish(MarketDayReported(trading_date=day, products=products, reported_at=row.reported_at),
                subject_ref=f"market-day:{day}")
    for product in listed:
        surveillance.check_close(uow, product, day, rules)
    return row


def publish_day_report(uow: ExchangeUnitOfWork, day: date) -> MarketDayPublic:
    """`POST /days/{day}/report`: the day's report now, once (`report_day`), in its own transaction."""
    with uow:
        row = report_day(uow, day)
        uow.commit()
    return MarketDayPublic.of(row)


def report_closed_days(uow: ExchangeUnitOfWork) -> list[MarketDayRow]:
    """At a tick: every trading day not yet reported whose last session has ended, from the day after the last
    report (or the first listing) on, at most `CATCH_UP_DAYS` back."""
    now = uow.now()
    today = now.astimezone(REGULATORY_TZ).date()
    products = uow.trading.products()
    if not products:
        return []
    last = MarketStore(uow.session).last_reported()
    first = min(p.listed_at for p in products).astimezone(REGULATORY_TZ).date()
    day = max(last + timedelta(days=1) if last else first, first, today - timedelta(days=CATCH_UP_DAYS))
    reported = []
    while day <= today:
        rules = rules_for(uow.session, day.year)
        if rules.trading_day(day) and now >= day_closes_at(rules, day):
            reported.append(report_day(uow, day))
        day += timedelta(days=1)
    return reported
