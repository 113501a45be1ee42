"""Balances of cash (fen) and allowances (t per vintage), available and reserved, changed only by atomic UPDATEs.

A reservation succeeds only if the available balance covers it, in the same statement (`... WHERE available >= n`),
so two transactions can never spend the same funds or allowances: no overdraft, no short sale (M-23, M-26). Every
settled movement is also a line of the account's statement (`ledger_entry`).
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from itertools import chain
from typing import Any

from sqlalchemy import CursorResult, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from ets_shared.persistence.among import AmongKeys
from ets_shared.persistence.bulk import insert_rows
from ets_shared.persistence.driver_statement import DriverStatement
from ets_shared.persistence.engine import sqlite_run
from exchange.adapters.orm import AllowancePositionRow, CashBalanceRow, LedgerEntryRow

FEE_ACCOUNT = "EXCHANGE-FEES"
RISK_RESERVE_ACCOUNT = "EXCHANGE-RISK-RESERVE"

_cash = CashBalanceRow.__table__
_units = AllowancePositionRow.__table__
_entries = LedgerEntryRow.__table__
#: a statement line as `Ledger.entries` takes it: (account_id, kind, reference, cash_cents, vintage, quantity)
Line = tuple[str, str, str, int, int | None, int]
_LINE_COLUMNS = ("account_id", "kind", "reference", "cash_cents", "vintage", "quantity")
# `Ledger.entries` on SQLite: the lines by INSERTs of this many rows each (the rest by an executemany of one row).
# Fixed, so that their text is prepared once per connection (SQLite's statement cache): 64 of settlement's lines in
# one statement cost 0.6 us less per line than an executemany; 128 no less, and prepared dearer.
LINES_PER_INSERT = 64
# The pending net changes' guarded UPDATEs (`write_pending`), built once: building and keying them cost more than
# running them for a consumed batch's few dozen accounts.
_CASH_NET = (update(_cash).where(_cash.c.account_id == bindparam("b_id"),
                                 _cash.c.available_cents + bindparam("b_available") >= 0,
                                 _cash.c.reserved_cents + bindparam("b_reserved") >= 0)
             .values(available_cents=_cash.c.available_cents + bindparam("b_available"),
                     reserved_cents=_cash.c.reserved_cents + bindparam("b_reserved")))
_UNITS_NET = (update(_units).where(_units.c.account_id == bindparam("b_id"), _units.c.vintage == bindparam("b_v"),
                                   _units.c.available + bindparam("b_available") >= 0,
                                   _units.c.reserved + bindparam("b_reserved") >= 0)
              .values(available=_units.c.available + bindparam("b_available"),
                      reserved=_units.c.reserved + bindparam("b_reserved")))
# on SQLite straight on the driver: SQLAlchemy's parameters built per row cost more than the writing
_ON_SQLITE = {"cash": DriverStatement(lambda _: _CASH_NET), "units": DriverStatement(lambda _: _UNITS_NET)}

# The reads beside them (which balance rows exist; the accounts' holdings), built once too (one expanding parameter).
_CASH_KNOWN = select(_cash.c.account_id).where(_cash.c.account_id.in_(bindparam("ids", expanding=True)))
_UNITS_KNOWN = select(_units.c.account_id, _units.c.vintage).where(
    _units.c.account_id.in_(bindparam("ids", expanding=True)))
# The accounts' holdings: their ids as one parameter (`AmongKeys`).
_HOLDINGS = AmongKeys(lambda among: select(_units.c.account_id, func.sum(_units.c.available + _units.c.reserved))
                      .where(among(_units.c.account_id)).group_by(_units.c.account_id))


class Ledger:
    """Settlements (`later`) change balances at the end of their transaction, not where they are computed: a
    consumed batch of hundreds of settlements then holds the balance rows' locks only while it writes their net
    changes (one statement per table, accounts in order), not for the whole batch, so order entry
    (`order_entry_store`, which locks the rows of its accounts) does not wait behind it. Reads and conditional
    changes see the pending changes (they are written first)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._cash_later: dict[str, list[int]] = {}
        self._units_later: dict[tuple[str, int], list[int]] = {}

    # -- changes written at the end of the transaction ----------------------------------------------------------
    def cash_later(self, account_id: str, available: int = 0, reserved: int = 0) -> None:
        delta = self._cash_later.setdefault(account_id, [0, 0])
        delta[0] += available
        delta[1] += reserved

    def allowances_later(self, account_id: str, vintage: int, available: int = 0, reserved: int = 0) -> None:
        delta = self._units_later.setdefault((account_id, vintage), [0, 0])
        delta[0] += available
        delta[1] += reserved

    def write_pending(self) -> None:
        """Apply the pending changes: one executemany `UPDATE` per table, accounts in order (so two writers lock rows
        in the same order), each guarded so that no balance goes below zero (then the whole transaction fails). A
        row it did not find is opened then (the fee account's first fee, an account's first allowances of a
        vintage) and updated: looking for the rows before every UPDATE cost a statement per table at each consumed
        batch, for a row missing about once."""
        cash = sorted((k, d) for k, d in self._cash_later.items() if any(d))
        units = sorted((k, d) for k, d in self._units_later.items() if any(d))
        self._cash_later, self._units_later = {}, {}
        if cash:
            changes = [{"b_id": a, "b_available": d[0], "b_reserved": d[1]} for a, d in cash]
            matched = self._net("cash", changes)
            if matched != len(changes):
                known = set(self.session.execute(_CASH_KNOWN, {"ids": [a for a, _ in cash]}).scalars())
                if missing := [c for c in changes if c["b_id"] not in known]:
                    self.session.execute(insert(_cash), [{"account_id": c["b_id"], "available_cents": 0,
                                                          "reserved_cents": 0} for c in missing])
                    matched += self._net("cash", missing)
            if matched != len(changes):
                raise RuntimeError(f"cash of one of {[a for a, _ in cash]} would go negative")
        if units:
            changes = [{"b_id": a, "b_v": v, "b_available": d[0], "b_reserved": d[1]} for (a, v), d in units]
            matched = self._net("units", changes)
            if matched != len(changes):
                known_units = {(a, v) for a, v in self.session.execute(
                    _UNITS_KNOWN, {"ids": sorted({a for (a, _), _ in units})}).all()}
                if missing := [c for c in changes if (c["b_id"], c["b_v"]) not in known_units]:
                    self.session.execute(insert(_units), [{"account_id": c["b_id"], "vintage": c["b_v"],
                                                           "available": 0, "reserved": 0} for c in missing])
                    matched += self._net("units", missing)
            if matched != len(changes):
                raise RuntimeError(f"allowances of one of {[k for k, _ in units]} would go negative")

    def _net(self, balances: str, changes: list[dict[str, Any]]) -> int:
        """Run the guarded net-change `UPDATE` of `balances` ("cash", "units") for each of `changes`; the rows it
        matched — after flushing what the session holds pending, as its `execute` does; on SQLite one executemany on
        the driver (`DriverStatement`), elsewhere on the session's connection."""
        session = self.session
        if session.autoflush:
            session.flush()
        if session.get_bind().dialect.name != "sqlite":  # on the connection, after the same flush: the session's
            # `execute` added only its own layer, 20 µs of a batch's 135 for four accounts on PostgreSQL
            return _rowcount(session.connection().execute(_CASH_NET if balances == "cash" else _UNITS_NET, changes))
        return _ON_SQLITE[balances].run_many(session, changes)

    def forget_pending(self) -> None:
        self._cash_later, self._units_later = {}, {}

    # -- cash ----------------------------------------------------------------------------------------------------
    def open_cash(self, account_id: str) -> None:
        self.open_cash_balances([account_id])

    def open_cash_balances(self, account_ids: list[str]) -> None:
        """A zero cash balance for each account that has none yet (one query and one multi-row INSERT)."""
        found = set(self.session.execute(select(_cash.c.account_id).where(_cash.c.account_id.in_(account_ids)))
                    .scalars())
        insert_rows(self.session, _cash, [{"account_id": a, "available_cents": 0, "reserved_cents": 0}
                                          for a in account_ids if a not in found])

    def cash(self, account_id: str) -> tuple[int, int]:
        self.write_pending()
        row = self.session.execute(select(_cash.c.available_cents, _cash.c.reserved_cents)
                                   .where(_cash.c.account_id == account_id)).first()
        return (row[0], row[1]) if row else (0, 0)

    def reserve_cash(self, account_id: str, cents: int) -> bool:
        """Available -> reserved, only if available covers it (False, nothing changed, otherwise)."""
        if cents <= 0:
            return True
        self.write_pending()
        done = self.session.execute(update(_cash).where(_cash.c.account_id == account_id,
                                                        _cash.c.available_cents >= cents)
                                    .values(available_cents=_cash.c.available_cents - cents,
                                            reserved_cents=_cash.c.reserved_cents + cents))
        return _rowcount(done) == 1

    def change_cash(self, account_id: str, available: int = 0, reserved: int = 0) -> None:
        """Unconditional change (releases, settlements, bank-confirmed movements); the account row must exist."""
        if not (available or reserved):
            return
        if available < 0 or reserved < 0:  # never below zero, even through a programming error
            done = self.session.execute(update(_cash).where(_cash.c.account_id == account_id,
                                                            _cash.c.available_cents >= -min(available, 0),
                                                            _cash.c.reserved_cents >= -min(reserved, 0))
                                        .values(available_cents=_cash.c.available_cents + available,
                                                reserved_cents=_cash.c.reserved_cents + reserved))
            if _rowcount(done) != 1:
                raise RuntimeError(f"cash of {account_id} would go negative")
            return
        self.open_cash(account_id)
        self.session.execute(update(_cash).where(_cash.c.account_id == account_id)
                             .values(available_cents=_cash.c.available_cents + available,
                                     reserved_cents=_cash.c.reserved_cents + reserved))

    # -- allowances ----------------------------------------------------------------------------------------------
    def allowances(self, account_id: str, vintage: int) -> tuple[int, int]:
        self.write_pending()
        row = self.session.execute(select(_units.c.available, _units.c.reserved).where(
            _units.c.account_id == account_id, _units.c.vintage == vintage)).first()
        return (row[0], row[1]) if row else (0, 0)

    def holding(self, account_id: str) -> int:
        """Every allowance the account holds on the exchange, all vintages, available or reserved."""
        return self.holdings([account_id])[account_id]

    def holdings(self, account_ids: list[str]) -> dict[str, int]:
        """`holding` of each of these accounts (one query), the pending changes included."""
        totals = self.unwritten_holdings(account_ids)
        rows = _HOLDINGS.execute(self.session, sorted(totals))
        for account, held in rows:
            totals[account] += int(held or 0)
        return totals

    def unwritten_holdings(self, account_ids: list[str]) -> dict[str, int]:
        """What the pending changes add to each of these accounts' holding (not yet written: `write_pending`)."""
        totals = dict.fromkeys(account_ids, 0)
        for (account, _vintage), (available, reserved) in self._units_later.items():
            if account in totals:
                totals[account] += available + reserved
        return totals

    def reserve_allowances(self, account_id: str, vintage: int, quantity: int) -> bool:
        self.write_pending()
        done = self.session.execute(update(_units).where(_units.c.account_id == account_id,
                                                         _units.c.vintage == vintage, _units.c.available >= quantity)
                                    .values(available=_units.c.available - quantity,
                                            reserved=_units.c.reserved + quantity))
        return _rowcount(done) == 1

    def change_allowances(self, account_id: str, vintage: int, available: int = 0, reserved: int = 0) -> None:
        if not (available or reserved):
            return
        where = [_units.c.account_id == account_id, _units.c.vintage == vintage,
                 _units.c.available >= -min(available, 0), _units.c.reserved >= -min(reserved, 0)]
        done = self.session.execute(update(_units).where(*where).values(available=_units.c.available + available,
                                                                        reserved=_units.c.reserved + reserved))
        if _rowcount(done) == 1:
            return
        if available < 0 or reserved < 0:
            raise RuntimeError(f"allowances of {account_id} ({vintage}) would go negative")
        self.session.execute(insert(_units).values(account_id=account_id, vintage=vintage, available=available,
                                                   reserved=reserved))

    # -- statements ----------------------------------------------------------------------------------------------
    def entries(self, at: datetime, lines: Sequence[Line]) -> None:
        """Statement lines, all at `at`, in their order (their ids ascending in that order), each `Line`; not
        flushed before, as `insert_rows` (a Core statement on the session's connection). On SQLite straight on the
        driver by multi-row INSERTs (`LINES_PER_INSERT` each; `at` one parameter of each, converted once as
        SQLAlchemy binds it): settlement's four lines per trade as dicts through `insert_rows`' executemany cost
        about a fifth more (800 lines: 2.75 against 2.26 ms of SQLite). Elsewhere `insert_rows`."""
        if not lines:
            return
        session = self.session
        dialect = session.get_bind().dialect
        if dialect.name != "sqlite":
            insert_rows(session, _entries, [{"at": at, **dict(zip(_LINE_COLUMNS, line, strict=True))}
                                            for line in lines])
            return
        process = _entries.c.at.type.dialect_impl(dialect).bind_processor(dialect)
        when = process(at) if process else at
        connection = session.connection()
        whole = len(lines) - len(lines) % LINES_PER_INSERT
        if whole:
            statement = _lines_insert(LINES_PER_INSERT)
            for start in range(0, whole, LINES_PER_INSERT):
                sqlite_run(connection, statement, (when, *chain.from_iterable(lines[start:start + LINES_PER_INSERT])))
        if whole < len(lines):
            sqlite_run(connection, _lines_insert(1), [(when, *line) for line in lines[whole:]])

    def entry(self, account_id: str, at: datetime, kind: str, reference: str, *, cash: int = 0,
              vintage: int | None = None, quantity: int = 0) -> None:
        self.session.execute(insert(LedgerEntryRow.__table__).values(
            account_id=account_id, at=at, kind=kind, reference=reference, cash_cents=cash, vintage=vintage,
            quantity=quantity))

    def has_entry(self, kind: str, reference: str) -> bool:
        table = LedgerEntryRow.__table__
        return self.session.execute(select(table.c.id).where(table.c.kind == kind, table.c.reference == reference)
                                    .limit(1)).first() is not None


@lru_cache(maxsize=2)
def _lines_insert(rows: int) -> str:
    """`INSERT INTO ledger_entry` of `rows` lines: `at` the first parameter, shared, then each line's columns."""
    values = ",".join("(?1," + ",".join(f"?{2 + len(_LINE_COLUMNS) * row + n}" for n in range(len(_LINE_COLUMNS)))
                      + ")" for row in range(rows))
    return f"INSERT INTO {_entries.name} (at, {', '.join(_LINE_COLUMNS)}) VALUES {values}"


def _rowcount(done: object) -> int:
    """The rows an UPDATE matched. `Session.execute` is typed to return a plain `Result`; what an UPDATE returns is
    a `CursorResult`, which counts them — anything else is a defect, raised rather than read as no row."""
    if not isinstance(done, CursorResult):
        raise TypeError(f"an UPDATE returned a {type(done).__name__}, not a CursorResult")
    return done.rowcount
