"""`ets bench-order-entry`: the sequencer's work in-process — `order_entry.place_orders`, the one writer's transaction
per batch that every acknowledged order waits for (issue 5, benchmark (2)) — without NATS, HTTP, the settlement
companion or the registry.

Set-up (untimed): a fresh database (SQLite in a temporary folder, or `--database-url`) migrated as the service does;
product `P` (vintage 2025, reference 40.00) listed; `--traders` members admitted, each with its trading account funded
and allowances deposited (`open_market`, which the service's tests use too) for what its orders could need. The
stream is the one `ets bench --exchange` sends: each trader only buying (even-numbered) or only selling (odd), limit
prices within 0.50 yuan of the reference on the side that makes about a third of them marketable, 1–100 t.

Timed: the stream is entered in batches of `--batch` orders, one `place_orders` transaction each, in order, on this
thread — what the sequencer does when that many orders wait — with the cyclic collector set as a served service sets
it (`freeze_startup_heap`). After each batch its trades are settled as the companion settles them, in a transaction
of their own: the registry's delivery answers applied as one consumed batch (`settlement.on_transfer_registered`),
timed apart — unsettled, the buyers' undelivered trades would pile up in every batch's holding-limit read, which the
platform never sees. Printed: order entry's orders per second of wall time and of this thread's CPU time, each
batch's wall time (p50, p99, max), settlement's CPU per trade, and the counts reconciled against the database
(orders recorded = orders accepted; trades recorded = trades answered, all settled). On a busy host the CPU figures
are the ones to compare: a batch's wall time includes the time other processes took the core.
"""
from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from typing import Literal

from sqlalchemy import Engine, func, select

from ets_shared.clock import REGULATORY_TZ
from ets_shared.contracts.allocation import RegistryTransferRegistered, TransferLine
from ets_shared.envelope import MessageContext
from ets_shared.errors import DomainError
from ets_shared.persistence.engine import make_engine, make_session_factory
from ets_shared.persistence.migrations import upgrade
from ets_shared.runtime import freeze_startup_heap
from exchange.adapters.order_entry_store import TradeRecord
from exchange.adapters.orm import ExchangeTable, OrderRow, ProductRow, TradeRow
from exchange.bootstrap import definition
from exchange.entrypoints.engine_bench import machine
from exchange.service_layer import commands, funds, handlers, order_entry
from exchange.service_layer.settlement import on_transfer_registered
from exchange.service_layer.unit_of_work import ExchangeUnitOfWork

PRODUCT, VINTAGE, REFERENCE = "P", 2025, 4000  # fen
AT = datetime(2026, 5, 20, 10, 0, tzinfo=REGULATORY_TZ).astimezone(timezone.utc)  # a Wednesday, in the morning session
Side = Literal["BUY", "SELL"]
Order = tuple[int, Side, str, int]  # trader, side, price, quantity


def open_market(uow: Callable[[], ExchangeUnitOfWork], at: datetime, traders: Iterable[str], *,
                cash: str = "100000.00", allowances: int = 1000) -> None:
    """Product `P` (vintage 2025, reference 40.00) listed at `at`, and each trader admitted with its account
    `X-<trader>` funded with `cash` yuan and `allowances` t deposited (the registry's deposit applied as the
    consumer applies it)."""
    with uow() as u:
        u.books.invalidate()
        u.books.closes.clear()
        u.advance_clock(at)
        u.session.add(ProductRow(product_id=PRODUCT, vintage=VINTAGE, reference_price_cents=REFERENCE, listed_at=at))
        u.commit()
    for n, trader in enumerate(traders):
        handlers.admit_member(commands.AdmitMember(member_id=trader, name=trader, kind="self_operating"), uow())
        funds.confirm_deposit(commands.ConfirmDeposit(movement_id=f"BANK-{trader}", trading_account_id=f"X-{trader}",
                                                      amount=cash), uow())
        with uow() as u:
            on_transfer_registered(RegistryTransferRegistered(
                transaction_id=f"TX-{n}", purpose="exchange_deposit", from_account_id=f"H-{trader}",
                from_holder_id=trader, to_account_id=f"X-{trader}", to_holder_id=trader,
                lines=[TransferLine(unit_type="SHEA", vintage=VINTAGE, quantity=allowances)], registered_at=at), u)
            u.commit()


def stream(orders: int, traders: int, seed: int) -> list[Order]:
    """`ets bench --exchange`'s orders (`--sides one`): a trader only buys (even) or only sells (odd)."""
    rng = random.Random(seed)
    made: list[Order] = []
    for _ in range(orders):
        i = rng.randrange(traders)
        side: Side = "SELL" if i % 2 else "BUY"
        offset = rng.randint(-50, 20) if side == "BUY" else rng.randint(-20, 50)
        made.append((i, side, f"{(REFERENCE + offset) / 100:.2f}", rng.randint(1, 100)))
    return made


def _settle(uow: Callable[[], ExchangeUnitOfWork], trades: list[TradeRecord]) -> None:
    """The registry's answers delivering `trades`, applied as the companion applies a consumed batch of them."""
    if not trades:
        return
    with uow() as u:
        for trade in trades:
            u.act_for(MessageContext.new("registry"))
            on_transfer_registered(RegistryTransferRegistered(
                transaction_id=f"TX-{trade.trade_id}", purpose="trade_delivery", reference=trade.trade_id,
                from_account_id=trade.seller_account_id, from_holder_id=trade.seller_account_id,
                to_account_id=trade.buyer_account_id, to_holder_id=trade.buyer_account_id,
                lines=[TransferLine(unit_type="SHEA", vintage=trade.vintage, quantity=trade.quantity)],
                registered_at=trade.executed_at), u)
        u.commit()


def _percentile(samples: list[float], p: float) -> float:
    return samples[min(len(samples) - 1, int(len(samples) * p / 100))]


def run(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="ets-bench-order-entry-") as folder:
        url = args.database_url or f"sqlite:///{os.path.join(folder, 'exchange.sqlite')}"
        engine = make_engine(url)
        try:
            return _measure(args, engine)
        finally:
            engine.dispose()


def _measure(args: argparse.Namespace, engine: Engine) -> int:
    upgrade(engine, definition().migrations, ExchangeTable.metadata)
    factory = make_session_factory(engine)
    with factory() as session:
        if session.execute(select(func.count()).select_from(OrderRow)).scalar_one():
            raise SystemExit("the database holds orders already: give an empty one")

    def uow() -> ExchangeUnitOfWork:
        return ExchangeUnitOfWork(factory, producer="exchange", context=MessageContext.new("bench-order-entry"))

    names = [f"T{i:03d}" for i in range(args.traders)]
    per_trader = -(-args.orders // args.traders) * 2  # a trader draws about its share; twice that is room enough
    open_market(uow, AT, names, cash=f"{per_trader * 100 * 45}.00", allowances=per_trader * 100)
    plan = stream(args.orders, args.traders, args.seed)
    context = MessageContext.new("bench-order-entry")
    entries = [(names[i], commands.PlaceOrder(trading_account_id=f"X-{names[i]}", product_id=PRODUCT, side=side,
                                              price=price, quantity=quantity, time_in_force="GTC"), context)
               for i, side, price, quantity in plan]  # validated here, as the gateway does: not timed
    freeze_startup_heap()  # the collector as a served exchange has it (`ets_shared.runtime`)
    walls, accepted, refused, trades, wall, cpu, settling = [], 0, 0, 0, 0.0, 0.0, 0.0
    for first in range(0, len(entries), args.batch):
        began, cpu_began = time.perf_counter(), time.thread_time()
        outcomes = order_entry.place_orders(uow(), entries[first:first + args.batch])
        walls.append(took := time.perf_counter() - began)
        wall, cpu = wall + took, cpu + time.thread_time() - cpu_began
        made = []
        for outcome in outcomes:
            if isinstance(outcome, DomainError):
                refused += 1
            else:
                accepted += 1
                made += outcome[1]
        trades += len(made)
        cpu_began = time.thread_time()
        _settle(uow, made)
        settling += time.thread_time() - cpu_began
    with factory() as session:
        recorded = session.execute(select(func.count()).select_from(OrderRow)).scalar_one()
        traded = session.execute(select(func.count()).select_from(TradeRow)).scalar_one()
        settled = session.execute(select(func.count()).select_from(TradeRow).where(TradeRow.status == "SETTLED")
                                  ).scalar_one()
    walls.sort()
    database = engine.dialect.name if args.database_url else "SQLite (a temporary file)"
    print(f"order entry in-process on {database}: {len(entries):,} orders from {args.traders} traders in batches of "
          f"{args.batch} (one place_orders transaction each), seed {args.seed}")
    n = len(entries)
    print(f"  {n / wall:,.0f} orders/s of wall time, {n / cpu:,.0f} per second of this thread's CPU "
          f"({cpu / n * 1e6:.1f} µs of CPU per order); a batch took p50 {_percentile(walls, 50) * 1e3:.2f} ms, "
          f"p99 {_percentile(walls, 99) * 1e3:.2f} ms, max {walls[-1] * 1e3:.2f} ms of wall time")
    print(f"  settlement after each batch (the companion's work, not counted above): "
          f"{settling / max(trades, 1) * 1e6:.1f} µs of CPU per trade")
    ok = recorded == accepted and traded == trades == settled
    print(f"  {'reconciled' if ok else 'NOT RECONCILED'}: {accepted:,} accepted, {recorded:,} recorded; {refused:,} "
          f"refused by a rule; {trades:,} trades answered, {traded:,} recorded, {settled:,} settled")
    print(f"  machine: {machine()}; load average {os.getloadavg()[0]:.1f} (over 1 minute, at the end)")
    return 0 if ok else 1
