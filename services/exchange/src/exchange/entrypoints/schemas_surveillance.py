"""What the exchange HTTP API of `entrypoints.http_surveillance` returns (its response models)."""
from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel

from exchange.adapters.orm import SurveillanceAlertRow


class AlertPublic(BaseModel):
    alert_id: str
    pattern: str
    product_id: str
    trading_date: date
    trading_account_ids: list[str]
    member_ids: list[str]
    order_ids: list[str]
    trade_ids: list[str]
    detail: str
    raised_at: datetime

    @classmethod
    def of(cls, row: SurveillanceAlertRow) -> AlertPublic:
        return cls(**row.model_dump())
