"""Serial blocks in and out of their tables (`domain.serials`): what a batch of registered transactions does to the
blocks — issuance allocates the next serials, every other line moves the sender's lowest serials of that unit type,
vintage and lot to the receiver — and the lookups (an account's blocks, a serial's history). Runs inside the
transaction that registers, under the ledger lock (`RegistryStore.record`)."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from allocation.adapters.orm import (
    RegistryTransactionRow, SerialBlockRow, SerialCounterRow, SerialMovementRow,
)
from allocation.domain import RegistryTransaction, TransactionKind
from allocation.domain.serials import Block, split_off, subtract

_BLOCK = SerialBlockRow.__table__
_MOVE = SerialMovementRow.__table__
_COUNTER = SerialCounterRow.__table__
_TX = RegistryTransactionRow.__table__
_SET_FIRST = update(_BLOCK).where(_BLOCK.c.id == bindparam("block_id")).values(first_serial=bindparam("first"))
AUTHORITY_ISSUER = "SH-AUTHORITY"


def issuer_of(unit_type: str, lot: str) -> str:
    """Allowances are issued by the Shanghai authority; a CCER lot by its project (in the national registry)."""
    return lot.split("|", 1)[0] if unit_type == "CCER" and lot else AUTHORITY_ISSUER


class SerialBlocks:
    def __init__(self, session: Session) -> None:
        self.session = session

    def move(self, transactions: Sequence[RegistryTransaction], lot_of) -> None:  # origin -> lot
        held: dict[tuple[str, str, int, str], list[Block]] = {}
        counters: dict[tuple[str, int], int] = {}
        new_blocks: list[dict[str, Any]] = []
        movements: list[dict[str, Any]] = []
        for tx in transactions:
            for ln in tx.lines:
                unit, lot = ln.unit_type.value, lot_of(ln.origin)
                if tx.kind is TransactionKind.ISSUE:
                    first = counters.get((unit, ln.vintage)) or self._next(unit, ln.vintage)
                    counters[(unit, ln.vintage)] = first + ln.quantity
                    moved = [Block(unit, ln.vintage, lot, issuer_of(unit, lot), first, first + ln.quantity - 1)]
                    source = None
                else:
                    key = (ln.from_account_id, unit, ln.vintage, lot)
                    if key not in held:
                        held[key] = self._blocks(*key)
                    moved, held[key] = split_off(held[key], ln.quantity)
                    source = ln.from_account_id
                for b in moved:
                    new_blocks.append({"account_id": ln.to_account_id, "unit_type": unit, "vintage": ln.vintage,
                                       "lot": lot, "issuer": b.issuer, "first_serial": b.first,
                                       "last_serial": b.last})
                    movements.append({"transaction_id": tx.transaction_id, "unit_type": unit, "vintage": ln.vintage,
                                      "lot": lot, "issuer": b.issuer, "first_serial": b.first, "last_serial": b.last,
                                      "from_account_id": source, "to_account_id": ln.to_account_id})
        self._write(held, counters, new_blocks, movements)

    def _write(self, held, counters, new_blocks, movements) -> None:
        for key, blocks in held.items():
            kept = {b.block_id: b.first for b in blocks}
            loaded = self._loaded.get(key, {})
            gone = [i for i in loaded if i not in kept]
            if gone:
                self.session.execute(delete(_BLOCK).where(_BLOCK.c.id.in_(gone)))
            changed = [{"block_id": i, "first": f} for i, f in kept.items() if loaded.get(i) != f]
            if changed:
                self.session.execute(_SET_FIRST, changed)
        for (unit, vintage), following in counters.items():
            self.session.execute(update(_COUNTER).where(_COUNTER.c.unit_type == unit, _COUNTER.c.vintage == vintage)
                                 .values(next_serial=following))
        if new_blocks:
            self.session.execute(insert(_BLOCK), new_blocks)
            self.session.execute(insert(_MOVE), movements)

    @property
    def _loaded(self) -> dict:
        return self.session.info.setdefault("allocation.serial_blocks_loaded", {})

    def _blocks(self, account_id: str, unit: str, vintage: int, lot: str) -> list[Block]:
        rows = self.session.execute(select(_BLOCK).where(
            _BLOCK.c.account_id == account_id, _BLOCK.c.unit_type == unit, _BLOCK.c.vintage == vintage,
            _BLOCK.c.lot == lot).order_by(_BLOCK.c.first_serial))
        blocks = [Block(r.unit_type, r.vintage, r.lot, r.issuer, r.first_serial, r.last_serial, r.id) for r in rows]
        self._loaded[(account_id, unit, vintage, lot)] = {b.block_id: b.first for b in blocks}
        return blocks

    def _next(self, unit: str, vintage: int) -> int:
        found = self.session.execute(select(_COUNTER.c.next_serial).where(
            _COUNTER.c.unit_type == unit, _COUNTER.c.vintage == vintage)).scalar_one_or_none()
        if found is None:
            self.session.execute(insert(_COUNTER).values(unit_type=unit, vintage=vintage, next_serial=1))
            return 1
        return found

    # -- reads --------------------------------------------------------------------------------------------------
    def of_account(self, account_id: str, offset: int = 0, limit: int = 1000) -> list[SerialBlockRow]:
        return list(self.session.execute(select(SerialBlockRow).where(SerialBlockRow.account_id == account_id)
                                         .order_by(SerialBlockRow.unit_type.desc(), SerialBlockRow.vintage,
                                                   SerialBlockRow.lot, SerialBlockRow.first_serial)
                                         .offset(offset).limit(limit)).scalars())

    def holder(self, unit: str, vintage: int, serial: int) -> SerialBlockRow | None:
        return self.session.execute(select(SerialBlockRow).where(
            SerialBlockRow.unit_type == unit, SerialBlockRow.vintage == vintage,
            SerialBlockRow.first_serial <= serial, SerialBlockRow.last_serial >= serial)).scalars().first()

    def history(self, unit: str, vintage: int, serial: int) -> list[tuple[SerialMovementRow, Any]]:
        query = (select(SerialMovementRow, _TX.c.kind, _TX.c.registered_at, _TX.c.reference)
                 .outerjoin(_TX, _TX.c.transaction_id == SerialMovementRow.transaction_id)
                 .where(SerialMovementRow.unit_type == unit, SerialMovementRow.vintage == vintage,
                        SerialMovementRow.first_serial <= serial, SerialMovementRow.last_serial >= serial)
                 .order_by(SerialMovementRow.id))
        return [(row[0], row[1:]) for row in self.session.execute(query)]

    def as_of(self, account_id: str, at: datetime) -> list[Block]:
        """The account's blocks at `at`, replayed from the movements registered up to it."""
        query = (select(SerialMovementRow).outerjoin(_TX, _TX.c.transaction_id == SerialMovementRow.transaction_id)
                 .where((SerialMovementRow.from_account_id == account_id)
                        | (SerialMovementRow.to_account_id == account_id),
                        _TX.c.registered_at.is_(None) | (_TX.c.registered_at <= at))
                 .order_by(SerialMovementRow.id))
        ranges: dict[tuple[str, int, str, str], list[tuple[int, int]]] = {}
        for m in self.session.execute(query).scalars():
            key = (m.unit_type, m.vintage, m.lot, m.issuer)
            if m.to_account_id == account_id:
                ranges.setdefault(key, []).append((m.first_serial, m.last_serial))
            else:
                ranges[key] = subtract(ranges.get(key, []), m.first_serial, m.last_serial)
        return sorted((Block(u, v, lot, issuer, a, b) for (u, v, lot, issuer), rs in ranges.items() for a, b in rs),
                      key=lambda blk: (blk.unit_type != "SHEA", blk.unit_type, blk.vintage, blk.lot, blk.first))
