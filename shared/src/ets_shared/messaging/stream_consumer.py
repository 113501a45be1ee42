"""One ordered, durable JetStream consumer per (consuming service, producer stream).

The consumer `<service>--<producer>` (e.g. `enforcement--allocation`) filters the producer's stream to the subjects
the service has handlers for, so the service sees that producer's events in the order they were published, and
hands them to the `EventApplier` in pulled batches (one transaction each). Acknowledgement is `AckPolicy.ALL`,
sent once a batch is resolved: nothing later is ever acknowledged before something earlier is applied.

Replicas of a service share one consumer through a **pinned-client priority group** (NATS ≥ 2.11): the server
delivers to one replica at a time; the others stand by and take over when it stops pulling. The pinned replica
keeps a pull request open (`pull_expires` < `pin_timeout`) and marks the batch it is applying as in progress
(`heartbeat` < `ack_wait`). A replica that dies (SIGKILL) is unpinned after `pin_timeout` (3 s); the replica pinned
next — or the same service restarted — first **takes over**: it reads what was delivered and never acknowledged
straight from the stream and applies it in stream order, before anything newer (issue 9, finding 6: recovery in
seconds, without waiting out the ack wait; and in order, which the server's own redeliveries are not always).
A clean stop hands its unapplied events back and unpins at once.

The pull requests are written here, not through nats-py's `fetch`, because nats-py cannot name a priority group,
and its `fetch` waits for a full batch once a pull lingers: here each event is queued the moment it arrives.
"""
from __future__ import annotations

import asyncio
import json
import logging
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ets_shared.messaging.consumers import Delivery, EventApplier, Route, durable_name, retry_delay
from ets_shared.messaging.read_loop import subscribe_in_read_loop
from ets_shared.messaging.streams import stream_name
from ets_shared.messaging.take_over import position, unacknowledged

log = logging.getLogger("ets.consumers")
GROUP = "ordered"
_STOP = object()


@dataclass(frozen=True)
class ConsumerTiming:
    ack_wait: float = 4.0
    pin_timeout: float = 3.0
    pull_expires: float = 1.0
    heartbeat: float = 4.0 / 3

    @classmethod
    def of(cls, ack_wait: float, pin_timeout: float) -> "ConsumerTiming":
        return cls(ack_wait=ack_wait, pin_timeout=pin_timeout, pull_expires=min(4.0, pin_timeout / 3),
                   heartbeat=ack_wait / 3)

    def __post_init__(self) -> None:
        if not (self.heartbeat < self.ack_wait and self.pull_expires < self.pin_timeout):
            raise ValueError("consumer timing must keep heartbeat < ack_wait (a batch being applied is never "
                             "redelivered) and pull_expires < pin_timeout (a live replica stays pinned)")


def _ns(seconds: float) -> int:
    return int(seconds * 1_000_000_000)


class StreamConsumer:
    def __init__(self, service: str, producer: str, routes: Mapping[str, Route], applier: EventApplier, *,
                 batch_size: int, timing: ConsumerTiming = ConsumerTiming(), companion: bool = False) -> None:
        self.service, self.producer = service, producer
        # `companion`: the consumer of the service's companion process (`ets_shared.companion`), a durable of its own
        self.stream, self.durable = stream_name(producer), durable_name(service, producer, companion)
        self.routes = dict(routes)
        self.subjects = sorted(routes)
        self.applier = applier
        self.batch_size = batch_size
        self.timing = timing
        self._nc: Any = None
        self._queue: asyncio.Queue = asyncio.Queue()
        self._held: deque = deque()  # delivered, not yet acknowledged, in delivery order
        self._pin: str | None = None
        self._recovered_for: str | None = None  # the pin under which what others left unacknowledged was applied
        self._taken: set[int] = set()  # stream sequences applied by that take-over, skipped when delivered
        self._request_done = asyncio.Event()
        self._requested = self._received = 0
        self._status: str | None = None
        self._tasks: list[asyncio.Task] = []
        self._stopping = False
        self._sub: Any = None

    # -- the consumer's definition on the server ---------------------------------------------------------------
    def config(self, start_sequence: int | None = None) -> dict[str, Any]:
        config = {
            "durable_name": self.durable, "description": f"{self.service} applies {self.producer}'s events in order",
            "ack_policy": "all", "ack_wait": _ns(self.timing.ack_wait), "max_deliver": -1,
            "max_ack_pending": 2 * self.batch_size, "filter_subjects": self.subjects, "replay_policy": "instant",
            "priority_groups": [GROUP], "priority_policy": "pinned_client",
            "priority_timeout": _ns(self.timing.pin_timeout), "deliver_policy": "all",
        }
        if start_sequence is not None:
            config.update(deliver_policy="by_start_sequence", opt_start_seq=start_sequence)
        return config

    async def _api(self, verb: str, body: dict | None = None) -> dict:
        reply = await self._nc.request(f"$JS.API.{verb}", json.dumps(body).encode() if body else b"", timeout=5)
        return json.loads(reply.data)

    async def ensure(self) -> None:
        """Create the consumer, or bring it to this definition. A changed set of subjects starts it again from the
        beginning of the stream (the inbox skips what was applied). Consumers of the earlier layout, one per
        (service, contract), hand over their position and are removed."""
        info = await self._api(f"CONSUMER.INFO.{self.stream}.{self.durable}")
        current = info.get("config")
        legacy = await self._legacy_consumers()
        filtered = current and (current.get("filter_subjects") or [current.get("filter_subject")])
        if current is not None and filtered == self.subjects and current.get("priority_policy") == "pinned_client":
            await self._create(self.config() | {k: current[k] for k in ("deliver_policy", "opt_start_seq")
                                                 if k in current}, "update")
        else:
            if current is not None:
                await self._api(f"CONSUMER.DELETE.{self.stream}.{self.durable}")
            floors = [c["ack_floor"]["stream_seq"] for c in legacy]
            await self._create(self.config(min(floors) + 1 if floors else None), "create")
        for old in legacy:
            await self._api(f"CONSUMER.DELETE.{self.stream}.{old['name']}")

    async def _create(self, config: dict, action: str) -> None:
        answer = await self._api(f"CONSUMER.CREATE.{self.stream}.{self.durable}",
                                 {"stream_name": self.stream, "config": config, "action": action})
        if "error" in answer:
            raise RuntimeError(f"consumer {self.durable} on {self.stream}: {answer['error']}")

    async def _legacy_consumers(self) -> list[dict]:
        names = (await self._api(f"CONSUMER.NAMES.{self.stream}")).get("consumers") or []
        legacy = []
        for name in names:
            if name.startswith(f"{self.durable}-"):
                legacy.append(await self._api(f"CONSUMER.INFO.{self.stream}.{name}"))
        return legacy

    async def lag(self) -> dict[str, Any]:
        """What this consumer has not applied yet: not delivered (`pending`) and delivered but not acknowledged."""
        info = await self._api(f"CONSUMER.INFO.{self.stream}.{self.durable}")
        return {"stream": self.stream, "consumer": self.durable, "subjects": self.subjects,
                "pending": info.get("num_pending", 0), "unacknowledged": info.get("num_ack_pending", 0),
                "redelivered": info.get("num_redelivered", 0),
                "delivered_stream_sequence": info.get("delivered", {}).get("stream_seq", 0),
                "pinned_here": self._pin is not None}

    def observe(self, nc: Any) -> None:
        """Answer `lag` on this connection without consuming (the first process reporting its companion's)."""
        self._nc = nc

    # -- running -----------------------------------------------------------------------------------------------
    async def start(self, nc: Any) -> None:
        self._nc = nc
        await self.ensure()
        # each delivery queued in the read loop (`read_loop`): a `cb` subscription's own queue, task and coroutine
        # per message were a second hand-over before `_queue`
        self._sub = await subscribe_in_read_loop(nc, nc.new_inbox(), self._on_message)
        self._stopping = False
        self._tasks = [asyncio.create_task(self._pull_loop(), name=f"pull {self.durable}"),
                       asyncio.create_task(self._apply_loop(), name=f"apply {self.durable}")]

    async def stop(self, timeout: float = 30.0) -> None:
        if not self._tasks:
            return
        pull, apply = self._tasks
        self._tasks = []
        pull.cancel()
        self._stopping = True
        self._queue.put_nowait(_STOP)
        done, _ = await asyncio.wait([pull, apply], timeout=timeout)
        if apply not in done:
            apply.cancel()  # its transaction may still commit: the event stays unacknowledged, the inbox dedupes
        try:
            await self._sub.unsubscribe()
            while not self._queue.empty():  # handed back in order, for the next pinned replica
                msg = self._queue.get_nowait()
                if msg is not _STOP:
                    await msg.nak()
            await self._api(f"CONSUMER.UNPIN.{self.stream}.{self.durable}", {"group": GROUP})
        except Exception as exc:  # noqa: BLE001 - NATS gone: the events come back after ack_wait
            log.info("%s: clean hand-over failed: %r", self.durable, exc)

    def _on_message(self, msg: Any) -> None:
        """A delivery or a pull's status, taken in nats-py's read loop: must not raise there."""
        try:
            self._take(msg)
        except Exception:  # a failure here must not break the connection's read loop
            log.exception("%s: unreadable delivery on %s", self.durable, getattr(msg, "subject", "?"))

    def _take(self, msg: Any) -> None:
        headers = msg.headers or {}
        status = headers.get("Status") if not msg.data else None
        if status is None:
            self._pin = headers.get("Nats-Pin-Id", self._pin)
            self._held.append(msg)
            self._queue.put_nowait(msg)
            self._received += 1
            if self._received >= self._requested:
                self._request_done.set()
        elif status != "100":  # 100 is an idle heartbeat; 404/408 end a pull, 423 means another replica is pinned
            if status == "423":
                self._pin = None
            self._status = status
            self._request_done.set()

    async def _pull_loop(self) -> None:
        subject = f"$JS.API.CONSUMER.MSG.NEXT.{self.stream}.{self.durable}"
        while True:
            self._request_done.clear()
            self._requested, self._received, self._status = self.batch_size, 0, None
            request: dict[str, Any] = {"batch": self.batch_size, "expires": _ns(self.timing.pull_expires),
                                       "group": GROUP}
            if self._pin:
                request["id"] = self._pin
            try:
                await self._nc.publish(subject, json.dumps(request).encode(), reply=self._sub.subject)
                async with asyncio.timeout(self.timing.pull_expires + 2):
                    await self._request_done.wait()
            except TimeoutError:
                continue  # no answer (reconnecting): ask again
            except Exception as exc:  # noqa: BLE001 - logged; the loop asks again after a second
                log.warning("%s: pull failed: %r", self.durable, exc)
                await asyncio.sleep(1)
            if self._status not in (None, "404", "408", "423"):
                log.info("%s: pull ended with status %s; checking the consumer", self.durable, self._status)
                await asyncio.sleep(1)
                try:  # recreated only when gone: during a rolling update, an older replica must not undo a newer one
                    if "config" not in await self._api(f"CONSUMER.INFO.{self.stream}.{self.durable}"):
                        await self.ensure()
                except Exception as exc:  # noqa: BLE001 - logged; checked again at the next pull
                    log.warning("%s: %r", self.durable, exc)

    async def _apply_loop(self) -> None:
        while not self._stopping:
            first = await self._queue.get()
            if first is _STOP:
                return
            batch = [first]
            while len(batch) < self.batch_size and not self._queue.empty():
                msg = self._queue.get_nowait()
                if msg is _STOP:
                    self._queue.put_nowait(_STOP)
                    break
                batch.append(msg)
            await self._apply(batch)

    async def _apply(self, batch: list[Any]) -> None:
        deliveries: list[Delivery] = []
        if self._pin != self._recovered_for:  # newly pinned: first what a dead replica left (take_over)
            deliveries = await unacknowledged(self._api, self.stream, self.producer, self.durable, self.routes,
                                              self._held)
            self._taken = {d.sequence for d in deliveries if d.sequence is not None}
            self._recovered_for = self._pin
            if len(deliveries) > len(batch):
                log.info("%s: took over %d unacknowledged events", self.durable, len(deliveries))
        sequences = []
        for msg in batch:
            sequence, _, delivered = position(msg)
            sequences.append(sequence)
            if sequence not in self._taken:
                deliveries.append(Delivery.decode(msg.subject, msg.data, self.routes, deliveries=delivered,
                                                  sequence=sequence, headers=msg.headers))
        heartbeat = asyncio.create_task(self._in_progress())
        try:
            attempt = 0
            while True:
                try:
                    await self.applier.apply(deliveries)
                    break
                except Exception as exc:  # noqa: BLE001 - a dead letter could not be recorded: try the batch again
                    attempt += 1
                    log.error("%s: batch not resolved (%r); retrying", self.durable, exc)
                    await asyncio.sleep(retry_delay(attempt))
        finally:
            heartbeat.cancel()
        last_sequence = max(sequences)  # everything before it is applied
        try:
            await batch[sequences.index(last_sequence)].ack_sync()
        except Exception as exc:  # noqa: BLE001 - redelivered later; the inbox applies nothing twice
            log.warning("%s: acknowledgement failed: %r", self.durable, exc)
        self._taken = {seq for seq in self._taken if seq > last_sequence}
        for _ in batch:
            self._held.popleft()

    async def _in_progress(self) -> None:
        """While a batch is applied, everything delivered and not yet acknowledged stays ours."""
        while True:
            await asyncio.sleep(self.timing.heartbeat)
            for msg in list(self._held):
                await msg.in_progress()
