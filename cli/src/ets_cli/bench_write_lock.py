"""Each service's SQLite write lock over a benchmark's load and drain: how long each of its writers held it and waited
for it (`ets_write_lock_held_seconds` / `ets_write_lock_wait_seconds{process,writer}` in its `/metrics`, read
before the load and after the drain like the CPU, `bench_cpu`). A database has one writer at a time; at 5,000
orders/s the exchange's order entry (its `exchange-sequencer`) waited a quarter of its time for the lock that
settlement (its companion's `consumer`) held (issue 5's eighth pass) — the line says whether a rate's latency is
bound by that."""
from __future__ import annotations

import re

from ets_cli.bench_cpu import Readings

_SAMPLE = re.compile(r'^ets_write_lock_(wait|held)_seconds\{process="([^"]+)",writer="([^"]+)"\} ([0-9.eE+-]+)$',
                     re.MULTILINE)


def parse(metrics: str) -> dict[str, float]:
    """The seconds each writer of each process waited for and held the lock, keyed `wait|held` `\t` process `\t`
    writer (none: a service on PostgreSQL, or one that exports no figures)."""
    return {f"{kind}\t{process}\t{writer}": float(seconds)
            for kind, process, writer, seconds in _SAMPLE.findall(metrics)}


def report(spent: Readings, seconds: float) -> list[str]:
    """A line per service whose lock was held over the window: for how much of it, then each writer's share (the
    most first) and its wait."""
    lines = []
    for service, figures in sorted(spent.items()):
        held: dict[str, float] = {}
        waited: dict[str, float] = {}
        for key, value in figures.items():
            kind, process, writer = key.split("\t")
            name = writer if process == "service" else f"its {process}'s {writer}"
            (held if kind == "held" else waited)[name] = value
        total = sum(held.values())
        if total < 0.01 or seconds <= 0:
            continue
        writers = " · ".join(f"{name} {value:.2f} s (waited {waited.get(name, 0.0):.2f} s)"
                             for name, value in sorted(held.items(), key=lambda item: -item[1]) if value >= 0.005)
        lines.append(f"{service}'s write lock (SQLite) over the load and the drain: held {total:.2f} s of "
                     f"{seconds:.1f} s ({total / seconds:.0%}) — {writers}")
    return lines
