"""`ets bench-registry`: registry transfers per second with the hash chain on, and the cost of verifying a chain
of 1,000,000 transactions, on SQLite or PostgreSQL (a measurement, not a test).

Transfers go through the registry's own use cases, in-process (no HTTP, no NATS): holders' deposits in bulk requests
(`registry_transfers.request_transfers`, what `POST /registry/transfers/batch` runs, `--bulk` per request), the
exchange's trade deliveries through the consumer's own `apply_batch` (`--batch` per pulled batch), and holders'
single transfers (`POST /registry/transfers`) from `--callers` concurrent callers through the registry's group commit
(`registry_transfers.transfer_group_commit`), all set-based — one read of the batch's ids, accounts, holdings and
serial blocks, the chain computed in memory, one INSERT per table — and, for comparison, a lone caller's single
transfers one after the other (a transaction each). Each writes the chained transactions and their lines, the
holdings, the serial blocks and the `registry-transfer.registered` outbox rows. The chain is then filled up to
`--verify` transactions (bulk inserts with their hashes) and `Ledger.verify` walks it whole, timed."""
from __future__ import annotations

import argparse
import asyncio
import os
import platform
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from alembic import command
from sqlalchemy import create_engine, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import NullPool

from allocation.adapters.ledger import Ledger
from allocation.adapters.orm import ISSUANCE_ACCOUNT, RegistryTransactionRow, TransactionLineRow
from allocation.bootstrap import definition
from allocation.domain import Account, AccountKind, TransferPurpose, UnitLine, UnitType
from allocation.domain.ledger_chain import ChainedLine, transaction_hash
from allocation.service_layer import commands
from allocation.service_layer.exchange_instructions import on_delivery_instructed
from allocation.service_layer.registry_transfers import TransferRequest, request_transfers, transfer_group_commit
from allocation.service_layer.unit_of_work import AllocationUnitOfWork
from ets_shared.contracts.exchange import TradeDeliveryInstructed
from ets_shared.envelope import MessageContext, wrap
from ets_shared.messaging.consumers import Delivery, Route, apply_batch
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
        _Clock.backends = staticmethod(_backends(engine))
        holders = [f"B-{i:05d}" for i in range(args.holders)]
        _open(factory, holders)
        print(f"backend           {engine.dialect.name} ({make_url(url).render_as_string(hide_password=True)})",
              flush=True)  # each stage as it ends: the chain's fill can take minutes on a busy machine
        single, mean = _grouped(factory, holders, args.single, args.callers)
        print(f"single transfers  {args.single:,} from {args.callers} concurrent callers through the group commit "
              f"({mean:,.1f} per transaction on average): {single} (hash chain on)", flush=True)
        lone, _ = _grouped(factory, holders, min(500, args.single), 1)
        print(f"lone caller       {min(500, args.single):,} single transfers one after the other (a transaction "
              f"each): {lone} (hash chain on)", flush=True)
        bulk = _bulk(factory, holders, args.transfers, args.bulk)
        print(f"bulk transfers    {args.transfers:,} holders' transfers in requests of {args.bulk}, set-based: "
              f"{bulk} (hash chain on)", flush=True)
        delivered = _deliveries(factory, holders, args.transfers, args.batch)
        print(f"deliveries        {args.transfers:,} trade deliveries as the consumer applies them, {args.batch} per "
              f"transaction, set-based: {delivered} (hash chain on)", flush=True)
        fill, verify, count = _verify(factory, args.verify)
        print(f"chain filled to   {count:,} transactions in {fill:.1f} s (bulk)")
        print(f"verify            {count:,} transactions in {verify.wall:.1f} s ({count / verify.wall:,.0f} "
              f"transactions/s; CPU {verify.cpu:.1f} s of this process's"
              + (f" + {verify.server:.1f} s of the database server's)" if verify.server else ")"))
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


def _uow(factory, context: MessageContext | None = None) -> AllocationUnitOfWork:
    return AllocationUnitOfWork(factory, producer="allocation", context=context or MessageContext.new("bench"))


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


def _grouped(factory, holders: list[str], total: int, callers: int) -> tuple[str, float]:
    """Holders' single transfers as `POST /registry/transfers` runs them: `callers` callers at once, each sending
    one transfer and awaiting its answer before the next (as the route awaits the registry's group commit), the
    group commit registering whatever is waiting in one transaction. Returns the rates and the mean batch."""
    group = transfer_group_commit(lambda: _uow(factory))

    async def caller(part: range) -> None:
        for i in part:
            holder = holders[i % len(holders)]
            request = TransferRequest(_deposit(holder), holder, None, MessageContext.new(f"entity:{holder}"))
            await asyncio.wrap_future(group.submit(request))

    async def all_callers(count: int, parts: int) -> None:
        await asyncio.gather(*(caller(range(n, count, parts)) for n in range(parts)))

    try:
        asyncio.run(all_callers(min(200, total), callers))  # warm up
        batches = group.batches
        with _Clock() as clock:
            asyncio.run(all_callers(total, callers))
        return clock.rates(total), total / max(1, group.batches - batches)
    finally:
        group.stop()


def _bulk(factory, holders: list[str], total: int, size: int) -> str:
    """Holders' transfers as `POST /registry/transfers/batch` runs them: `size` of one holder's per request (the
    holders in turn), set-based in one database transaction."""
    with _Clock() as clock:
        for number, start in enumerate(range(0, total, size)):
            holder = holders[number % len(holders)]
            results = request_transfers([_deposit(holder)] * min(size, total - start), holder, None, _uow(factory))
            assert not any(isinstance(r, Exception) for r in results), results[:3]
    return clock.rates(total)


class _Clock:
    """Wall seconds and CPU seconds of a stage (the machine is shared: CPU says what the work cost): this process's,
    and on PostgreSQL also its server processes' for this database (read from /proc: the server runs here)."""

    backends: Callable[[], list[int]] = staticmethod(lambda: [])

    def __enter__(self) -> "_Clock":
        self.wall, self.cpu, self._server = time.perf_counter(), time.process_time(), _cpu_of(self.backends())
        return self

    def __exit__(self, *exc: object) -> None:
        after = _cpu_of(self.backends())
        self.server = sum(t - self._server.get(pid, 0.0) for pid, t in after.items())
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu

    def rates(self, count: int) -> str:
        server = f" + {self.server:.1f} s of the database server's" if self.server else ""
        return (f"{count / self.wall:,.0f} transfers/s; {count / (self.cpu + self.server):,.0f} per CPU second "
                f"({self.cpu:.1f} s of this process's{server})")


def _cpu_of(pids: list[int]) -> dict[int, float]:
    ticks, found = os.sysconf("SC_CLK_TCK"), {}
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        found[pid] = (int(fields[11]) + int(fields[12])) / ticks
    return found


def _backends(engine) -> Callable[[], list[int]]:
    if engine.dialect.name != "postgresql":
        return lambda: []
    admin = create_engine(engine.url, poolclass=NullPool)

    def pids() -> list[int]:
        with admin.connect() as conn:
            return list(conn.execute(text("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                                          "AND pid <> pg_backend_pid()")).scalars())
    return pids


def _deposit(holder: str) -> commands.RequestTransfer:
    return commands.RequestTransfer(from_account_id=holder, to_account_id=f"{holder}-T",
                                    lines=[commands.TransferLine(unit_type="SHEA", vintage=2025, quantity=1)])


def _deliveries(factory, holders: list[str], total: int, batch: int) -> str:
    """The exchange's trade deliveries (trading account to trading account) through the allocation service's own
    consumer code (`apply_batch`: a pulled batch in one transaction, each event through its handler and into the
    inbox, the registrations set-based at commit)."""
    n = len(holders)
    route = Route(TradeDeliveryInstructed, on_delivery_instructed)
    deliveries = []
    for i in range(total):
        envelope = wrap(TradeDeliveryInstructed(
            trade_id=f"TRD-{uuid.uuid4().hex}", seller_trading_account_id=f"{holders[i % n]}-T",
            buyer_trading_account_id=f"{holders[(i + 1) % n]}-T", vintage=2025, quantity=1, instructed_at=T0),
            producer="exchange", context=MessageContext.new("bench"))
        deliveries.append(Delivery.decode(route.contract.contract.subject, envelope.model_dump_json().encode(),
                                          {route.contract.contract.subject: route}))
    with _Clock() as clock:
        for start in range(0, total, batch):
            applied = apply_batch(deliveries[start:start + batch], lambda context: _uow(factory, context))
            assert len(applied) == len(deliveries[start:start + batch])
    return clock.rates(total)


def _verify(factory, length: int) -> tuple[float, _Clock, int]:
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
    with factory() as session:  # a session of its own, as the audit endpoint's
        with _Clock() as clock:
            check = Ledger(session).verify()
        assert check.intact, check.problem
    return fill, clock, check.transactions
