"""The registry in and out of its tables: a `Registry` loaded with only the accounts and holdings a command touches,
and the transactions it registered written back with the holdings they changed (M-32)."""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, func, or_, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from allocation.adapters import committed_accounts
from allocation.adapters.orm import AccountRow, HoldingRow, RegistryTransactionRow, TransactionLineRow
from allocation.adapters.serials import SerialBlocks
from allocation.domain import (
    Account, AccountKind, CcerOrigin, HoldingKey, Registry, RegistryTransaction, TransactionKind, TransactionLine,
    TransferPurpose, UnitType,
)
from allocation.domain.ledger_chain import GENESIS, LineContent, chain_instant, instant_hash
from ets_shared.persistence.among import AmongKeys
from ets_shared.persistence.bulk import insert_rows, keys_present, set_by_key
from ets_shared.persistence.driver_statement import DriverStatement

CHUNK = 5000
LEDGER_LOCK = int.from_bytes(hashlib.sha256(b"ets-allocation-ledger").digest()[:8], "big", signed=True)
_ACCOUNT = AccountRow.__table__  # column rows: no ORM objects for 10,000 reads
#: what an `Account` is made of, in its order (`_account`)
_ACCOUNT_COLUMNS = (_ACCOUNT.c.account_id, _ACCOUNT.c.kind, _ACCOUNT.c.holder_id, _ACCOUNT.c.opened_at,
                    _ACCOUNT.c.linked_account_id)
_HOLDING = HoldingRow.__table__
# writes go to the tables (Core), not through the ORM's bulk path, which costs several times more per statement
_TRANSACTION = RegistryTransactionRow.__table__
_LINE = TransactionLineRow.__table__
# the statements a registration runs on every batch, built once (building one costs more than SQLite running it),
# the ids as one parameter (`AmongKeys`: an array on PostgreSQL, a JSON array on SQLite), so the statement's text is
# the same whatever the batch: compiled once, on PostgreSQL prepared by psycopg and planned once by the server; an
# expanding IN was a new text per count of ids, rendered anew at each execution on SQLite, a parameter per id
_ACCOUNTS_AMONG = AmongKeys(lambda among: select(*_ACCOUNT_COLUMNS).where(among(_ACCOUNT.c.account_id)))
#: what a loaded holding is made of, in its order (`load`)
_HOLDING_COLUMNS = (_HOLDING.c.id, _HOLDING.c.account_id, _HOLDING.c.unit_type, _HOLDING.c.vintage,
                    _HOLDING.c.project_id, _HOLDING.c.reduction_date, _HOLDING.c.boundary_entity_id,
                    _HOLDING.c.quantity)
#: locked for update, built once per dialect and filter (unit type, vintage): a statement built per load cost
#: SQLAlchemy its copy and its cache key (~70 µs; a filter added to it, as much again)
def _holdings_of(by_unit: bool, by_vintage: bool) -> AmongKeys[Select[Any]]:
    def build(among: Callable[[Any], ColumnElement[bool]]) -> Select[Any]:
        return select(*_HOLDING_COLUMNS).where(among(_HOLDING.c.account_id),
                                      *([_HOLDING.c.unit_type == bindparam("unit")] if by_unit else []),
                                      *([_HOLDING.c.vintage == bindparam("vintage")] if by_vintage else [])
                                      ).with_for_update()
    return AmongKeys(build)


_HOLDINGS_OF = {(by_unit, by_vintage): _holdings_of(by_unit, by_vintage)
                for by_unit in (False, True) for by_vintage in (False, True)}

#: a batch's holdings as it left them (integers only: nothing to bind-process), on SQLite (`record`)
_HEAD = select(_TRANSACTION.c.seq, _TRANSACTION.c.hash).order_by(_TRANSACTION.c.seq.desc()).limit(1)


# the reads every registration runs (a batch's accounts, their holdings — `AmongKeys.rows` — and the chain's head) on
# SQLite straight on the driver: the session's `execute` around them cost about as much again as SQLite's own read,
# three times per consumed batch whatever its size (20 accounts: 210 + 175 + 31 us through the session, 107 + 69 + 8
# straight)
_SQLITE_HEAD = DriverStatement(lambda _: _HEAD)


def chunks(values: Sequence[str], size: int = CHUNK) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


def by_year_in_chunks(keys: Iterable[tuple[str, int]], size: int = 500) -> Iterator[tuple[int, list[str]]]:
    """(year, up to `size` entity ids, sorted) for (entity id, year) keys: one query's worth each."""
    by_year: dict[int, list[str]] = {}
    for entity_id, year in sorted(set(keys)):
        by_year.setdefault(year, []).append(entity_id)
    for year, entity_ids in by_year.items():
        for start in range(0, len(entity_ids), size):
            yield year, entity_ids[start:start + size]


def lot_of(origin: CcerOrigin | None) -> str:
    if origin is None:
        return ""
    return f"{origin.project_id}|{origin.reduction_date.isoformat()}|{origin.boundary_entity_id or ''}"


def _account(row: Any) -> Account:  # in `_ACCOUNT_COLUMNS`
    account_id, kind, holder_id, opened_at, linked_account_id = row
    return Account(account_id, AccountKind(kind), holder_id, opened_at, linked_account_id)


def _line_row(transaction_id: str, line_no: int, ln: TransactionLine) -> tuple[dict[str, Any], LineContent]:
    """A line's row and what the chain hashes of it: `ledger_chain.line_content` of the line as a `ChainedLine`,
    made from the line itself — not a `ChainedLine` read back out of the row's dict (a frozen dataclass made per
    line only to be taken apart again)."""
    origin = ln.origin
    project, reduced, boundary = ((origin.project_id, origin.reduction_date, origin.boundary_entity_id)
                                  if origin is not None else (None, None, None))
    unit = ln.unit_type.value
    return ({"transaction_id": transaction_id, "line_no": line_no, "from_account_id": ln.from_account_id,
             "to_account_id": ln.to_account_id, "unit_type": unit, "vintage": ln.vintage, "quantity": ln.quantity,
             "project_id": project, "reduction_date": reduced, "boundary_entity_id": boundary},
            [ln.from_account_id, ln.to_account_id, unit, ln.vintage, ln.quantity, project,
             reduced.isoformat() if reduced else None, boundary])


def _origin(row: Any) -> CcerOrigin | None:
    if row.project_id is None:
        return None
    return CcerOrigin(row.project_id, row.reduction_date, row.boundary_entity_id)


def _origin_columns(origin: CcerOrigin | None) -> dict[str, Any]:
    return {"project_id": origin.project_id if origin else None,
            "reduction_date": origin.reduction_date if origin else None,
            "boundary_entity_id": origin.boundary_entity_id if origin else None}


def pending_accounts(session: Session) -> dict[str, Account]:
    """The accounts opened in `session`'s transaction and not yet written (`RegistryStore.open_accounts`)."""
    pending: dict[str, Account] = session.info.setdefault("allocation.accounts_pending", {})
    return pending


def write_pending_accounts(session: Session) -> None:
    """Write the accounts opened `at_commit` in `session`'s transaction, in one INSERT."""
    pending = pending_accounts(session)
    if pending:
        accounts = list(pending.values())
        pending.clear()
        _insert_accounts(session, accounts)


def _insert_accounts(session: Session, accounts: Sequence[Account]) -> None:
    if accounts:
        committed_accounts.opened(session)
        insert_rows(session, AccountRow, [
            {"account_id": a.account_id, "kind": a.kind.value, "holder_id": a.holder_id, "opened_at": a.opened_at,
             "linked_account_id": a.linked_account_id} for a in accounts])


class RegistryStore:
    def __init__(self, session: Session) -> None:
        self.session = session
        #: the session's database, asked once (the reads of a batch asked its bind at each statement)
        self._postgresql = session.get_bind().dialect.name == "postgresql"
        self._ids: dict[HoldingKey, int] = {}  # loaded holdings -> row id
        self._scopes: list[tuple[frozenset[str], UnitType | None, int | None]] = []
        self._head: tuple[int, str] | None = None
        self._locked = False
        #: accounts read ahead (None: there is none), kept by the transaction's session (the store starts afresh for
        #: each event of a consumed batch); an account opened afterwards is forgotten here, and read again
        self._accounts_ahead: dict[str, Account | None] = session.info.setdefault("allocation.accounts_ahead", {})
        #: opened by `open_accounts(..., at_commit=True)`, not yet written: `account` finds them, every other read of
        #: the registry here (and of the trading accounts) writes them first, the unit of work's commit at the latest
        self._pending: dict[str, Account] = pending_accounts(session)

    def read_accounts_ahead(self, account_ids: Iterable[str]) -> None:
        """Read these accounts in one query per 500, so that `account` of them queries nothing (a consumed batch)."""
        self.write_pending()
        for ids in chunks(sorted(set(account_ids))):
            self._accounts_ahead.update((i, None) for i in ids)
            for row in self.session.execute(select(*_ACCOUNT_COLUMNS).where(_ACCOUNT.c.account_id.in_(ids))):
                self._accounts_ahead[row.account_id] = _account(row)

    def open_accounts(self, accounts: Sequence[Account], *, at_commit: bool = False) -> None:
        """Open accounts (bulk insert: a batch of 10,000 registrations opens 10,000 accounts). `at_commit`: written
        with the others so opened by `write_pending` (a consumed batch's openings, one multi-row INSERT instead of
        one per event); `account` finds them at once, and every other read here writes them first."""
        if at_commit:
            for a in accounts:
                self._pending[a.account_id] = self._accounts_ahead[a.account_id] = a
            return
        for a in accounts:
            self._accounts_ahead.pop(a.account_id, None)
        _insert_accounts(self.session, accounts)

    def write_pending(self) -> None:
        """Write the accounts opened `at_commit` (the unit of work's commit, or any read of the registry, first)."""
        write_pending_accounts(self.session)

    def account(self, account_id: str) -> Account | None:
        if account_id in self._accounts_ahead:
            return self._accounts_ahead[account_id]
        row = self.session.execute(select(*_ACCOUNT_COLUMNS).where(_ACCOUNT.c.account_id == account_id)).first()
        return _account(row) if row else None

    def load(self, account_ids: Iterable[str], holdings_of: Iterable[str] = (), *,
             unit_type: UnitType | None = None, vintage: int | None = None,
             accounts: dict[str, Account] | None = None) -> Registry:
        """A registry holding the named accounts, and the holdings (locked for update) of `holdings_of`, optionally
        only those of one unit type / vintage: the candidate rows of one command, never the whole registry.
        `accounts`: the named ones as this transaction read them already (`accounts`), not read again."""
        self._lock_ledger()  # before any row lock: every registry writer takes the ledger first, so none deadlock
        registry = Registry(accounts=self.accounts(account_ids) if accounts is None else accounts)
        holders = sorted(set(holdings_of))
        self._scopes.append((frozenset(holders), unit_type, vintage))
        scope = (unit_type is not None, vintage is not None)
        filters = {"unit": unit_type.value if unit_type is not None else None, "vintage": vintage}
        for ids in chunks(holders):
            for row_id, account_id, unit, of_vintage, project, reduced, boundary, quantity in (
                    self._among(_HOLDINGS_OF[scope], ids, **filters)):
                origin = CcerOrigin(project, reduced, boundary) if project is not None else None
                key = HoldingKey(account_id, UnitType(unit), of_vintage, origin)
                registry.holdings[key] = quantity
                self._ids[key] = row_id
        return registry

    def accounts(self, account_ids: Iterable[str]) -> dict[str, Account]:
        """The named accounts that exist (one query per 5,000 of those not kept as committed already:
        `committed_accounts`), e.g. to find the holding accounts a batch of trading accounts is linked to before
        loading them all."""
        self.write_pending()
        found: dict[str, Account] = {}
        kept, unknown = committed_accounts.kept(self.session), []
        for account_id in sorted(set(account_ids)):
            if (account := kept.get(account_id)) is not None:
                found[account_id] = account
            else:
                unknown.append(account_id)
        read = []
        for ids in chunks(unknown):
            read += [_account(row) for row in self._among(_ACCOUNTS_AMONG, ids)]
        committed_accounts.keep(self.session, read)
        found.update((account.account_id, account) for account in read)
        return found

    def _among(self, among: AmongKeys[Select[Any]], ids: Sequence[str], **params: Any) -> Sequence[Any]:
        """The rows of `among` for these ids: on SQLite its driver read (`AmongKeys.rows`), elsewhere through the
        session (whose `execute` flushes what it holds pending first)."""
        if not self._postgresql:
            return among.rows(self.session, ids, on_driver=True, **params)
        statement, _ = among.statement(self.session)
        return self.session.execute(statement, {"keys_": list(ids), **params}).all()

    def record(self, registry: Registry, transactions: Sequence[RegistryTransaction],
               reference: str | Sequence[str]) -> None:
        """Write the transactions registered on `registry` (once per load) and the holdings they changed, set-based:
        the chain computed in memory from the head, one multi-row INSERT per table and one executemany UPDATE of the
        holdings, however many transactions. `reference`: one for all, or one per transaction. A holding outside
        what was loaded (e.g. the cancellation account, only ever credited) is credited in SQL."""
        self.write_pending()
        touched: dict[HoldingKey, None] = {}
        tx_rows, line_rows = [], []
        references = [reference] * len(transactions) if isinstance(reference, str) else list(reference)
        if len(references) != len(transactions):
            raise ValueError("one reference per transaction")
        seq, prev = self.chain_head(lock=True) if transactions else (0, GENESIS)
        instants: dict[datetime, str] = {}  # a batch's transactions share their instant: formatted once for the chain
        for tx, reference in zip(transactions, references, strict=True):
            contents = []
            for n, ln in enumerate(tx.lines):
                row, content = _line_row(tx.transaction_id, n, ln)
                line_rows.append(row)
                contents.append(content)
                if tx.kind is not TransactionKind.ISSUE:  # issuance creates units: nothing is debited
                    touched[HoldingKey(ln.from_account_id, ln.unit_type, ln.vintage, ln.origin)] = None
                touched[HoldingKey(ln.to_account_id, ln.unit_type, ln.vintage, ln.origin)] = None
            seq += 1
            purpose = tx.purpose.value if tx.purpose else None
            if (instant := instants.get(tx.registered_at)) is None:
                instant = instants[tx.registered_at] = chain_instant(tx.registered_at)
            digest = instant_hash(seq, tx.transaction_id, tx.kind.value, purpose, reference, instant, contents, prev)
            tx_rows.append({"seq": seq, "transaction_id": tx.transaction_id, "kind": tx.kind.value,
                            "registered_at": tx.registered_at, "reference": reference, "purpose": purpose,
                            "prev_hash": prev, "hash": digest})
            prev = digest
        if tx_rows:  # bulk inserts, in registration order (`seq`), chained (M-32)
            insert_rows(self.session, _TRANSACTION, tx_rows)
            insert_rows(self.session, _LINE, line_rows)
            self._head = (seq, prev)
            SerialBlocks(self.session).move(transactions, lot_of)
        new_holdings, changed = [], []
        for key in touched:
            if key in self._ids:
                changed.append((self._ids[key], registry.holding(key)))
            elif self._covered(key):
                new_holdings.append({"account_id": key.account_id, "unit_type": key.unit_type.value,
                                     "vintage": key.vintage, "lot": lot_of(key.origin),
                                     "quantity": registry.holding(key), **_origin_columns(key.origin)})
            else:
                self._credit(key, registry.holding(key))
        insert_rows(self.session, _HOLDING, new_holdings)
        set_by_key(self.session, _HOLDING, "id", "quantity", changed)  # on SQLite the driver's executemany

    def chain_head(self, *, lock: bool = False) -> tuple[int, str]:
        """The last registered transaction's (seq, hash). With `lock`, this transaction becomes the ledger's only
        writer until it ends (PostgreSQL: an advisory lock; SQLite admits one writer anyway), so two registrations
        never chain onto the same head."""
        if lock and not self._locked:
            self._lock_ledger()
        if self._head is None:
            found = (self.session.execute(_HEAD).all() if self._postgresql
                     else _SQLITE_HEAD.rows(self.session))
            self._head = (found[0][0], found[0][1]) if found else (0, GENESIS)
        return self._head

    def _lock_ledger(self) -> None:
        if not self._locked:
            if self._postgresql:
                self.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LEDGER_LOCK})
            self._locked, self._head = True, None

    def _covered(self, key: HoldingKey) -> bool:
        return any(key.account_id in accounts and unit_type in (None, key.unit_type) and vintage in (None, key.vintage)
                   for accounts, unit_type, vintage in self._scopes)

    def _credit(self, key: HoldingKey, quantity: int) -> None:
        values = {"account_id": key.account_id, "unit_type": key.unit_type.value, "vintage": key.vintage,
                  "lot": lot_of(key.origin), "quantity": quantity, **_origin_columns(key.origin)}
        self.session.execute(_credit_statement(self.session.get_bind().dialect.name), values)

    # -- reads ------------------------------------------------------------------------------------------------
    def registered_among(self, transaction_ids: Iterable[str]) -> dict[str, RegistryTransaction]:
        """Which of these ids are registered already, with their lines: a consumed batch of instructions checks its
        ids once, in one query per 5,000 (`keys_present`: on SQLite one statement text whatever their number), and
        reads the transactions and lines only of those found (a redelivery's; new instructions are none)."""
        found: dict[str, RegistryTransaction] = {}
        for ids in chunks(sorted(set(transaction_ids))):
            present = sorted(keys_present(self.session, _TRANSACTION, "transaction_id", ids))
            if not present:
                continue
            txs = {r.transaction_id: r for r in self.session.execute(
                select(_TRANSACTION).where(_TRANSACTION.c.transaction_id.in_(present)))}
            lines: dict[str, list[TransactionLine]] = {i: [] for i in txs}
            for r in self.session.execute(select(_LINE).where(_LINE.c.transaction_id.in_(list(txs)))
                                          .order_by(_LINE.c.transaction_id, _LINE.c.line_no)):
                lines[r.transaction_id].append(TransactionLine(r.from_account_id, r.to_account_id,
                                                               UnitType(r.unit_type), r.vintage, r.quantity,
                                                               _origin(r)))
            for i, tx in txs.items():
                found[i] = RegistryTransaction(i, TransactionKind(tx.kind), tuple(lines[i]), tx.registered_at,
                                               TransferPurpose(tx.purpose) if tx.purpose else None)
        return found

    def registered(self, transaction_id: str) -> RegistryTransaction | None:
        """A registered transaction with its lines, or None."""
        return self.registered_among([transaction_id]).get(transaction_id)

    def holdings(self, account_id: str) -> list[tuple[str, int, int]]:
        """(unit type, vintage, quantity) of an account, summed over CCER lots, without empty holdings."""
        self.write_pending()
        query = (select(HoldingRow.unit_type, HoldingRow.vintage, func.sum(HoldingRow.quantity))
                 .where(HoldingRow.account_id == account_id, HoldingRow.quantity > 0)
                 .group_by(HoldingRow.unit_type, HoldingRow.vintage)
                 .order_by(HoldingRow.unit_type.desc(), HoldingRow.vintage))
        return [(u, v, int(q)) for u, v, q in self.session.execute(query)]

    def lots(self, account_id: str) -> list[HoldingRow]:
        self.write_pending()
        query = (select(HoldingRow).where(HoldingRow.account_id == account_id, HoldingRow.quantity > 0)
                 .order_by(HoldingRow.unit_type.desc(), HoldingRow.vintage, HoldingRow.lot))
        return list(self.session.execute(query).scalars())

    def transactions(self, account_id: str, offset: int, limit: int
                     ) -> list[tuple[RegistryTransactionRow, list[TransactionLineRow]]]:
        self.write_pending()
        involved = select(TransactionLineRow.transaction_id).where(or_(
            TransactionLineRow.from_account_id == account_id, TransactionLineRow.to_account_id == account_id))
        query = (select(RegistryTransactionRow).where(RegistryTransactionRow.transaction_id.in_(involved))
                 .order_by(RegistryTransactionRow.seq)
                 .offset(offset).limit(limit))
        txs = list(self.session.execute(query).scalars())
        lines: dict[str, list[TransactionLineRow]] = {tx.transaction_id: [] for tx in txs}
        if txs:
            of_lines = (select(TransactionLineRow).where(TransactionLineRow.transaction_id.in_(list(lines)))
                        .order_by(TransactionLineRow.transaction_id, TransactionLineRow.line_no))
            for row in self.session.execute(of_lines).scalars():
                lines[row.transaction_id].append(row)
        return [(tx, lines[tx.transaction_id]) for tx in txs]


_CREDIT: dict[str, Any] = {}


def _credit_statement(dialect: str) -> Any:
    """INSERT … ON CONFLICT DO UPDATE adding to the holding, built once per dialect (its construction costs more
    than its execution)."""
    if dialect not in _CREDIT:
        insert_ = postgresql.insert if dialect == "postgresql" else sqlite.insert
        stmt = insert_(_HOLDING)
        _CREDIT[dialect] = stmt.on_conflict_do_update(
            index_elements=["account_id", "unit_type", "vintage", "lot"],
            set_={"quantity": _HOLDING.c.quantity + stmt.excluded.quantity})
    return _CREDIT[dialect]
