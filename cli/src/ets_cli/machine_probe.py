"""How costly it is, on this machine right now, for one process to wake another on the other processor.

The platform is five services, a nats-server and the benchmark's client passing messages to each other, so every
event wakes a process, often on the other CPU. On a virtual machine that cost is the host's: an idle virtual CPU
is woken by an interrupt the host delivers, and how fast depends on what else the host runs. Measured here (2
vCPU, the same commit, a fresh platform each time): the 10,000-entity year took 57.7 s at 15:39 UTC and 127.2 s an
hour later, every process — nats-server included — spending 2–3 × the CPU on the same work, while this round trip
cost 55–68 µs (5.7 µs with both processes on one CPU; 2026-11-29). `ets bench` prints the figure before and after a
run, so that its result can be read against the machine's state."""
from __future__ import annotations

import os
import socket
import statistics
import time

ROUND_TRIPS = 2000


def wakeup_round_trip_us(round_trips: int = ROUND_TRIPS) -> float | None:
    """The median round trip, in µs, of a one-byte ping-pong between two processes pinned to different CPUs; None
    where that cannot be measured (one CPU, no fork or affinity)."""
    if not hasattr(os, "fork") or not hasattr(os, "sched_setaffinity"):
        return None
    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) < 2:
        return None
    mine, others = socket.socketpair()
    child = os.fork()
    if child == 0:  # the echo, on the second CPU
        try:
            mine.close()
            os.sched_setaffinity(0, {cpus[1]})
            while others.recv(1):
                others.send(b"x")
        finally:
            os._exit(0)
    others.close()
    previous = os.sched_getaffinity(0)
    samples: list[float] = []
    try:
        os.sched_setaffinity(0, {cpus[0]})
        for _ in range(round_trips):
            start = time.perf_counter()
            mine.send(b"x")
            mine.recv(1)
            samples.append(time.perf_counter() - start)
    finally:
        os.sched_setaffinity(0, previous)
        mine.close()  # the echo reads b"" and ends
        os.waitpid(child, 0)
    return statistics.median(samples[round_trips // 10:]) * 1e6  # the first tenth warms up


def describe(us: float | None) -> str:
    return "not measurable here" if us is None else f"{us:.0f} µs"
