"""A service's Prometheus metrics, served at `GET /metrics` (text exposition format, prometheus_client).

Counted as things happen (per process; a restart starts them at zero, as Prometheus expects of counters):
- `ets_http_request_duration_seconds{method,route,status}`: histogram of request latency, by route template;
- `ets_outbox_published_total`: events the outbox relay published;
- `ets_events_consumed_total{subject}`: events applied by the consumers (each once: the inbox skips repeats);
- `ets_dead_letters_total{subject}`: events dead-lettered by this process;
- `ets_business_events_total{kind}`: the platform's business figures as this service publishes them — reports
  (mrv `report.submitted`), determinations (mrv `determination.made` v2), surrenders (allocation
  `surrender.recorded`), cases (enforcement `case.opened`) and trades (exchange `trade.executed`): `BUSINESS_EVENTS`.

Read from the service's state at each scrape (gauges, the same figures as `GET /backlog`):
- `ets_outbox_unpublished`, `ets_outbox_lag_seconds` (age of the oldest unpublished event; 0 when none);
- `ets_consumer_pending{consumer}`, `ets_consumer_unacknowledged{consumer}`, `ets_consumer_redelivered{consumer}`
  (the JetStream consumer's own figures);
- `ets_dead_letters_recorded{state}`: dead letters recorded in the service's database, replayed or not;
- `ets_process_cpu_seconds{process}`: CPU seconds (user + system, all threads) the service's processes used since
  each started — `service`, and `companion` for a companion process (`ets_shared.companion`: sent with its counts,
  so as of its latest batch; from zero again after a restart). `ets bench` reads it before and after its load for
  the platform's CPU per order.
- `ets_write_lock_wait_seconds{process,writer}`, `ets_write_lock_held_seconds{process,writer}`: seconds each writer
  of the service's processes waited for the SQLite database's write lock and held it since the process started
  (`persistence.write_lock`: a group commit's thread by its name, `consumer`, `relay`, `other`; a companion's sent
  with its counts, as its CPU). None on PostgreSQL. `ets bench --exchange` prints them over its load: whether order
  entry waits for settlement.
- `ets_group_commit_batches{writer}`, `ets_group_commit_entries{writer}`, `ets_group_commit_busy_seconds{writer}`,
  `ets_group_commit_cpu_seconds{writer}`: each group commit of the service (`ets_shared.group_commit`: the
  exchange's `exchange-sequencer`, allocation's surrenders and registry transfers) — batches committed, items
  answered, and the seconds its writer thread spent on them, in wall time and in its own CPU, since the process
  started. `ets bench --exchange` prints the sequencer's over its load: whether order entry's thread is busy all
  the time, and how much of that is its own work.

Each runtime has its own registry (several services share a test process).
"""
from __future__ import annotations

import time
from collections import Counter as Tally
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client import CONTENT_TYPE_LATEST  # noqa: F401 - re-exported for the route

from ets_shared.clock import as_utc, utcnow
from ets_shared.persistence.write_lock import WriteLock

if TYPE_CHECKING:
    from ets_shared.group_commit import GroupCommit

# subject → business figure; a subject published in two versions counts in one only
BUSINESS_EVENTS: dict[str, str] = {
    "ets.mrv.report.submitted.v1": "reports",
    "ets.mrv.determination.made.v2": "determinations",
    "ets.allocation.surrender.recorded.v1": "surrenders",
    "ets.enforcement.case.opened.v1": "cases",
    "ets.exchange.trade.executed.v1": "trades",
}
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class ServiceMetrics:
    def __init__(self, service: str) -> None:
        self.service = service
        self.registry = registry = CollectorRegistry(auto_describe=True)
        self._send: Callable[[bytes], None] | None = None  # counting in another process (`forward_counts`)
        self.http_latency = Histogram("ets_http_request_duration_seconds", "HTTP request latency by route and status",
                                      ["method", "route", "status"], buckets=LATENCY_BUCKETS, registry=registry)
        self.published = Counter("ets_outbox_published", "events the outbox relay published", registry=registry)
        self.consumed = Counter("ets_events_consumed", "events applied by this service's consumers", ["subject"],
                                registry=registry)
        self.dead_lettered = Counter("ets_dead_letters", "events this process dead-lettered", ["subject"],
                                     registry=registry)
        self.business = Counter("ets_business_events", "business figures: reports, determinations, surrenders, "
                                "cases, trades (as their events are published)", ["kind"], registry=registry)
        self.outbox_unpublished = Gauge("ets_outbox_unpublished", "committed events not yet published",
                                        registry=registry)
        self.outbox_lag = Gauge("ets_outbox_lag_seconds", "age of the oldest unpublished event (0: none)",
                                registry=registry)
        self.consumer_pending = Gauge("ets_consumer_pending", "events not yet delivered to the service", ["consumer"],
                                      registry=registry)
        self.consumer_unacknowledged = Gauge("ets_consumer_unacknowledged", "events delivered, not yet applied",
                                             ["consumer"], registry=registry)
        self.consumer_redelivered = Gauge("ets_consumer_redelivered", "events the server delivered more than once",
                                          ["consumer"], registry=registry)
        self.dead_letters_recorded = Gauge("ets_dead_letters_recorded", "dead letters in the service's database",
                                           ["state"], registry=registry)
        self.process_cpu = Gauge("ets_process_cpu_seconds", "CPU seconds (user + system) each of the service's "
                                 "processes used since it started", ["process"], registry=registry)
        self.process_cpu.labels(process="service").set_function(time.process_time)  # read at each scrape
        self.write_lock_wait = Gauge("ets_write_lock_wait_seconds", "seconds each writer of the service's processes "
                                     "waited for the database's write lock (SQLite)", ["process", "writer"],
                                     registry=registry)
        self.write_lock_held = Gauge("ets_write_lock_held_seconds", "seconds each writer of the service's processes "
                                     "held the database's write lock (SQLite)", ["process", "writer"],
                                     registry=registry)
        self._write_lock: WriteLock | None = None  # this process's, read at each scrape or sent with its counts
        self.group_commit = {figure: Gauge(f"ets_group_commit_{figure}", f"{doc} since the process started",
                                           ["writer"], registry=registry)
                             for figure, doc in (("batches", "batches each group commit of the service committed"),
                                                 ("entries", "items each group commit of the service answered"),
                                                 ("busy_seconds", "seconds each group commit's thread spent on "
                                                                  "its batches (wall time)"),
                                                 ("cpu_seconds", "CPU seconds each group commit's thread spent on "
                                                                 "its batches"))}
        self._group_commits: list[GroupCommit] = []  # read at each scrape
        for kind in sorted(set(BUSINESS_EVENTS.values())):
            self.business.labels(kind=kind)  # every figure appears, at 0, from the start

    # -- counted as it happens -------------------------------------------------------------------------------
    def observe_request(self, method: str, route: str, status: int, seconds: float) -> None:
        self.http_latency.labels(method=method, route=route, status=str(status)).observe(seconds)

    def watch_write_lock(self, lock: WriteLock | None) -> None:
        """Report this process's write lock (its engine's on SQLite; None: nothing to report)."""
        self._write_lock = lock

    def watch_group_commit(self, group: GroupCommit) -> None:
        """Report a group commit's batches, items and its writer thread's time (`ets_group_commit_*`)."""
        self._group_commits.append(group)

    def forward_counts(self, send: Callable[[bytes], None]) -> None:
        """Count in another process's registry: what this process relays, applies and dead-letters is sent, as lines
        `<p|c|d>\t<subject>\t<times>`, to the process that serves `/metrics` (a companion process's counts,
        `ets_shared.companion`), which adds them with `add_forwarded`; each sending ends with this process's write
        lock so far (`<w|h>\t<writer>\t<seconds>`: waited, held) and the line `u\t\t<seconds>`: its CPU so far."""
        self._send = send

    def add_forwarded(self, lines: bytes) -> None:
        """Counts `forward_counts` sent (whole lines)."""
        published: Tally[str] = Tally()
        for line in lines.decode().splitlines():
            counter, subject, times = line.split("\t")
            if counter == "p":
                published[subject] += int(times)
            elif counter == "c":
                self.consumed.labels(subject=subject).inc(int(times))
            elif counter == "d":
                self.dead_lettered.labels(subject=subject).inc(int(times))
            elif counter == "u":
                self.process_cpu.labels(process="companion").set(float(times))
            elif counter == "w":
                self.write_lock_wait.labels(process="companion", writer=subject).set(float(times))
            elif counter == "h":
                self.write_lock_held.labels(process="companion", writer=subject).set(float(times))
        if published:
            self._published(published)

    def _forward(self, counter: str, subjects: Iterable[str]) -> None:
        assert self._send is not None
        lines = "".join(f"{counter}\t{subject}\t{times}\n" for subject, times in Tally(subjects).items())
        lock = self._write_lock
        if lock is not None:
            lines += "".join(f"w\t{holder}\t{seconds:.4f}\n" for holder, seconds in dict(lock.waited).items())
            lines += "".join(f"h\t{holder}\t{seconds:.4f}\n" for holder, seconds in dict(lock.held).items())
        self._send(f"{lines}u\t\t{time.process_time():.3f}\n".encode())

    def count_published(self, subjects: Iterable[str]) -> None:
        """A relayed batch: counted per subject, one `labels()` lookup each (per event, it was a tenth of the
        relay's CPU)."""
        if self._send is not None:
            self._forward("p", subjects)
            return
        self._published(Tally(subjects))

    def _published(self, tally: Tally[str]) -> None:
        n = 0
        for subject, times in tally.items():
            n += times
            kind = BUSINESS_EVENTS.get(subject)
            if kind is not None:
                self.business.labels(kind=kind).inc(times)
        self.published.inc(n)

    def count_consumed(self, subjects: Iterable[str]) -> None:
        """Events applied (a batch: one `labels()` lookup per subject)."""
        if self._send is not None:
            self._forward("c", subjects)
            return
        for subject, times in Tally(subjects).items():
            self.consumed.labels(subject=subject).inc(times)

    def count_dead_letter(self, subject: str) -> None:
        if self._send is not None:
            self._forward("d", [subject])
            return
        self.dead_lettered.labels(subject=subject).inc()

    # -- read at each scrape -----------------------------------------------------------------------------------
    def update_state(self, backlog: dict[str, Any], dead_letters: dict[str, int]) -> None:
        self.outbox_unpublished.set(backlog["outbox_unpublished"])
        oldest: datetime | None = backlog.get("oldest_unpublished_at")
        self.outbox_lag.set(max(0.0, (utcnow() - as_utc(oldest)).total_seconds()) if oldest else 0.0)
        for consumer in backlog.get("consumers", []):
            name = consumer["consumer"]
            self.consumer_pending.labels(consumer=name).set(consumer["pending"])
            self.consumer_unacknowledged.labels(consumer=name).set(consumer["unacknowledged"])
            self.consumer_redelivered.labels(consumer=name).set(consumer.get("redelivered", 0))
        for state, count in dead_letters.items():
            self.dead_letters_recorded.labels(state=state).set(count)
        if (lock := self._write_lock) is not None:
            for holder, seconds in dict(lock.waited).items():
                self.write_lock_wait.labels(process="service", writer=holder).set(seconds)
            for holder, seconds in dict(lock.held).items():
                self.write_lock_held.labels(process="service", writer=holder).set(seconds)
        figures = self.group_commit
        for group in self._group_commits:
            figures["batches"].labels(writer=group.name).set(group.batches)
            figures["entries"].labels(writer=group.name).set(group.entered)
            figures["busy_seconds"].labels(writer=group.name).set(group.busy)
            figures["cpu_seconds"].labels(writer=group.name).set(group.cpu)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)
