"""`ets department --as <department>`: the reference integration of a government department's system — the template a
department's IT team copies. It needs only a NATS client and a database of its own (here nats-py and SQLite); no
platform code.

- **A durable JetStream consumer** `department-<name>` on the enforcement stream, filtered to the subjects the
  department acts on. JetStream remembers how far it got: after a crash or a restart the adapter goes on where it
  stopped, and everything published meanwhile is delivered.
- **Exactly once in its own store**: each event is written in one SQLite transaction — the event itself (keyed by
  its `event_id`) and what it means for the department — and only then acknowledged. Killed before the commit, the
  event is delivered again and applied; killed after the commit but before the acknowledgement, it is delivered
  again and recognised by its `event_id`: never applied twice, never missed.
- **What concerns it**: a department keeps the measures that bind it (the tax bureau: the violations it is notified
  of; finance: special funds and awards; project approval: refused energy assessments; the credit platform: every
  credit record and measure), with their first and last day, and undoes them when a revoked decision lifts them.
  For a question at a counter it would call the query API (`GET /entities/{id}/special-fund-eligibility`, ...).

Store (`.ets/departments/<name>.sqlite` by default): `received` — every event applied, once; `measures` — what binds
the department, per entity and case. `ets department --as tax --exit-when-idle 5` stops after 5 quiet seconds.
"""
from __future__ import annotations

import asyncio
import json
import signal
import sqlite3
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import nats
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from nats.js.errors import NotFoundError

STREAM = "ETS_ENFORCEMENT"
CREDIT, NOTIFIED = "ets.enforcement.credit-record.entered.v1", "ets.enforcement.departments.notified.v1"
APPLIED, LIFTED = "ets.enforcement.measures.applied.v1", "ets.enforcement.measures.lifted.v1"

Row = tuple[str, str, str | None, str | None]  # (measure, party_id, starts_on, ends_on)


def _notice(name: str) -> Callable[[dict], list[Row]]:
    """M-40(1): the department is notified of a violation (工商, 税务, 金融)."""
    def rows(data: dict) -> list[Row]:
        if name not in data["departments"]:
            return []
        return [("violation_notified", data["party_id"], data.get("starts_on"), data.get("ends_on"))]
    return rows


def _measures(*kinds: str) -> Callable[[dict], list[Row]]:
    """M-40(2)-(3): the measures of the kinds this department administers."""
    def rows(data: dict) -> list[Row]:
        return [(m["kind"], data["party_id"], m.get("starts_on") or f"{m['from_year']}-01-01",
                 m.get("ends_on") or f"{m['to_year']}-12-31") for m in data["measures"] if m["kind"] in kinds]
    return rows


def _credit_record(data: dict) -> list[Row]:
    return [("credit_record", data["party_id"], data.get("starts_on"), data.get("ends_on"))]


DEPARTMENTS: dict[str, dict[str, Callable[[dict], list[Row]]]] = {
    "credit_platform": {CREDIT: _credit_record, APPLIED: _measures("special_fund_ineligible", "award_ineligible",
                                                                   "project_assessment_refused")},
    "market_regulation": {NOTIFIED: _notice("market_regulation")},
    "tax": {NOTIFIED: _notice("tax")},
    "finance": {NOTIFIED: _notice("finance"), APPLIED: _measures("special_fund_ineligible", "award_ineligible")},
    "project_approval": {APPLIED: _measures("project_assessment_refused")},
}

SCHEMA = """
CREATE TABLE IF NOT EXISTS received (
    event_id TEXT PRIMARY KEY, stream_seq INTEGER NOT NULL, subject TEXT NOT NULL, event_type TEXT NOT NULL,
    correlation_id TEXT NOT NULL, case_id TEXT, party_id TEXT, occurred_at TEXT NOT NULL, payload TEXT NOT NULL,
    received_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS measures (
    case_id TEXT NOT NULL, measure TEXT NOT NULL, party_id TEXT NOT NULL, starts_on TEXT, ends_on TEXT,
    event_id TEXT NOT NULL REFERENCES received(event_id), lifted_at TEXT, PRIMARY KEY (case_id, measure));
"""


class DepartmentStore:
    """The department's own database. `apply` is one transaction: the event and its effect, or neither."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, isolation_level=None)  # explicit BEGIN/COMMIT below
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")  # what it acknowledged survives a power cut
        self.db.executescript(SCHEMA)

    def apply(self, envelope: dict, subject: str, stream_seq: int,
              effect: Callable[[dict], list[Row]] | None) -> bool:
        """Record the event and what it means here; False when it had been applied before (a redelivery)."""
        data = envelope["data"]
        self.db.execute("BEGIN IMMEDIATE")
        try:
            fresh = self.db.execute(
                "INSERT INTO received VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(event_id) DO NOTHING",
                (envelope["event_id"], stream_seq, subject, envelope["event_type"], envelope["correlation_id"],
                 data.get("case_id"), data.get("party_id"), envelope["occurred_at"], json.dumps(envelope),
                 datetime.now(timezone.utc).isoformat())).rowcount == 1
            if fresh and subject == LIFTED:
                self.db.execute("UPDATE measures SET lifted_at = ? WHERE case_id = ? AND lifted_at IS NULL",
                                (data["lifted_at"], data["case_id"]))
            elif fresh and effect is not None:
                self.db.executemany(
                    "INSERT INTO measures (case_id, measure, party_id, starts_on, ends_on, event_id) "
                    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(case_id, measure) DO NOTHING",
                    [(data["case_id"], measure, party, starts, ends, envelope["event_id"])
                     for measure, party, starts, ends in effect(data)])
            self.db.execute("COMMIT")
            return fresh
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def counts(self) -> tuple[int, int]:
        return (self.db.execute("SELECT count(*) FROM received").fetchone()[0],
                self.db.execute("SELECT count(*) FROM measures WHERE lifted_at IS NULL").fetchone()[0])


def consumer_config(name: str, ack_wait: float = 30.0) -> ConsumerConfig:
    """`ack_wait`: how long the server waits for an acknowledgement before it delivers an event again (an adapter
    that died while holding it)."""
    return ConsumerConfig(durable_name=f"department-{name}", name=f"department-{name}",
                          description=f"reference department adapter: {name}", deliver_policy=DeliverPolicy.ALL,
                          ack_policy=AckPolicy.EXPLICIT, ack_wait=ack_wait, max_deliver=-1, max_ack_pending=256,
                          filter_subjects=department_subjects(name))


def department_subjects(name: str) -> list[str]:
    """What department `name` consumes: its subjects and every lifting of a measure."""
    return sorted({*DEPARTMENTS[name], LIFTED})


async def run_department(name: str, nats_url: str, store_path: Path, *, exit_when_idle: float | None = None,
                         ack_wait: float = 30.0, log: Callable[[str], None] = print,
                         nats_options: dict | None = None) -> tuple[int, int]:
    """Consume until stopped (SIGINT/SIGTERM) or, with `exit_when_idle`, until that many seconds pass without an
    event. Returns (events applied, redeliveries recognised)."""
    effects = DEPARTMENTS[name]
    store = DepartmentStore(store_path)
    nc = await nats.connect(nats_url, name=f"department-{name}", max_reconnect_attempts=-1, **(nats_options or {}))
    js = nc.jetstream()
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        asyncio.get_running_loop().add_signal_handler(sig, stop.set)
    await _ensure_consumer(js, consumer_config(name, ack_wait), stop)
    sub = await js.pull_subscribe_bind(durable=f"department-{name}", stream=STREAM)
    applied = repeated = 0
    idle_since = asyncio.get_running_loop().time()
    log(f"department {name}: consuming {', '.join(department_subjects(name))} into {store_path}")
    try:
        while not stop.is_set():
            try:
                messages = await sub.fetch(batch=64, timeout=1.0)
            except (nats.errors.TimeoutError, asyncio.TimeoutError):
                if exit_when_idle is not None and asyncio.get_running_loop().time() - idle_since >= exit_when_idle:
                    break
                continue
            idle_since = asyncio.get_running_loop().time()
            for msg in messages:
                envelope = json.loads(msg.data)
                if store.apply(envelope, msg.subject, msg.metadata.sequence.stream, effects.get(msg.subject)):
                    applied += 1
                    log(f"department {name}: {envelope['event_type']} {envelope['data'].get('case_id')} "
                        f"({envelope['data'].get('party_id')})")
                else:
                    repeated += 1
                await msg.ack_sync()  # only after the commit: a crash in between redelivers, the store dedupes
    finally:
        await nc.close()  # every event handled was acknowledged synchronously: nothing is left to flush
        events, binding = store.counts()
        log(f"department {name}: {applied} applied, {repeated} redeliveries recognised; store holds {events} "
            f"events, {binding} measures in force")
    return applied, repeated


async def _ensure_consumer(js, config: ConsumerConfig, stop: asyncio.Event) -> None:
    """Create the durable consumer once; it already exists after a restart (and keeps its position)."""
    while not stop.is_set():
        try:
            await js.consumer_info(STREAM, config.durable_name)
            return
        except NotFoundError:
            try:
                await js.add_consumer(STREAM, config)
                return
            except NotFoundError:  # the stream does not exist yet: the platform is starting
                await asyncio.sleep(1.0)


def run(args) -> int:
    from ets_cli.platform import nats_options
    from ets_shared.settings import PlatformSettings

    name = args.department
    store = Path(args.store or Path(args.data_dir) / "departments" / f"{name}.sqlite")
    asyncio.run(run_department(name, args.nats_url or PlatformSettings().nats_url, store,
                               exit_when_idle=args.exit_when_idle, ack_wait=args.ack_wait,
                               log=lambda line: print(line, flush=True),
                               nats_options=nats_options("observer", args.data_dir)))
    return 0
