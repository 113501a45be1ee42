"""The platform's CPU over a benchmark's load and drain: each service's `ets_process_cpu_seconds{process}` (its
`/metrics`: the service's process and, where it has one, its companion) read before the load and after the drain.
What a benchmark's rate costs the machine, per service and per order — on a host whose cores the platform shares
with the load generator and the NATS server (whose CPU this does not count), the figure that tells whether a rate is
bound by the CPU."""
from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from typing import Any

CPU_METRIC = "ets_process_cpu_seconds"
_SAMPLE = re.compile(rf'^{CPU_METRIC}\{{process="([^"]+)"\}} ([0-9.eE+-]+)$', re.MULTILINE)

Readings = dict[str, dict[str, float]]  # service -> process -> CPU seconds


def parse(metrics: str) -> dict[str, float]:
    """The CPU seconds of each process in a `/metrics` text (none: a service that does not export them)."""
    return {process: float(seconds) for process, seconds in _SAMPLE.findall(metrics)}


async def read(client: Any, figures: Callable[[str], dict[str, float]] = parse) -> Readings:
    """Every service's CPU seconds now (or the `figures` another parser reads from its `/metrics`); a service that
    does not answer is left out."""
    async def one(service: str) -> tuple[str, dict[str, float]]:
        try:
            async with client.http.get(client.urls[service] + "/metrics") as response:
                return service, figures(await response.text()) if response.status == 200 else {}
        except (OSError, asyncio.TimeoutError):
            return service, {}
    return dict(await asyncio.gather(*(one(s) for s in client.urls)))


def used(before: Readings, after: Readings) -> Readings:
    """CPU seconds per service and process between two readings (or any other figures a process counts up from its
    start). A process that started again in between (its reading went down) counts from zero: what it used since
    its start."""
    return {service: {process: seconds - before.get(service, {}).get(process, 0.0)
                      if seconds >= before.get(service, {}).get(process, 0.0) else seconds
                      for process, seconds in processes.items()}
            for service, processes in after.items() if processes}


def report(spent: Readings, orders: int, seconds: float, cores: int) -> str:
    """One line: per service its CPU and µs per order (a companion's share named), then the whole."""
    if not spent or orders <= 0 or seconds <= 0:
        return "the platform's CPU: not exported by its services"
    parts, total = [], 0.0
    for service, processes in sorted(spent.items(), key=lambda item: -sum(item[1].values())):
        cpu = sum(processes.values())
        total += cpu
        companion = processes.get("companion")
        share = f"; its companion {companion:.2f} s" if companion is not None else ""
        parts.append(f"{service} {cpu:.2f} s ({cpu / orders * 1e6:,.0f} µs per order{share})")
    return (f"the platform's CPU over the load and the drain (the services' /metrics; the NATS server not counted): "
            f"{' · '.join(parts)}; {total:.1f} s in all, {total / orders * 1e6:,.0f} µs per order: "
            f"{total / seconds:.2f} of this host's {cores} cores over {seconds:.1f} s")
