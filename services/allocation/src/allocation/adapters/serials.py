"""Serial blocks in and out of their tables (`domain.serials`): what a batch of registered transactions does to the
blocks — issuance allocates the next serials, every other line moves the sender's lowest serials of that unit type,
vintage and lot to the receiver — and the lookups (an account's blocks, a serial's history). Runs inside the
transaction that registers, under the ledger lock (`RegistryStore.record`)."""
from __future__ import annotations

from bisect import insort
from collections.abc import Iterable, Sequence
from datetime import datetime
from operator import attrgetter
from typing import Any

from sqlalchemy import ARRAY, BigInteger, any_, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from allocation.adapters.orm import (
    RegistryTransactionRow, SerialBlockRow, SerialCounterRow, SerialMovementRow,
)
from allocation.domain import RegistryTransaction, TransactionKind
from allocation.domain.serials import Block, coalesce, split_off, subtract
from ets_shared.persistence.bulk import insert_rows, set_by_key
from ets_shared.persistence.engine import sqlite_run

_BLOCK = SerialBlockRow.__table__
_MOVE = SerialMovementRow.__table__
_COUNTER = SerialCounterRow.__table__
_TX = RegistryTransactionRow.__table__
#: SQLite: one key's blocks, lowest first, by the holding index; read lazily (SQLite runs in this process) and left
#: once they cover what the key sends, so an account holding many small blocks costs only the few it needs; only the
#: columns the key does not give (three strings fewer to make per row: a third of the read)
_LOWEST_OF_KEY = ("SELECT id, issuer, first_serial, last_serial FROM serial_block "
                  "WHERE account_id = ? AND unit_type = ? AND vintage = ? AND lot = ? ORDER BY last_serial")
#: PostgreSQL: per key, its lowest blocks by the holding index, at most as many as the units it sends (a block holds
#: at least one), summed until they cover them — an index range scan of a few rows per key, however many blocks the
#: account holds; one text whatever the batch, so psycopg prepares it and the server plans it once. Blocks never
#: overlap, so ordering them by last serial orders them by first serial: the indexes hold `last_serial` only (see
#: `SerialBlockRow`), and the split of a sender's lowest block, a new `first_serial`, is a heap-only update
_LOWEST_PER_KEY = (
    "SELECT b.id, b.account_id, b.unit_type, b.vintage, b.lot, b.issuer, b.first_serial, b.last_serial "
    "FROM unnest(%(accounts)s::varchar[], %(units)s::varchar[], %(vintages)s::int[], %(lots)s::varchar[], "
    "%(needs)s::bigint[]) AS k(account_id, unit_type, vintage, lot, need) "
    "CROSS JOIN LATERAL (SELECT s.*, sum(s.last_serial - s.first_serial + 1) OVER (ORDER BY s.last_serial "
    "ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before FROM (SELECT * FROM serial_block "
    "WHERE account_id = k.account_id AND unit_type = k.unit_type AND vintage = k.vintage AND lot = k.lot "
    "ORDER BY account_id, unit_type, vintage, lot, last_serial LIMIT k.need) AS s) AS b "
    "WHERE coalesce(b.before, 0) < k.need ORDER BY b.account_id, b.unit_type, b.vintage, b.lot, b.last_serial")
#: a batch's block and movement rows, built as tuples in these columns' order (no dict per block): on SQLite written by
#: `sqlite_run`, the driver's executemany of these texts (every column a plain text or integer: nothing to process per
#: row), on PostgreSQL as dicts by `insert_rows` / `set_by_key` (one statement each)
_BLOCK_COLUMNS = ("account_id", "unit_type", "vintage", "lot", "issuer", "first_serial", "last_serial")
_MOVE_COLUMNS = ("transaction_id", "unit_type", "vintage", "lot", "issuer", "first_serial", "last_serial",
                 "from_account_id", "to_account_id")
_SQLITE_INSERT = {table.name: f"INSERT INTO {table.name} ({', '.join(columns)}) "
                              f"VALUES ({', '.join('?' * len(columns))})"
                  for table, columns in ((_BLOCK, _BLOCK_COLUMNS), (_MOVE, _MOVE_COLUMNS))}
_SQLITE_REHOME = "UPDATE serial_block SET account_id = ?, first_serial = ? WHERE id = ?"
#: a block split and kept by its account: only its first serial, which no index holds (`_update`)
_SQLITE_SPLIT = "UPDATE serial_block SET first_serial = ? WHERE id = ?"
_SQLITE_DELETE = "DELETE FROM serial_block WHERE id = ?"
_DELETE_BLOCKS = delete(_BLOCK).where(_BLOCK.c.id == any_(bindparam("ids", type_=ARRAY(BigInteger))))
AUTHORITY_ISSUER = "SH-AUTHORITY"
# the statements every registration runs, built once (building and keying one cost more than running it)
_COUNTER_OF = (_COUNTER.c.unit_type == bindparam("unit")) & (_COUNTER.c.vintage == bindparam("of_vintage"))
_SET_COUNTER = update(_COUNTER).where(_COUNTER_OF).values(next_serial=bindparam("following"))
_NEXT_SERIAL = select(_COUNTER.c.next_serial).where(_COUNTER_OF)


_first = attrgetter("first")  # a block's sort key in an account's list (C, not a Python call per comparison)


def _block_row(account_id: str, b: Block) -> tuple:  # in `_BLOCK_COLUMNS`
    return account_id, b.unit_type, b.vintage, b.lot, b.issuer, b.first, b.last


def issuer_of(unit_type: str, lot: str) -> str:
    """Allowances are issued by the Shanghai authority; a CCER lot by its project (in the national registry)."""
    return lot.split("|", 1)[0] if unit_type == "CCER" and lot else AUTHORITY_ISSUER


class SerialBlocks:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._loaded: dict[int, tuple[str, int]] = {}  # block id read -> (its account, its first serial) as read
        #: asked once (a batch's moves asked the session's bind for its dialect, and for its connection, at each of
        #: their four to six statements: a few µs each, per consumed batch whatever its size)
        self._postgresql = session.get_bind().dialect.name == "postgresql"
        self._connection: Any = None

    def _in_transaction(self) -> Any:
        """The session's connection in this transaction (`Session.connection`, asked once)."""
        if self._connection is None:
            self._connection = self.session.connection()
        return self._connection

    def move(self, transactions: Sequence[RegistryTransaction], lot_of) -> None:  # origin -> lot
        """Move the serials of a batch of registered transactions, in registration order, set-based: the senders'
        lowest blocks read in one query, the blocks split in memory, then one executemany UPDATE and one multi-row
        INSERT of blocks and of movements. A block taken whole changes hands in its own row (its account, and its
        first serial should its new holder split it later in the batch); only the part split off a block is a new
        row. A block received in the batch by an account that also sends in it joins that account's blocks in memory
        (by first serial), so the batch moves exactly the serials that one transaction after the other would.
        Adjacent pieces a line moves are joined (`coalesce`): one block and one movement per contiguous range, so
        holdings do not fragment into the pieces trades split them into (the serials moved are the same)."""
        needed: dict[tuple[str, str, int, str], int] = {}
        for tx in transactions:
            if tx.kind is not TransactionKind.ISSUE:
                for ln in tx.lines:
                    key = (ln.from_account_id, ln.unit_type.value, ln.vintage, lot_of(ln.origin))
                    needed[key] = needed.get(key, 0) + ln.quantity
        held = self._lowest(needed)
        counters: dict[tuple[str, int], int] = {}
        placed: list[tuple[str, Block]] = []  # blocks received by accounts that send nothing in the batch
        movements: list[tuple] = []  # in `_MOVE_COLUMNS`
        absorbed: list[int] = []  # rows of blocks joined into an adjacent one they moved with (`coalesce`)
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
                    pieces, held[key] = split_off(held[key], ln.quantity)
                    moved, joined = coalesce(pieces)
                    absorbed += joined
                    source = ln.from_account_id
                receiving = held.get((ln.to_account_id, unit, ln.vintage, lot))
                for b in moved:
                    if receiving is not None:  # it sends later in the batch (or did): kept in memory until the end
                        insort(receiving, b, key=_first)
                    else:
                        placed.append((ln.to_account_id, b))
                    movements.append((tx.transaction_id, unit, ln.vintage, lot, b.issuer, b.first, b.last, source,
                                      ln.to_account_id))
        placed += [(key[0], b) for key, blocks in held.items() for b in blocks]
        self._write(placed, counters, movements, absorbed)

    def _write(self, placed: list[tuple[str, Block]], counters: dict[tuple[str, int], int],
               movements: list[tuple], absorbed: list[int]) -> None:
        """Where each block of the batch ended: a new one inserted, one read updated where its account or its first
        serial changed, one joined into the adjacent block it moved with deleted (its serials are that block's: a
        serial is never lost, and a block's last serial never moves)."""
        new_blocks: list[tuple] = []
        changed: list[tuple[int, str, int]] = []
        for account_id, b in placed:
            if b.block_id is None:
                new_blocks.append(_block_row(account_id, b))
            elif self._loaded[b.block_id] != (account_id, b.first):
                changed.append((b.block_id, account_id, b.first))
        self._update(changed)
        self._delete(absorbed)
        for (unit, vintage), following in counters.items():
            self.session.execute(_SET_COUNTER, {"unit": unit, "of_vintage": vintage, "following": following})
        self._insert(_BLOCK, _BLOCK_COLUMNS, new_blocks)
        self._insert(_MOVE, _MOVE_COLUMNS, movements)

    def _insert(self, table: Any, columns: tuple[str, ...], rows: list[tuple]) -> None:
        if not rows:
            return
        if self._postgresql:
            insert_rows(self.session, table, [dict(zip(columns, row, strict=True)) for row in rows])
            return
        sqlite_run(self._in_transaction(), _SQLITE_INSERT[table.name], rows)

    def _delete(self, absorbed: list[int]) -> None:
        if not absorbed:
            return
        if self._postgresql:
            self.session.execute(_DELETE_BLOCKS, {"ids": absorbed})
            return
        sqlite_run(self._in_transaction(), _SQLITE_DELETE, [(i,) for i in absorbed])

    def _update(self, changed: list[tuple[int, str, int]]) -> None:
        """The blocks read that changed hands or were split. On SQLite one executemany of both columns for the blocks
        that changed hands, one of the first serial alone for those only split (SQLite rewrites the index entries of
        every indexed column a statement sets, changed or not: 3.7 -> 1.7 µs per split block); each block is in one
        of them, so their order leaves the same rows. On PostgreSQL one statement per column (`set_by_key`), each only
        for the blocks whose column changed (a split alone, the first serial, stays a heap-only update: see
        `SerialBlockRow`)."""
        if not self._postgresql:
            rehomed = [(a, f, i) for i, a, f in changed if self._loaded[i][0] != a]
            split = [(f, i) for i, a, f in changed if self._loaded[i][0] == a]
            if rehomed:
                sqlite_run(self._in_transaction(), _SQLITE_REHOME, rehomed)
            if split:
                sqlite_run(self._in_transaction(), _SQLITE_SPLIT, split)
            return
        set_by_key(self.session, _BLOCK, "id", "account_id",
                   [(i, a) for i, a, _ in changed if self._loaded[i][0] != a])
        set_by_key(self.session, _BLOCK, "id", "first_serial",
                   [(i, f) for i, _, f in changed if self._loaded[i][1] != f])

    def _lowest(self, needed: dict[tuple[str, str, int, str], int]) -> dict[tuple[str, str, int, str], list[Block]]:
        """For each (account, unit type, vintage, lot) the lowest blocks that hold the units it sends — not all its
        blocks (an account that received many small deliveries holds many): on PostgreSQL each key's own lowest
        blocks in one statement (`_LOWEST_PER_KEY`); on SQLite each key's blocks read lowest first until they cover
        what it sends (`_LOWEST_OF_KEY`)."""
        held: dict[tuple[str, str, int, str], list[Block]] = {key: [] for key in needed}
        if not needed:
            return held
        if self._postgresql:
            keys = sorted(needed)
            return self._held(held, self._in_transaction().exec_driver_sql(_LOWEST_PER_KEY, {
                "accounts": [k[0] for k in keys], "units": [k[1] for k in keys], "vintages": [k[2] for k in keys],
                "lots": [k[3] for k in keys], "needs": [needed[k] for k in keys]}))
        # SQLite runs in this process: the driver's own cursor, in the session's transaction, one prepared statement
        # per key (SQLAlchemy's execution around each cost ten times SQLite's index lookup)
        cursor = self._in_transaction().connection.driver_connection.cursor()
        try:
            for key in sorted(needed):
                account_id, unit, vintage, lot = key
                blocks, need = held[key], needed[key]
                for block_id, issuer, first, last in cursor.execute(_LOWEST_OF_KEY, key):
                    blocks.append(Block(unit, vintage, lot, issuer, first, last, block_id))
                    self._loaded[block_id] = (account_id, first)
                    need -= last - first + 1
                    if need <= 0:  # they cover what it sends: the rest are never fetched
                        break
            return held
        finally:
            cursor.close()

    def _held(self, held: dict[tuple[str, str, int, str], list[Block]], rows: Iterable[Any]
              ) -> dict[tuple[str, str, int, str], list[Block]]:
        for block_id, account_id, unit, vintage, lot, issuer, first, last in rows:  # `_LOWEST_PER_KEY`'s columns
            key = (account_id, unit, vintage, lot)
            if key in held:
                held[key].append(Block(unit, vintage, lot, issuer, first, last, block_id))
                self._loaded[block_id] = (account_id, first)
        return held

    def _next(self, unit: str, vintage: int) -> int:
        found = self.session.execute(_NEXT_SERIAL, {"unit": unit, "of_vintage": vintage}).scalar_one_or_none()
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
        """The block holding the serial: blocks never overlap, so the first (by `ix_serial_block_last`) whose last
        serial is not below it, if it starts at or before it."""
        block = self.session.execute(select(SerialBlockRow).where(
            SerialBlockRow.unit_type == unit, SerialBlockRow.vintage == vintage, SerialBlockRow.last_serial >= serial)
            .order_by(SerialBlockRow.last_serial).limit(1)).scalars().first()
        return block if block is not None and block.first_serial <= serial else None

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
