"""Each service's group commits over a benchmark's load: how many batches their writer threads committed, how many
items they answered, and how long each thread spent on them — wall time and its own CPU (`ets_group_commit_*
{writer}` in the service's `/metrics`, read before and right after the load, `bench_cpu`). The exchange's
`exchange-sequencer` enters every order; when it is busy nearly all of the load, an acknowledgement waits for the
batches before its own whatever the other processes do, and its CPU per order says how far its own work is from
the rate (issue 5's ninth pass)."""
from __future__ import annotations

import re

from ets_cli.bench_cpu import Readings

_SAMPLE = re.compile(r'^ets_group_commit_(batches|entries|busy_seconds|cpu_seconds)\{writer="([^"]+)"\} '
                     r'([0-9.eE+-]+)$', re.MULTILINE)


def parse(metrics: str) -> dict[str, float]:
    """Each group commit's figures, keyed figure `\t` writer (none: a service without a group commit)."""
    return {f"{figure}\t{writer}": float(value) for figure, writer, value in _SAMPLE.findall(metrics)}


def report(spent: Readings, seconds: float) -> list[str]:
    """A line per group commit that committed a batch over the window: its batches and their mean size, the share
    of the window its thread was busy, and that thread's CPU per item."""
    lines = []
    for service, figures in sorted(spent.items()):
        writers: dict[str, dict[str, float]] = {}
        for key, value in figures.items():
            figure, writer = key.split("\t")
            writers.setdefault(writer, {})[figure] = value
        for writer, of in sorted(writers.items()):
            batches, entries = of.get("batches", 0.0), of.get("entries", 0.0)
            if batches < 1 or entries < 1 or seconds <= 0:
                continue
            busy, cpu = of.get("busy_seconds", 0.0), of.get("cpu_seconds", 0.0)
            lines.append(f"{service}'s {writer} over the load: {batches:,.0f} batches of {entries / batches:.1f} "
                         f"items on average; busy {busy:.2f} s of {seconds:.1f} s ({busy / seconds:.0%}), its "
                         f"thread's CPU {cpu:.2f} s ({cpu / entries * 1e6:,.0f} µs per item)")
    return lines
