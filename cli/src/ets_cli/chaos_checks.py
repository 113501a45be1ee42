"""What `ets chaos` checks once its compliance years are over: the chaos year's final states equal the clean year's,
every stream holds each event id once, every outbox is empty, and every service applied each event it consumes
exactly once (its inbox holds one row per distinct event on its subjects, and nothing was dead-lettered)."""
from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import nats

from ets_cli.bench import Bench
from ets_cli.client import PlatformClient
from ets_cli.platform import Platform
from ets_shared.messaging.streams import DLQ_STREAM

VOLATILE = re.compile(r"(^id$|_id$|_at$|_ref$|^correlation|^causation|^seq)")  # ids, event ids, wall-clock times


def _stable(row: dict, replace: dict[str, str]) -> str:
    """A row without what differs between two runs of the same year (ids, wall-clock times), run names replaced."""
    kept = {k: v for k, v in sorted(row.items()) if not VOLATILE.search(k)}
    text = json.dumps(kept, sort_keys=True, default=str)
    for old, new in replace.items():
        text = text.replace(old, new)
    return text


async def final_states(bench: Bench) -> list[str]:
    """Per entity, in order: its obligation and its enforcement cases, comparable across runs."""
    replace = {bench.run: "RUN", str(bench.Y + 1): "Y+1", str(bench.Y): "Y"}
    obligations = {o["entity_id"]: o for o in await bench._all("allocation", "/obligations", "authority")}
    cases: dict[str, list[str]] = {}
    for case in await bench._all("enforcement", "/cases", "enforcement_officer"):
        cases.setdefault(case["party_id"], []).append(_stable(case, replace))
    return [_stable(obligations.get(eid, {}), replace) + " | " + " ; ".join(sorted(cases.get(eid, [])))
            for eid in bench.ids]


async def stream_events(platform: Platform) -> dict[str, Counter]:
    """Every event id in every producer stream, counted, by subject (read with an ordered consumer, as an observer)."""
    nc = await nats.connect(platform.nats_servers, max_reconnect_attempts=-1, **platform.nats_options("observer"))
    js = nc.jetstream()
    by_subject: dict[str, Counter] = {}
    for info in await js.streams_info():
        subjects = info.config.subjects
        if info.config.name == DLQ_STREAM or not info.state.messages or not subjects:
            continue
        sub = await js.subscribe(subjects[0], ordered_consumer=True)
        for _ in range(info.state.messages):
            msg = await sub.next_msg(timeout=10)
            by_subject.setdefault(msg.subject, Counter())[json.loads(msg.data)["event_id"]] += 1
        await sub.unsubscribe()
    await nc.close()
    return by_subject


def inbox_counts(data_dir: Path, services: list[str]) -> dict[str, int]:
    counts = {}
    for service in services:
        with sqlite3.connect(data_dir / "db" / f"{service}.sqlite") as db:
            counts[service] = db.execute("SELECT count(*) FROM inbox_message").fetchone()[0]
    return counts


async def check(client: PlatformClient, platform: Platform, clean: list[str], chaotic: list[str]) -> dict[str, Any]:
    """The four properties, each with what was found; `ok` when all hold."""
    backlogs = await client.backlogs()
    events = await stream_events(platform)
    repeated = {s: [e for e, n in ids.items() if n > 1] for s, ids in events.items()}
    consumed = {service: set().union(*(set(events.get(subject, ())) for c in b["consumers"]
                                       for subject in c["subjects"]))
                for service, b in backlogs.items()}
    inbox = inbox_counts(platform.data_dir, list(backlogs))
    letters = {s: len(await client.get(s, "/dead-letters", role="authority")) for s in backlogs}
    unpublished: dict[str, int] = {s: b["outbox_unpublished"] for s, b in backlogs.items()}
    inbox_vs_consumed = {s: (inbox[s], len(consumed[s])) for s in backlogs}
    twice = sum(len(r) for r in repeated.values())
    return {
        "final states equal the clean run's": clean == chaotic,
        "states differing": sum(a != b for a, b in zip(clean, chaotic, strict=False)) + abs(len(clean) - len(chaotic)),
        "first difference": next(((a, b) for a, b in zip(clean, chaotic, strict=False) if a != b), None),
        "events in the streams": sum(sum(c.values()) for c in events.values()),
        "event ids stored twice": twice,
        "outboxes unpublished": unpublished,
        "inbox rows / distinct events consumed": inbox_vs_consumed,
        "dead letters": letters,
        "ok": (clean == chaotic and not twice and not any(unpublished.values()) and not any(letters.values())
               and all(rows == distinct for rows, distinct in inbox_vs_consumed.values())),
    }
