"""What the allocation HTTP API of `entrypoints.http_statements` returns (its response models)."""
from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from allocation.adapters.orm import SerialBlockRow
from allocation.domain.serials import Block, label
from allocation.entrypoints.schemas import HoldingPublic, TransactionPublic


class BlockPublic(BaseModel):
    unit_type: str
    vintage: int
    lot: str  # a CCER's origin (project|reduction date|boundary entity); empty for allowances
    issuer: str
    first_serial: int
    last_serial: int
    first: str  # the serial numbers as printed: <unit type>-<vintage>-<12 digits>
    last: str
    quantity: int

    @classmethod
    def of(cls, b: Block | SerialBlockRow) -> BlockPublic:
        first = b.first if isinstance(b, Block) else b.first_serial
        last = b.last if isinstance(b, Block) else b.last_serial
        return cls(unit_type=b.unit_type, vintage=b.vintage, lot=b.lot, issuer=b.issuer, first_serial=first,
                   last_serial=last, first=label(b.unit_type, b.vintage, first),
                   last=label(b.unit_type, b.vintage, last), quantity=last - first + 1)


class StatementPublic(BaseModel):
    account_id: str
    as_of: datetime
    holdings: list[HoldingPublic]  # at `as_of`: every transaction registered at or before it, none after
    blocks: list[BlockPublic]  # the serial numbers held at `as_of`
    transactions_total: int  # up to `as_of`
    offset: int
    transactions: list[TransactionPublic]  # this page, in registration order


class SerialMovementPublic(BaseModel):
    transaction_id: str | None  # null: held when serial numbers were introduced
    kind: str | None  # issue, transfer, surrender, cancel, recall, succession
    registered_at: datetime | None
    reference: str | None  # e.g. surrender:SUR-… (the obligation it was surrendered for), sale:…, succession:…
    from_account_id: str | None
    to_account_id: str
    block: BlockPublic  # the block it moved in


class SerialPublic(BaseModel):
    serial: str
    held_by: str | None  # the account holding it now (the cancellation account once surrendered or cancelled)
    history: list[SerialMovementPublic]
