"""`ets bench-engine`: the matching engine (`exchange.domain.order_book`) in-process on a seeded stream
(`exchange.entrypoints.engine_streams`: the realistic mix, or the queue at a price limit).

The stream is generated first (untimed). Timed passes replay it on new books: `--repeat` for throughput (operations
per second over the whole stream, of wall-clock time and of this process's CPU time), then one timing each
operation with `perf_counter_ns` for the latency percentiles (the timer's own cost, printed, is included). Every
pass must end in the book the generator saw, which is checked. The collector is kept off the stream's own objects
(`gc.freeze`), not off the book's.
"""
from __future__ import annotations

import argparse
import gc
import os
import platform
import subprocess
import time
from pathlib import Path

from exchange.domain.order_book import OrderBook
from exchange.entrypoints.engine_streams import AMEND, CANCEL, STREAMS, SUBMIT

def throughput(ops: list[tuple]) -> tuple[float, float, OrderBook]:
    """Operations per second of wall-clock time and of this process's CPU time (the second leaves out the time a
    busy machine gave to other processes), and the book at the end."""
    book = OrderBook()
    submit, cancel, amend = book.submit, book.cancel, book.amend
    cpu, start = time.process_time(), time.perf_counter()
    for kind, args in ops:
        if kind == SUBMIT:
            submit(*args)
        elif kind == CANCEL:
            cancel(args)
        else:
            amend(*args)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    return len(ops) / wall, len(ops) / cpu, book


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
    ops, expected = STREAMS[args.stream](args.ops, args.seed, args.depth)
    gc.collect()
    gc.freeze()  # the stream's million tuples are the benchmark's, not the book's: keep the collector off them
    mix = {k: sum(1 for kind, _ in ops if kind == k) / len(ops) for k in (SUBMIT, CANCEL, AMEND)}
    print(f"stream {args.stream}: {len(ops):,} operations, seed {args.seed}, about {args.depth:,} orders resting: "
          f"{mix[SUBMIT]:.0%} orders, {mix[CANCEL]:.0%} cancels, {mix[AMEND]:.0%} amends")
    rates, cpu_rates = [], []
    for _ in range(args.repeat):
        rate, cpu_rate, book = throughput(ops)
        if book.snapshot() != expected:
            raise SystemExit("the replayed book differs from the generated one")
        rates.append(rate)
        cpu_rates.append(cpu_rate)
    samples, book = latencies(ops)
    if book.snapshot() != expected:
        raise SystemExit("the replayed book differs from the generated one")
    clock = time.perf_counter_ns
    overhead = min(-clock() + clock() for _ in range(1000))
    pct = {p: samples[min(len(samples) - 1, int(len(samples) * p / 100))] / 1000 for p in (50, 99, 99.9)}
    rates.sort()
    cpu_rates.sort()
    print(f"throughput: {rates[len(rates) // 2] / 1e6:.2f} M ops/s (median of {len(rates)} passes; min "
          f"{rates[0] / 1e6:.2f}, max {rates[-1] / 1e6:.2f}); per second of CPU time "
          f"{cpu_rates[len(rates) // 2] / 1e6:.2f} M (min {cpu_rates[0] / 1e6:.2f}, max {cpu_rates[-1] / 1e6:.2f}); "
          f"{len(book):,} orders resting at the end")
    print(f"latency per operation: p50 {pct[50]:.2f} µs, p99 {pct[99]:.2f} µs, p99.9 {pct[99.9]:.2f} µs, "
          f"max {samples[-1] / 1000:.1f} µs (timer overhead {overhead} ns included)")
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f} (over 1 minute, at the end)")
    return 0
