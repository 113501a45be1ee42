"""Public market data (M-25), no token needed: products with their day so far, the order book's depth, the day's
trades (the tape, no parties), the day-end reports by date and by range. The operator may publish a day's report
once its last session has ended (otherwise the first tick after it does)."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from ets_shared.auth import Principal, Role
from ets_shared.clock import regulatory_date, utcnow
from ets_shared.contracts.exchange import ProductDay
from ets_shared.errors import NotFound, RuleViolation
from ets_shared.http.dependencies import ReadSession, require
from exchange.entrypoints.dependencies import ProductId, Uow
from ets_shared.persistence.tables import RegulatoryClock
from exchange.adapters.books import books_for
from exchange.adapters.market_store import MarketStore
from exchange.adapters.trading_store import TradingStore
from exchange.domain.policy import to_yuan
from exchange.entrypoints.schemas import BookLevel, BookPublic
from exchange.service_layer import market_data
from exchange.service_layer.market_data import yuan
from exchange.adapters.policy_repository import rules_for
from exchange.entrypoints.schemas_market import MarketDayPublic, PrintPublic, ProductQuote

router = APIRouter(prefix="/market", tags=["market data"])
Operator = Annotated[Principal, Depends(require(Role.EXCHANGE_OPERATOR))]
MAX_RANGE_DAYS = 366


class DayOfProduct(ProductDay):
    trading_date: date


def _today(session: Session) -> date:
    clock = session.get(RegulatoryClock, 1)
    return regulatory_date(clock.now if clock else utcnow())


@router.get("/products", response_model=list[ProductQuote], summary="Products with their trading day so far")
def products(session: ReadSession) -> list[ProductQuote]:
    today, books = _today(session), books_for(session)
    rules = rules_for(session, today.year)
    quotes = []
    for product in TradingStore(session).products():
        with books.lock:
            book = books.book(session, product.product_id)
            bid, ask = book.best_bid(), book.best_ask()
        last = MarketStore(session).last_trade(product.product_id)
        quotes.append(ProductQuote(
            product_id=product.product_id, vintage=product.vintage, trading_date=today,
            previous_close=to_yuan(TradingStore(session).previous_close(product, today, rules.tick_cents)),
            best_bid=yuan(bid), best_ask=yuan(ask), last_price=yuan(last.price_cents if last else None),
            today=market_data.day_of(session, product, today, rules)))
    return quotes


@router.get("/products/{product_id}/depth", response_model=BookPublic, summary="The book's best levels")
def depth(product_id: ProductId, session: ReadSession,
          levels: Annotated[int, Query(ge=1, le=50)] = 5) -> BookPublic:
    TradingStore(session).product(product_id)
    books = books_for(session)
    with books.lock:
        bids, asks = books.book(session, product_id).depth(levels)
    return BookPublic(product_id=product_id,
                      bids=[BookLevel(price=to_yuan(b.price_ticks), quantity=b.quantity) for b in bids],
                      asks=[BookLevel(price=to_yuan(a.price_ticks), quantity=a.quantity) for a in asks])


@router.get("/products/{product_id}/trades", response_model=list[PrintPublic], summary="A day's trades (the tape)")
def trades(product_id: ProductId, session: ReadSession,
           trading_date: Annotated[date | None, Query(alias="date", description="default: today")] = None,
           offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
           limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[PrintPublic]:
    TradingStore(session).product(product_id)
    rows = MarketStore(session).day_trades(product_id, trading_date or _today(session), offset, limit)
    return [PrintPublic(trade_id=t.trade_id, mode=t.mode, price=to_yuan(t.price_cents), quantity=t.quantity,
                        executed_at=t.executed_at) for t in rows]


@router.get("/days", response_model=list[DayOfProduct], summary="Reported days of a product by date range")
def history(session: ReadSession, product_id: Annotated[str, Query(min_length=1, max_length=32)],
            start: Annotated[date | None, Query(description="first day (inclusive); default: end - 30 days")] = None,
            end: Annotated[date | None, Query(description="last day (inclusive); default: today")] = None,
            offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
            limit: Annotated[int, Query(ge=1, le=MAX_RANGE_DAYS)] = 100) -> list[DayOfProduct]:
    TradingStore(session).product(product_id)
    end = end or _today(session)
    start = start or end - timedelta(days=30)
    if start > end or (end - start).days >= MAX_RANGE_DAYS:
        raise RuleViolation(f"start must be on or before end and at most {MAX_RANGE_DAYS} days before it",
                            field="start", article="M-25")
    rows = MarketStore(session).reports(start, end, offset, limit)
    return [DayOfProduct(trading_date=r.trading_date, **p) for r in rows for p in r.products
            if p["product_id"] == product_id]


@router.get("/days/{trading_date}", response_model=MarketDayPublic, summary="A trading day's report")
def day_report(trading_date: date, session: ReadSession) -> MarketDayPublic:
    row = MarketStore(session).report(trading_date)
    if row is None:
        raise NotFound(f"no market report for {trading_date} (published after its last session ends)",
                       field="trading_date")
    return MarketDayPublic.of(row)


@router.post("/days/{trading_date}/report", response_model=MarketDayPublic,
             summary="Publish a day's report now (once; the day must have ended)")
def publish_report(trading_date: date, _: Operator, uow: Uow) -> MarketDayPublic:
    return market_data.publish_day_report(uow, trading_date)
