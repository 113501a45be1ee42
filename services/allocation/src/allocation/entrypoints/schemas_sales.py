"""What the allocation HTTP API of `entrypoints.http_sales` returns (its response models)."""
from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from allocation.adapters.orm import BidRow, SaleRow


class BidPublic(BaseModel):
    bidder_id: str
    quantity: int
    price: str
    placed_at: datetime
    awarded: int | None
    amount: str | None  # RMB to pay through the settlement bank
    paid_at: datetime | None
    payment_reference: str | None
    transaction_id: str | None  # the issuance, once paid

    @classmethod
    def of(cls, row: BidRow) -> BidPublic:
        return cls(**row.model_dump(include=set(cls.model_fields)))


class SalePublic(BaseModel):
    sale_id: str
    compliance_year: int
    kind: str
    quantity: int
    price: str | None
    reserve_price: str
    status: str  # open, cleared
    opened_at: datetime
    cleared_at: datetime | None
    clearing_price: str | None
    awarded: int | None
    bids: list[BidPublic]  # sealed: the bidder sees its own; the authority all, once cleared

    @classmethod
    def of(cls, row: SaleRow, bids: list[BidRow]) -> SalePublic:
        return cls(**row.model_dump(include=set(cls.model_fields) - {"bids"}), bids=[BidPublic.of(b) for b in bids])
