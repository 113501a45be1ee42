"""What the exchange HTTP API of `entrypoints.http_market` returns (its response models)."""
from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel

from ets_shared.contracts.base import Money
from ets_shared.contracts.exchange import ProductDay
from exchange.adapters.orm import MarketDayRow


class ProductQuote(BaseModel):
    product_id: str
    vintage: int
    trading_date: date
    previous_close: Money
    best_bid: Money | None
    best_ask: Money | None
    last_price: Money | None
    today: ProductDay


class PrintPublic(BaseModel):
    trade_id: str
    mode: str
    price: Money
    quantity: int
    executed_at: Any


class MarketDayPublic(BaseModel):
    trading_date: date
    products: list[ProductDay]
    reported_at: Any

    @classmethod
    def of(cls, row: MarketDayRow) -> MarketDayPublic:
        return cls(trading_date=row.trading_date, products=[ProductDay.model_validate(p) for p in row.products],
                   reported_at=row.reported_at)
