"""`ets bench-engine`: the matching engine (`exchange.domain.order_book`) in-process on a seeded, realistic stream.

The stream is generated beforehand (untimed) against a book of its own, so every command in it is meaningful when
replayed: about 40 % passive limit orders (1-20 ticks behind the best opposite price), 30 % marketable ones (at
the best opposite price or up to 3 ticks through it, a third of them IOC, so they fill fully or partly), 25 %
cancels of a random resting order, and 5 % amends (half a size reduction, half a new price), from 200 accounts
whose orders sometimes meet their own (self-trade prevention). Two timed passes replay it on new books: one for
throughput (operations per second over the whole stream), one timing each operation with `perf_counter_ns` for
the latency percentiles (the timer's own cost, printed, is included). Both passes must end in the same book the
generator saw, which is checked.
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import subprocess
import time
from pathlib import Path

from exchange.domain.order_book import OrderBook
from exchange.domain.orders import BUY, GTC, IOC, SELL

SUBMIT, CANCEL, AMEND = 0, 1, 2
REFERENCE = 5_000  # ticks: 50.00 yuan at a 0.01 tick


def stream(ops: int, seed: int) -> tuple[list[tuple], tuple]:
    """The commands, and the snapshot of the book after them."""
    rnd = random.Random(seed)
    book, live, out = OrderBook(), [], []
    accounts = [f"A{i:03d}" for i in range(200)]
    next_id = 0
    while len(out) < ops:
        r = rnd.random()
        if r < 0.30:  # 25 % cancels, 5 % amends
            oid = None
            while live and oid is None:  # a random resting order (ids that traded away since are dropped)
                i = rnd.randrange(len(live))
                oid = live[i]
                if oid not in book:
                    live[i] = live[-1]
                    live.pop()
                    oid = None
            if oid is None:
                continue
            if r < 0.25:
                live[i] = live[-1]
                live.pop()
                book.cancel(oid)
                out.append((CANCEL, oid))
            else:
                o = book.order(oid)
                filled = o.quantity - o.remaining
                if rnd.random() < 0.5:
                    args = (oid, o.price_ticks, filled + max(1, o.remaining // 2))
                else:
                    args = (oid, o.price_ticks + rnd.choice((-2, -1, 1, 2)), o.quantity)
                book.amend(*args)
                out.append((AMEND, args))
            continue
        side = BUY if rnd.random() < 0.5 else SELL
        bid, ask = book.best_bid(), book.best_ask()
        bid = bid if bid is not None else (ask - 1 if ask is not None else REFERENCE - 1)
        ask = ask if ask is not None else bid + 1
        marketable = r >= 0.70
        tif = IOC if marketable and rnd.random() < 1 / 3 else GTC
        if side == BUY:
            price = ask + rnd.randint(0, 3) if marketable else ask - rnd.randint(1, 20)
        else:
            price = bid - rnd.randint(0, 3) if marketable else bid + rnd.randint(1, 20)
        account = rnd.choice(accounts)
        next_id += 1
        args = (f"O{next_id}", account, account, side, max(1, price), rnd.randint(1, 100), tif)
        if book.submit(*args).resting:
            live.append(args[0])
        out.append((SUBMIT, args))
    return out, book.snapshot()


def throughput(ops: list[tuple]) -> tuple[float, OrderBook]:
    book = OrderBook()
    submit, cancel, amend = book.submit, book.cancel, book.amend
    start = time.perf_counter()
    for kind, args in ops:
        if kind == SUBMIT:
            submit(*args)
        elif kind == CANCEL:
            cancel(args)
        else:
            amend(*args)
    return len(ops) / (time.perf_counter() - start), book


def latencies(ops: list[tuple]) -> tuple[list[int], OrderBook]:
    book = OrderBook()
    submit, cancel, amend, clock = book.submit, book.cancel, book.amend, time.perf_counter_ns
    samples = [0] * len(ops)
    for i, (kind, args) in enumerate(ops):
        if kind == SUBMIT:
            t = clock()
            submit(*args)
        elif kind == CANCEL:
            t = clock()
            cancel(args)
        else:
            t = clock()
            amend(*args)
        samples[i] = clock() - t
    return sorted(samples), book


def machine() -> str:
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, timeout=5).stdout
        model = next(line.split(":", 1)[1].strip() for line in lscpu.splitlines() if line.startswith("Model name"))
    except (OSError, StopIteration, subprocess.SubprocessError):
        model = platform.processor() or "unknown CPU"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=Path(__file__).parent).stdout.strip() or "unknown"
    return f"{model}, {os.cpu_count()} CPUs, Python {platform.python_version()}, commit {commit}"


def run(args: argparse.Namespace) -> int:
    ops, expected = stream(args.ops, args.seed)
    mix = {k: sum(1 for kind, _ in ops if kind == k) / len(ops) for k in (SUBMIT, CANCEL, AMEND)}
    print(f"stream: {len(ops):,} operations, seed {args.seed}: {mix[SUBMIT]:.0%} orders, {mix[CANCEL]:.0%} cancels, "
          f"{mix[AMEND]:.0%} amends")
    rates = []
    for _ in range(args.repeat):
        rate, book = throughput(ops)
        if book.snapshot() != expected:
            raise SystemExit("the replayed book differs from the generated one")
        rates.append(rate)
    samples, book = latencies(ops)
    if book.snapshot() != expected:
        raise SystemExit("the replayed book differs from the generated one")
    clock = time.perf_counter_ns
    overhead = min(-clock() + clock() for _ in range(1000))
    pct = {p: samples[min(len(samples) - 1, int(len(samples) * p / 100))] / 1000 for p in (50, 99, 99.9)}
    rates.sort()
    print(f"throughput: {rates[len(rates) // 2] / 1e6:.2f} M ops/s (median of {len(rates)}; min "
          f"{rates[0] / 1e6:.2f}, max {rates[-1] / 1e6:.2f}); {len(book):,} orders resting at the end")
    print(f"latency per operation: p50 {pct[50]:.2f} µs, p99 {pct[99]:.2f} µs, p99.9 {pct[99.9]:.2f} µs, "
          f"max {samples[-1] / 1000:.1f} µs (timer overhead {overhead} ns included)")
    print(f"machine: {machine()}")
    return 0
