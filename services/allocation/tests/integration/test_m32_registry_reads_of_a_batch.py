"""M-32 the reads every registration of a consumed batch runs — its accounts, their holdings, the chain's head — on
SQLite straight on the driver (`registry_store._SqliteRead`), on PostgreSQL through the session: either way exactly
what the tables hold, read as the ORM reads them (aware instants, CCER origins with their dates, accounts without a
holder or a link), and a batch registered on them chains onto the head as `Ledger.verify` recomputes it."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from sqlalchemy import select

from allocation.adapters.ledger import Ledger
from allocation.adapters.orm import ISSUANCE_ACCOUNT, AccountRow, HoldingRow, RegistryTransactionRow
from allocation.domain import (
    Account, AccountKind, CcerOrigin, HoldingKey, TransferPurpose, UnitLine, UnitType,
)
from allocation.domain.ledger_chain import GENESIS

from .test_m32_serial_blocks_in_a_batch import migrated, uow  # noqa: F401 - the fixture: either database

OPENED = datetime(2026, 6, 1, 10, 30, 15, 123456, tzinfo=timezone(timedelta(hours=8)))
ORIGIN = CcerOrigin("P-7", date(2024, 3, 9), None)
BOUNDED = CcerOrigin("P-8", date(2023, 12, 31), "E-1")


def opened(factory) -> list[str]:
    """A holder's holding and trading accounts (opened at a non-UTC instant; the issuance account has no holder),
    SHEA of two vintages and CCER of two lots (one inside a covered entity's boundary)."""
    with uow(factory) as u:
        u.registry.open_accounts([Account("H", AccountKind.ENTITY_HOLDING, "E-1", OPENED),
                                  Account("H-T", AccountKind.EXCHANGE_TRADING, "E-1", OPENED, linked_account_id="H")])
        registry = u.registry.load([ISSUANCE_ACCOUNT, "H", "H-T"], ["H", "H-T"])
        txs = [registry.issue("ISS-1", ISSUANCE_ACCOUNT, "H", [UnitLine(UnitType.SHEA, 2025, 100),
                                                                 UnitLine(UnitType.SHEA, 2026, 7),
                                                                 UnitLine(UnitType.CCER, 2024, 30, ORIGIN),
                                                                 UnitLine(UnitType.CCER, 2023, 5, BOUNDED)], OPENED)]
        txs.append(registry.transfer("DEP-1", "H", "H-T", [UnitLine(UnitType.SHEA, 2025, 40)], OPENED,
                                     TransferPurpose.EXCHANGE_DEPOSIT))
        u.registry.record(registry, txs, "setup")
        u.commit()
    return [ISSUANCE_ACCOUNT, "H", "H-T"]


def test_m32_a_batch_reads_its_accounts_as_the_orm_does(migrated):  # noqa: F811 - the fixture
    factory = migrated("reads-accounts")
    ids = opened(factory)
    with factory() as session:
        expected = {r.account_id: Account(r.account_id, AccountKind(r.kind), r.holder_id, r.opened_at,
                                          r.linked_account_id)
                    for r in session.execute(select(AccountRow)).scalars()}
    with uow(factory) as u:
        found = u.registry.accounts([*ids, "NOBODY"])
    assert found == {i: expected[i] for i in ids}
    assert found["H"].opened_at == OPENED and found["H"].opened_at.utcoffset() == timedelta(0)
    assert found[ISSUANCE_ACCOUNT].holder_id is None and found["H-T"].linked_account_id == "H"


def test_m32_a_batch_reads_its_holdings_as_the_orm_does(migrated):  # noqa: F811 - the fixture
    factory = migrated("reads-holdings")
    ids = opened(factory)
    with factory() as session:
        rows = list(session.execute(select(HoldingRow)).scalars())
    held = {HoldingKey(r.account_id, UnitType(r.unit_type), r.vintage,
                       CcerOrigin(r.project_id, r.reduction_date, r.boundary_entity_id) if r.project_id else None):
            (r.quantity, r.id) for r in rows}
    assert {HoldingKey("H", UnitType.CCER, 2024, ORIGIN), HoldingKey("H", UnitType.CCER, 2023, BOUNDED)} <= set(held)
    for unit_type, vintage in [(None, None), (UnitType.SHEA, None), (UnitType.CCER, None), (UnitType.SHEA, 2025),
                               (None, 2023)]:
        with uow(factory) as u:
            registry = u.registry.load(ids, ids, unit_type=unit_type, vintage=vintage)
            scoped = {k: v for k, v in held.items()
                      if unit_type in (None, k.unit_type) and vintage in (None, k.vintage)}
            assert registry.holdings == {k: q for k, (q, _) in scoped.items()}
            assert u.registry._ids == {k: i for k, (_, i) in scoped.items()}


def test_m32_a_batch_chains_onto_the_head_it_reads(migrated):  # noqa: F811 - the fixture
    factory = migrated("reads-head")
    with uow(factory) as u:
        assert u.registry.chain_head() == (0, GENESIS)
    opened(factory)
    with factory() as session:
        last = session.execute(select(RegistryTransactionRow).order_by(RegistryTransactionRow.seq.desc())).scalar()
    with uow(factory) as u:
        assert u.registry.chain_head() == (last.seq, last.hash)
        registry = u.registry.load(["H-T", "H"], ["H-T", "H"], unit_type=UnitType.SHEA)
        txs = [registry.transfer(f"TRD-{n}", "H-T", "H", [UnitLine(UnitType.SHEA, 2025, 1)], OPENED,
                                 TransferPurpose.EXCHANGE_WITHDRAWAL) for n in range(3)]
        u.registry.record(registry, txs, [f"exchange_withdrawal:TRD-{n}" for n in range(3)])
        u.commit()
    with factory() as session:
        assert Ledger(session).verify().intact
