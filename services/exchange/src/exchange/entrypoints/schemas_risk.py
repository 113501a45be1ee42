"""What the exchange HTTP API of `entrypoints.http_risk` returns (its response models)."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
import json

from pydantic import BaseModel

from exchange.adapters.orm import MarketMeasureRow, RulesVersionRow


class MeasurePublic(BaseModel):
    measure_id: str
    kind: str
    product_id: str | None
    price_limit: Decimal | None
    max_holding_t: int | None
    reason: str
    imposed_by: str
    imposed_at: datetime
    ends_at: datetime | None
    active: bool
    lifted_at: datetime | None
    lifted_by: str | None
    lift_reason: str | None

    @classmethod
    def of(cls, row: MarketMeasureRow) -> MeasurePublic:
        return cls(**{**row.model_dump(), "price_limit": Decimal(row.price_limit) if row.price_limit else None})


class WarningPublic(BaseModel):
    warning_id: str
    product_id: str | None
    level: str
    message: str
    issued_by: str
    issued_at: datetime


class LargeHolderPublic(BaseModel):
    trading_account_id: str
    at_or_above: bool
    holding: int
    reported_at: datetime | None
    reports: int


class RulesVersionPublic(BaseModel):
    year: int
    version: int
    changed: list[str]
    reason: str
    filed_by: str
    filed_at: datetime
    document: dict

    @classmethod
    def of(cls, row: RulesVersionRow) -> RulesVersionPublic:
        return cls(year=row.year, version=row.version, changed=[c for c in row.changed.split(",") if c],
                   reason=row.reason, filed_by=row.filed_by, filed_at=row.filed_at, document=json.loads(row.document))
