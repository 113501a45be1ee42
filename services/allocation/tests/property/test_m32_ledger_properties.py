"""M-32 ledger properties (hypothesis), on SQLite and PostgreSQL, through the registry's own store (the code every
use case registers with): for random sequences of issuance, transfers (holder transfers, deposits into a trading
account, the exchange's withdrawals and deliveries), surrender, cancellation, recall and succession — and transfers
from concurrent threads — balances never go negative, totals per unit type and vintage are conserved except by
issuance (which creates) and cancellation (which retires), the stored holdings equal what the chain of transactions
adds up to, every serial number is held by exactly one account (or rests cancelled) and each account's blocks add up
to its holding, the chain verifies, and changing any one stored row is detected at the transaction it belongs to."""
from __future__ import annotations

import itertools
import threading
from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest
from alembic import command
from hypothesis import HealthCheck, given, settings, strategies as st
from sqlalchemy import select, text, update
from sqlalchemy.orm import sessionmaker

from allocation.adapters.ledger import Ledger
from allocation.adapters.orm import (
    CANCELLATION_ACCOUNT, ISSUANCE_ACCOUNT, RECALL_ACCOUNT, HoldingRow, RegistryTransactionRow, SerialBlockRow,
    SerialCounterRow, TransactionLineRow,
)
from allocation.adapters.statements import Statements
from allocation.bootstrap import definition
from allocation.domain import Account, AccountKind, TransactionKind, TransactionLine, TransferPurpose, UnitLine
from allocation.domain import RegistryTransaction, UnitType
from allocation.service_layer.unit_of_work import AllocationUnitOfWork
from ets_shared.envelope import MessageContext
from ets_shared.errors import DomainError
from ets_shared.persistence.engine import make_engine
from ets_shared.persistence.migrations import PLATFORM_MIGRATIONS, PLATFORM_VERSION_TABLE, alembic_config
from ets_shared.persistence.tables import PlatformTable

T0 = datetime(2026, 6, 1, 2, tzinfo=timezone.utc)
VINTAGES = (2025, 2026)
SHEA = UnitType.SHEA
RETIRED = (CANCELLATION_ACCOUNT,)  # cancelled units leave circulation; recalled ones stay held by the authority


@pytest.fixture
def ledger_db(database_url):
    engine = make_engine(database_url("ledger_properties"))
    d = definition()
    command.upgrade(alembic_config(PLATFORM_MIGRATIONS, metadata=PlatformTable.metadata,
                                   version_table=PLATFORM_VERSION_TABLE, engine=engine), "head")
    command.upgrade(alembic_config(d.migrations, metadata=d.metadata, version_table="alembic_version",
                                   engine=engine), "head")
    yield engine
    engine.dispose()


class Book:
    """Drives the registry store as the use cases do, one database transaction per registration."""

    def __init__(self, engine, prefix: str) -> None:
        self.factory = sessionmaker(engine, expire_on_commit=False)
        self.prefix, self.clock, self.ids = prefix, itertools.count(), itertools.count()
        self.holders = [f"{prefix}H{i}" for i in range(3)]
        self.trading = {h: f"{h}-T" for h in self.holders}

    def uow(self) -> AllocationUnitOfWork:
        return AllocationUnitOfWork(self.factory, producer="allocation", context=MessageContext.new("property"))

    def open(self) -> None:
        with self.uow() as uow:
            uow.registry.open_accounts([Account(h, AccountKind.ENTITY_HOLDING, h, T0) for h in self.holders])
            uow.registry.open_accounts([Account(t, AccountKind.EXCHANGE_TRADING, h, T0, linked_account_id=h)
                                        for h, t in self.trading.items()])
            uow.commit()

    @property
    def accounts(self) -> list[str]:
        return self.holders + list(self.trading.values())

    def register(self, op: tuple) -> bool:
        return bool(self.register_batch([op]))

    def register_batch(self, ops: list[tuple]) -> list[tuple]:
        """Register `ops` in one database transaction, set-based as a consumed batch is (one load, one record of
        every transaction the registry accepted); returns the ops registered."""
        with self.uow() as uow:
            registry = uow.registry.load(self.accounts + [ISSUANCE_ACCOUNT, CANCELLATION_ACCOUNT, RECALL_ACCOUNT],
                                         self.accounts)
            done = [(op, tx) for op in ops if (tx := self._one(registry, op)) is not None]
            uow.registry.record(registry, [tx for _, tx in done], [op[0] for op, _ in done])
            uow.commit()
        return [op for op, _ in done]

    def _one(self, registry, op: tuple) -> RegistryTransaction | None:  # a branch per kind
        kind, a, b, vintage, quantity = op
        at = T0 + timedelta(minutes=next(self.clock))
        tx_id = f"{self.prefix}TX-{next(self.ids)}"
        line = [UnitLine(SHEA, vintage, quantity)]
        h, other = self.holders[a], self.holders[b]
        try:
            if kind == "issue":
                tx = registry.issue(tx_id, ISSUANCE_ACCOUNT, h, line, at)
            elif kind == "deposit":
                tx = registry.transfer(tx_id, h, self.trading[h], line, at, TransferPurpose.EXCHANGE_DEPOSIT)
            elif kind == "withdraw":
                tx = registry.transfer(tx_id, self.trading[h], h, line, at, TransferPurpose.EXCHANGE_WITHDRAWAL)
            elif kind == "deliver":
                tx = registry.transfer(tx_id, self.trading[h], self.trading[other], line, at,
                                       TransferPurpose.TRADE_DELIVERY)
            elif kind == "surrender":
                tx = registry.surrender(tx_id, h, CANCELLATION_ACCOUNT, line, at)
            elif kind == "cancel":
                tx = registry.cancel(tx_id, h, CANCELLATION_ACCOUNT, line, at)
            elif kind == "recall":
                tx = registry.recall(tx_id, h, RECALL_ACCOUNT, line, at)
            else:  # succession: everything h holds passes to `other` (M-10)
                lines = tuple(TransactionLine(k.account_id, other, k.unit_type, k.vintage, q, k.origin)
                              for k, q in registry.holdings.items() if k.account_id == h and q > 0)
                if not lines or h == other:
                    return None
                tx = registry.register(RegistryTransaction(tx_id, TransactionKind.SUCCESSION, lines, at))
        except DomainError:
            return None
        return tx

    def held(self) -> dict[tuple[str, int], int]:
        with self.factory() as session:
            rows = session.execute(select(HoldingRow.account_id, HoldingRow.vintage, HoldingRow.quantity)
                                   .where(HoldingRow.account_id.in_(self.accounts)))
            return {(acc, vintage): q for acc, vintage, q in rows if q}

    def statements(self) -> dict[tuple[str, int], int]:
        with self.factory() as session:
            return {(acc, v): q for acc in self.accounts
                    for _, v, q in Statements(session).holdings(acc, T0 + timedelta(days=365))}


KINDS = st.sampled_from(["issue", "issue", "deposit", "withdraw", "deliver", "surrender", "cancel", "recall",
                         "succession"])
OPS = st.lists(st.tuples(KINDS, st.integers(0, 2), st.integers(0, 2), st.sampled_from(VINTAGES),
                         st.integers(1, 500)), min_size=1, max_size=25)
examples = itertools.count()


def _model(ops_applied: list[tuple]) -> tuple[Counter, Counter]:
    """Issued and retired per vintage, from the transactions that were registered."""
    issued, retired = Counter(), Counter()
    for kind, _, _, vintage, quantity in ops_applied:
        if kind == "issue":
            issued[vintage] += quantity
        elif kind in ("surrender", "cancel"):
            retired[vintage] += quantity
    return issued, retired


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(ops=OPS, batch=st.integers(1, 10))
def test_m32_balances_never_negative_totals_conserved_chain_verifies(ledger_db, ops, batch):
    """`batch` operations per database transaction, registered set-based (1: one transaction each): an account
    may receive units and send them on within one batch, and the serials it sends are the lowest it then holds."""
    book = Book(ledger_db, f"P{next(examples)}-")
    book.open()
    applied = [op for n in range(0, len(ops), batch) for op in book.register_batch(ops[n:n + batch])]
    held = book.held()
    assert all(q > 0 for q in held.values())  # never negative (and empty holdings are not shown)
    issued, retired = _model(applied)
    with book.factory() as session:
        recalled = dict(session.execute(text(
            "SELECT l.vintage, SUM(l.quantity) FROM registry_transaction_line l JOIN registry_transaction t "
            "ON t.transaction_id = l.transaction_id WHERE t.kind = 'recall' AND t.transaction_id LIKE :p "
            "GROUP BY l.vintage"), {"p": f"{book.prefix}%"}).all())
    for vintage in VINTAGES:  # conserved: what was issued is held, recalled or retired — nothing else
        in_accounts = sum(q for (_, v), q in held.items() if v == vintage)
        assert issued[vintage] == in_accounts + int(recalled.get(vintage, 0)) + retired[vintage]
    assert book.statements() == held  # the stored holdings are what the chain adds up to
    with book.factory() as session:
        check = Ledger(session).verify()
        assert check.intact, check.problem
        _every_serial_held_once(session, book.accounts, held)


def _every_serial_held_once(session, accounts: list[str], held: dict[tuple[str, int], int]) -> None:
    """Per unit type and vintage the blocks of all accounts (the cancellation account's are the cancelled serials)
    are disjoint and cover exactly the serials ever issued; each account's blocks add up to its holding."""
    blocks = session.execute(select(SerialBlockRow.account_id, SerialBlockRow.unit_type, SerialBlockRow.vintage,
                                    SerialBlockRow.first_serial, SerialBlockRow.last_serial)).all()
    counters = dict(((u, v), n) for u, v, n in session.execute(
        select(SerialCounterRow.unit_type, SerialCounterRow.vintage, SerialCounterRow.next_serial)))
    for key, following in counters.items():
        ranges = sorted((a, b) for _, u, v, a, b in blocks if (u, v) == key)
        expected = 1
        for a, b in ranges:
            assert a == expected and b >= a, f"serials {expected}..{a - 1} lost or {a} held twice ({key})"
            expected = b + 1
        assert expected == following
    sizes = Counter()
    for acc, _, v, a, b in blocks:
        sizes[(acc, v)] += b - a + 1
    assert {k: q for k, q in sizes.items() if k[0] in accounts} == held


def test_m32_concurrent_transfers_keep_the_chain_and_the_totals(ledger_db):
    book = Book(ledger_db, "C-")
    book.open()
    for h in range(3):
        assert book.register(("issue", h, h, 2025, 1_000))
    errors: list[BaseException] = []

    def trade(seed: int) -> None:
        try:
            for n in range(20):
                a = (seed + n) % 3
                if n % 2:  # one transaction each, or both in one set-based batch: sent on as soon as received
                    book.register(("deposit", a, a, 2025, 7))
                    book.register(("deliver", a, (a + 1) % 3, 2025, 5))
                else:
                    assert len(book.register_batch([("deposit", a, a, 2025, 7), ("deliver", a, (a + 1) % 3, 2025, 5)
                                                    ])) == 2
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=trade, args=(seed,)) for seed in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    held = book.held()
    assert all(q > 0 for q in held.values()) and sum(held.values()) == 3_000
    with book.factory() as session:
        check = Ledger(session).verify()
    assert check.intact and check.transactions == 3 + 4 * 20 * 2
    with book.factory() as session:
        _every_serial_held_once(session, book.accounts, held)


_TX, _LINE = RegistryTransactionRow.__table__, TransactionLineRow.__table__  # type: ignore[attr-defined]
TAMPER = st.sampled_from([
    (_LINE, "quantity", lambda row: row.quantity + 1),
    (_LINE, "to_account_id", lambda row: row.from_account_id),
    (_LINE, "vintage", lambda row: row.vintage - 1),
    (_TX, "registered_at", lambda row: row.registered_at + timedelta(seconds=1)),
    (_TX, "reference", lambda row: "rewritten"),
    (_TX, "kind", lambda row: "cancel"),
])


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(change=TAMPER, which=st.integers(0, 10_000))
def test_m32_changing_any_stored_row_is_detected(ledger_db, change, which):
    book = Book(ledger_db, f"X{next(examples)}-")
    book.open()
    for _, op in enumerate([("issue", 0, 0, 2025, 100), ("issue", 1, 1, 2026, 50), ("deposit", 0, 0, 2025, 30),
                            ("deliver", 0, 1, 2025, 10), ("surrender", 1, 1, 2026, 5)]):
        assert book.register(op)
    table, column, changed = change
    with book.factory() as session:
        seqs = list(session.execute(select(_TX.c.seq, _TX.c.transaction_id)
                                    .where(_TX.c.transaction_id.like(f"{book.prefix}%")).order_by(_TX.c.seq)))
        seq, tx_id = seqs[which % len(seqs)]
        postgres = session.get_bind().dialect.name == "postgresql"
        for t in ("registry_transaction", "registry_transaction_line"):
            if postgres:
                session.execute(text(f"ALTER TABLE {t} DISABLE TRIGGER USER"))
            else:
                for action in ("update", "delete"):
                    session.execute(text(f"DROP TRIGGER IF EXISTS {t}_no_{action}"))
        where = [table.c.transaction_id == tx_id] + ([table.c.line_no == 0] if table is _LINE else [])
        row = session.execute(select(table).where(*where)).first()
        session.execute(update(table).where(*where).values({column: changed(row)}))
        session.commit()
        check = Ledger(session).verify()
        assert (check.intact, check.broken_at) == (False, seq)
        session.execute(update(table).where(*where).values({column: getattr(row, column)}))
        session.commit()
        assert Ledger(session).verify().intact
