"""What the allocation HTTP API of `entrypoints.http_ledger` returns (its response models)."""
from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel


class LedgerAuditPublic(BaseModel):
    from_seq: int
    to_seq: int | None
    transactions: int  # checked
    intact: bool
    head_seq: int  # the last transaction that held
    head_hash: str
    broken_at: int | None  # the first transaction whose sequence, link or content does not hold
    problem: str | None


class LedgerHeadPublic(BaseModel):
    day: date
    seq: int
    hash: str
    published_at: datetime
