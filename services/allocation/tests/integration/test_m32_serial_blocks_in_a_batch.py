"""M-32 serial blocks moved by a batch of registrations, on SQLite and PostgreSQL, through the registry's store: a
block taken whole changes hands in its own row (the receiver holds that block now, and splits it when it sends part
of it later in the same batch), only the part split off a block is a new row, and the batch leaves every account
exactly the blocks, and the history exactly the movements, that one transaction after the other would."""
from __future__ import annotations

import itertools
from datetime import datetime, timedelta, timezone

import pytest
from alembic import command
from sqlalchemy import inspect, select
from sqlalchemy.orm import sessionmaker

from allocation.adapters.ledger import Ledger
from allocation.adapters.orm import (
    ISSUANCE_ACCOUNT, HoldingRow, RegistryTransactionRow, SerialBlockRow, SerialMovementRow,
)
from allocation.adapters.serials import SerialBlocks
from allocation.bootstrap import definition
from allocation.domain import Account, AccountKind, TransferPurpose, UnitLine, UnitType
from allocation.service_layer.unit_of_work import AllocationUnitOfWork
from ets_shared.envelope import MessageContext
from ets_shared.persistence.engine import make_engine
from ets_shared.persistence.migrations import PLATFORM_MIGRATIONS, PLATFORM_VERSION_TABLE, alembic_config
from ets_shared.persistence.tables import PlatformTable

T0 = datetime(2026, 6, 1, 2, tzinfo=timezone.utc)
HOLDERS = ("A", "B", "C", "D")
# A's whole block goes to B, who sends part of it on to C and the rest, whole, to D (who sends nothing); then C
# sends part of what it received back to A — each a trade delivery between trading accounts
DELIVERIES = [("A", "B", 10), ("B", "C", 4), ("B", "D", 6), ("C", "A", 1), ("B", "A", 2)]


@pytest.fixture
def migrated(database_url):
    engines = []

    def make(label: str):
        engine = make_engine(database_url(label))
        d = definition()
        command.upgrade(alembic_config(PLATFORM_MIGRATIONS, metadata=PlatformTable.metadata,
                                       version_table=PLATFORM_VERSION_TABLE, engine=engine), "head")
        command.upgrade(alembic_config(d.migrations, metadata=d.metadata, version_table="alembic_version",
                                       engine=engine), "head")
        engines.append(engine)
        return sessionmaker(engine, expire_on_commit=False)
    yield make
    for engine in engines:
        engine.dispose()


def uow(factory) -> AllocationUnitOfWork:
    return AllocationUnitOfWork(factory, producer="allocation", context=MessageContext.new("serials"))


def prepared(factory) -> None:
    """Each holder's trading account holds one block: A 1..10, B 11..15, C 16..20, D 21..25."""
    trading = [f"{h}-T" for h in HOLDERS]
    with uow(factory) as u:
        u.registry.open_accounts([Account(h, AccountKind.ENTITY_HOLDING, h, T0) for h in HOLDERS])
        u.registry.open_accounts([Account(f"{h}-T", AccountKind.EXCHANGE_TRADING, h, T0, linked_account_id=h)
                                  for h in HOLDERS])
        registry = u.registry.load([ISSUANCE_ACCOUNT, *HOLDERS, *trading], [*HOLDERS, *trading])
        txs = [registry.issue(f"ISS-{h}", ISSUANCE_ACCOUNT, h, [UnitLine(UnitType.SHEA, 2025, 5 + 5 * (h == "A"))],
                              T0) for h in HOLDERS]
        txs += [registry.transfer(f"DEP-{h}", h, f"{h}-T", [UnitLine(UnitType.SHEA, 2025, 5 + 5 * (h == "A"))],
                                  T0, TransferPurpose.EXCHANGE_DEPOSIT) for h in HOLDERS]
        u.registry.record(registry, txs, "setup")
        u.commit()


def deliver(factory, deliveries: list[tuple[str, str, int]], ids) -> None:
    with uow(factory) as u:
        trading = [f"{h}-T" for h in HOLDERS]
        registry = u.registry.load(trading, trading, unit_type=UnitType.SHEA)
        txs = [registry.transfer(f"TRD-{next(ids)}", f"{s}-T", f"{b}-T", [UnitLine(UnitType.SHEA, 2025, q)],
                                 T0 + timedelta(minutes=1), TransferPurpose.TRADE_DELIVERY) for s, b, q in deliveries]
        u.registry.record(registry, txs, [tx.transaction_id for tx in txs])
        u.commit()


def blocks(factory) -> list[tuple[int, str, int, int]]:
    with factory() as session:
        return [tuple(r) for r in session.execute(
            select(SerialBlockRow.id, SerialBlockRow.account_id, SerialBlockRow.first_serial,
                   SerialBlockRow.last_serial).order_by(SerialBlockRow.first_serial))]


def movements(factory) -> list[tuple]:
    with factory() as session:
        return [tuple(r) for r in session.execute(
            select(SerialMovementRow.transaction_id, SerialMovementRow.from_account_id,
                   SerialMovementRow.to_account_id, SerialMovementRow.first_serial, SerialMovementRow.last_serial)
            .order_by(SerialMovementRow.id))]


def test_m32_a_batch_moves_blocks_whole_in_their_rows_and_as_one_transaction_after_the_other(migrated):
    batched, one_by_one = migrated("batched"), migrated("one_by_one")
    for factory in (batched, one_by_one):
        prepared(factory)
    a_block = next(i for i, account, *_ in blocks(batched) if account == "A-T")
    deliver(batched, DELIVERIES, itertools.count())
    ids = itertools.count()
    for delivery in DELIVERIES:
        deliver(one_by_one, [delivery], ids)

    held = [(account, first, last) for _, account, first, last in blocks(batched)]
    assert held == [("A-T", 1, 1), ("C-T", 2, 4), ("D-T", 5, 10), ("A-T", 11, 12), ("B-T", 13, 15),
                    ("C-T", 16, 20), ("D-T", 21, 25)], held
    assert held == [(account, first, last) for _, account, first, last in blocks(one_by_one)]
    assert movements(batched) == movements(one_by_one)
    # A's block 1..10 went whole to B, who split it (1..4 to C) and sent the rest whole to D: it is D's now, in the
    # same row — never deleted, so the batch wrote no block twice and no serial is in two rows
    assert [(account, first, last) for i, account, first, last in blocks(batched) if i == a_block] == [
        ("D-T", 5, 10)]


# B receives A's serials in two pieces (1..3, then 4..5: two blocks), then sends 7 — both pieces and 11..12 of its own
PIECES = [("A", "B", 3), ("A", "B", 2), ("B", "C", 7)]


def test_m32_adjacent_pieces_moved_together_become_one_block_and_one_movement(migrated):
    batched, one_by_one = migrated("batched"), migrated("one_by_one")
    for factory in (batched, one_by_one):
        prepared(factory)
    deliver(batched, PIECES, itertools.count())
    ids = itertools.count()
    for delivery in PIECES:
        deliver(one_by_one, [delivery], ids)
        if delivery == ("A", "B", 2):
            b_pieces = {first: i for i, account, first, _ in blocks(one_by_one) if account == "B-T"}
    assert sorted(b_pieces) == [1, 4, 11]  # the two pieces B received were two blocks

    expected = [("A-T", 6, 10), ("C-T", 1, 5), ("C-T", 11, 12), ("B-T", 13, 15), ("C-T", 16, 20), ("D-T", 21, 25)]
    for factory in (batched, one_by_one):
        held = [(account, first, last) for _, account, first, last in blocks(factory)]
        assert sorted(held, key=lambda b: b[1]) == sorted(expected, key=lambda b: b[1]), held
        # one movement per contiguous range B sent: 1..5 (both pieces), 11..12 — the serials each piece carried
        assert [m for m in movements(factory) if m[0] == "TRD-2"] == [
            ("TRD-2", "B-T", "C-T", 1, 5), ("TRD-2", "B-T", "C-T", 11, 12)]
    assert movements(batched) == movements(one_by_one)
    # one by one: the joined block is the row of the highest piece (4..5, its last serial unchanged), the row of the
    # piece below it (1..3) is gone — no serial in two rows, none lost
    rows = {first: (i, account) for i, account, first, _ in blocks(one_by_one)}
    assert rows[1] == (b_pieces[4], "C-T") and b_pieces[1] not in {i for i, *_ in blocks(one_by_one)}
    with one_by_one() as session:
        history = SerialBlocks(session).history("SHEA", 2025, 2)
    assert [m.transaction_id for m, _ in history] == ["ISS-A", "DEP-A", "TRD-0", "TRD-2"]


def holdings(factory) -> dict[str, int]:
    with factory() as session:
        return {account: quantity for account, quantity in session.execute(
            select(HoldingRow.account_id, HoldingRow.quantity).where(HoldingRow.account_id.like("%-T")))}


def test_m32_a_batchs_holdings_are_what_its_serial_blocks_hold_and_what_one_by_one_leaves(migrated):
    batched, one_by_one = migrated("batched"), migrated("one_by_one")
    for factory, groups in ((batched, [DELIVERIES]), (one_by_one, [[d] for d in DELIVERIES])):
        prepared(factory)
        ids = itertools.count()
        for group in groups:
            deliver(factory, group, ids)
    held: dict[str, int] = {}
    for _, account, first, last in blocks(batched):
        held[account] = held.get(account, 0) + last - first + 1
    assert holdings(batched) == {"A-T": 3, "B-T": 3, "C-T": 8, "D-T": 11} == held
    assert holdings(one_by_one) == holdings(batched)


def test_m32_a_batch_registered_at_two_instants_chains_as_the_ledger_recomputes_it(migrated):
    factory = migrated("instants")
    prepared(factory)
    later = T0 + timedelta(minutes=1)
    east_8 = timezone(timedelta(hours=8))
    with uow(factory) as u:
        trading = [f"{h}-T" for h in HOLDERS]
        registry = u.registry.load(trading, trading, unit_type=UnitType.SHEA)
        # one instant in two zones (one hash of it), then another: each hashed with its own
        txs = [registry.transfer(f"TRD-{n}", s, b, [UnitLine(UnitType.SHEA, 2025, 1)], at,
                                 TransferPurpose.TRADE_DELIVERY)
               for n, (s, b, at) in enumerate([("A-T", "B-T", later), ("B-T", "C-T", later.astimezone(east_8)),
                                               ("C-T", "D-T", later + timedelta(seconds=1))])]
        u.registry.record(registry, txs, [tx.transaction_id for tx in txs])
        u.commit()
    with factory() as session:
        check = Ledger(session).verify()
        stored = [tuple(r) for r in session.execute(select(RegistryTransactionRow.seq, RegistryTransactionRow.hash)
                                                    .order_by(RegistryTransactionRow.seq))]
    assert check.intact and check.transactions == len(stored) == 2 * len(HOLDERS) + 3, check
    assert check.head_hash == stored[-1][1]


def test_m32_serial_movements_are_indexed_for_their_readers_only(migrated):
    """A serial's history reads movements by serial, an account's statement as of a date by the accounts they moved
    between; nothing by their transaction (each joins the transaction by its own unique id)."""
    factory = migrated("indexes")
    with factory() as session:
        indexes = {tuple(i["column_names"]) for i in inspect(session.get_bind()).get_indexes("serial_movement")}
    assert indexes == {("unit_type", "vintage", "first_serial"), ("from_account_id",), ("to_account_id",)}
