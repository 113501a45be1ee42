"""`ets bench-registry`: registry transfers per second with the hash chain on, and the cost of verifying a chain
of 1,000,000 transactions, on SQLite or PostgreSQL (a measurement, not a test).

Transfers go through the registry's own use cases, in-process (no HTTP, no NATS): a holder's deposit
(`registry_transfers.request_transfer`, what `POST /registry/transfers` runs), one database transaction each,
`--threads` at once; and the exchange's trade deliveries (`on_delivery_instructed`) applied as the consumer applies
a pulled batch, `--batch` per transaction. Each takes the ledger lock and the holdings' rows, writes the chained
transaction and its line, the holdings and the `registry-transfer.registered` outbox row. The chain is then filled
up to `--verify` transactions (bulk inserts with their hashes) and `Ledger.verify` walks it whole, timed."""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone

from alembic import command
from sqlalchemy import create_engine, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import sessionmaker

from allocation.adapters.ledger import Ledger
from allocation.adapters.orm import ISSUANCE_ACCOUNT, RegistryTransactionRow, TransactionLineRow
from allocation.bootstrap import definition
from allocation.domain import Account, AccountKind, TransferPurpose, UnitLine, UnitType
from allocation.domain.ledger_chain import ChainedLine, transaction_hash
from allocation.service_layer import commands
from allocation.service_layer.registry_transfers import on_delivery_instructed, request_transfer
from allocation.service_layer.unit_of_work import AllocationUnitOfWork
from ets_shared.contracts.exchange import TradeDeliveryInstructed
from ets_shared.envelope import MessageContext, wrap
from ets_shared.persistence.engine import make_engine
from ets_shared.persistence.migrations import PLATFORM_MIGRATIONS, PLATFORM_VERSION_TABLE, alembic_config
from ets_shared.persistence.tables import PlatformTable

T0 = datetime(2026, 6, 1, 2, tzinfo=timezone.utc)
_TX, _LINE = RegistryTransactionRow.__table__, TransactionLineRow.__table__


def run(args: argparse.Namespace) -> int:
    url, drop = _database(args.database_url)
    engine = make_engine(url)
    try:
        _migrate(engine)
        factory = sessionmaker(engine, expire_on_commit=False)
        holders = [f"B-{i:05d}" for i in range(args.holders)]
        _open(factory, holders)
        rate = _transfers(factory, holders, args.transfers, args.threads)
        delivered = _deliveries(factory, holders, args.transfers, args.batch)
        fill, verify_seconds, count = _verify(factory, args.verify)
        print(f"backend           {engine.dialect.name} ({make_url(url).render_as_string(hide_password=True)})")
        print(f"transfers         {args.transfers:,} in {args.threads} thread(s): {rate:,.0f} transfers/s "
              "(hash chain on, one transaction each)")
        print(f"deliveries        {args.transfers:,} trade deliveries as the consumer applies them, {args.batch} per "
              f"transaction: {delivered:,.0f} transfers/s (hash chain on)")
        print(f"chain filled to   {count:,} transactions in {fill:.1f} s (bulk)")
        print(f"verify            {count:,} transactions in {verify_seconds:.1f} s "
              f"({count / verify_seconds:,.0f} transactions/s)")
        print(f"machine           {os.cpu_count()} CPU, Python {platform.python_version()}, "
              f"load {os.getloadavg()[0]:.1f}, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC")
        return 0
    finally:
        engine.dispose()
        drop()


def _database(server: str | None):
    if server is None:
        folder = tempfile.mkdtemp(prefix="ets-bench-registry-")
        return f"sqlite:///{folder}/allocation.sqlite", lambda: None
    name = f"ets_bench_registry_{uuid.uuid4().hex[:8]}"
    admin = create_engine(make_url(server.replace("postgresql://", "postgresql+psycopg://", 1)),
                          isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()
    return make_url(server).set(database=name).render_as_string(hide_password=False), drop


def _migrate(engine) -> None:
    d = definition()
    command.upgrade(alembic_config(PLATFORM_MIGRATIONS, metadata=PlatformTable.metadata,
                                   version_table=PLATFORM_VERSION_TABLE, engine=engine), "head")
    command.upgrade(alembic_config(d.migrations, metadata=d.metadata, version_table="alembic_version",
                                   engine=engine), "head")


def _uow(factory) -> AllocationUnitOfWork:
    return AllocationUnitOfWork(factory, producer="allocation", context=MessageContext.new("bench"))


def _open(factory, holders: list[str]) -> None:
    with _uow(factory) as uow:
        uow.registry.open_accounts([Account(h, AccountKind.ENTITY_HOLDING, h, T0) for h in holders])
        uow.registry.open_accounts([Account(f"{h}-T", AccountKind.EXCHANGE_TRADING, h, T0, linked_account_id=h)
                                    for h in holders])
        registry = uow.registry.load([ISSUANCE_ACCOUNT, *holders], holders)
        txs = [registry.issue(f"BENCH-ISS-{h}", ISSUANCE_ACCOUNT, h, [UnitLine(UnitType.SHEA, 2025, 10**9)], T0)
               for h in holders]
        uow.registry.record(registry, txs, reference="bench")
        uow.commit()
    with _uow(factory) as uow:  # each holder commits half to trading: the deliveries' stock
        registry = uow.registry.load([*holders, *(f"{h}-T" for h in holders)], holders)
        txs = [registry.transfer(f"BENCH-DEP-{h}", h, f"{h}-T", [UnitLine(UnitType.SHEA, 2025, 5 * 10**8)], T0,
                                 TransferPurpose.EXCHANGE_DEPOSIT) for h in holders]
        uow.registry.record(registry, txs, reference="bench")
        uow.commit()


def _transfers(factory, holders: list[str], total: int, threads: int) -> float:
    def work(part: range) -> None:
        for i in part:
            h = holders[i % len(holders)]
            cmd = commands.RequestTransfer(from_account_id=h, to_account_id=f"{h}-T",
                                           lines=[commands.TransferLine(unit_type="SHEA", vintage=2025, quantity=1)])
            request_transfer(cmd, h, None, _uow(factory))

    work(range(min(200, total)))  # warm up
    parts = [range(n, total, threads) for n in range(threads)]
    started = time.perf_counter()
    workers = [threading.Thread(target=work, args=(p,)) for p in parts]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return total / (time.perf_counter() - started)


def _deliveries(factory, holders: list[str], total: int, batch: int) -> float:
    """The exchange's trade deliveries (trading account to trading account), applied as the consumer applies a
    pulled batch: one transaction, each event through its handler and into the inbox."""
    n = len(holders)
    events = [wrap(TradeDeliveryInstructed(
        trade_id=f"TRD-{uuid.uuid4().hex}", seller_trading_account_id=f"{holders[i % n]}-T",
        buyer_trading_account_id=f"{holders[(i + 1) % n]}-T", vintage=2025, quantity=1, instructed_at=T0),
        producer="exchange", context=MessageContext.new("bench")) for i in range(total)]
    started = time.perf_counter()
    for start in range(0, total, batch):
        with _uow(factory) as uow:
            for envelope in events[start:start + batch]:
                uow.act_for(MessageContext.caused_by(envelope))
                on_delivery_instructed(envelope.data, uow)
                uow.mark_processed(envelope, TradeDeliveryInstructed.contract.subject)
            uow.commit()
    return total / (time.perf_counter() - started)


def _verify(factory, length: int) -> tuple[float, float, int]:
    started = time.perf_counter()
    with factory() as session:
        seq, prev = session.execute(select(_TX.c.seq, _TX.c.hash).order_by(_TX.c.seq.desc()).limit(1)).one()
        while seq < length:
            txs, lines = [], []
            for _ in range(min(10_000, length - seq)):
                seq += 1
                tx_id, at = f"BENCH-{seq}", T0 + timedelta(seconds=seq)
                line = ChainedLine("B-00000", "B-00000-T", "SHEA", 2025, 1)
                digest = transaction_hash(seq, tx_id, "transfer", "exchange_deposit", "bench", at, [line], prev)
                txs.append({"seq": seq, "transaction_id": tx_id, "kind": "transfer", "purpose": "exchange_deposit",
                            "reference": "bench", "registered_at": at, "prev_hash": prev, "hash": digest})
                lines.append({"transaction_id": tx_id, "line_no": 0, "from_account_id": "B-00000",
                              "to_account_id": "B-00000-T", "unit_type": "SHEA", "vintage": 2025, "quantity": 1})
                prev = digest
            session.execute(insert(_TX), txs)
            session.execute(insert(_LINE), lines)
            session.commit()
        fill = time.perf_counter() - started
        times = []
        for _ in range(1):
            started = time.perf_counter()
            check = Ledger(session).verify()
            times.append(time.perf_counter() - started)
        assert check.intact, check.problem
    return fill, statistics.median(times), check.transactions
