"""Publishing a batch of outbox rows to JetStream, pipelined on one connection, and learning which were stored.

Each message goes out as a plain publish whose reply subject names the batch and its place in it; the stream's
acknowledgements come back to one inbox subscription opened once per connection. It is what nats-py's
`publish_async` does per message (a reply subject, a future, a semaphore, a done-callback, then a `gather` over the
batch's futures), without that per-message machinery: the relay publishes one batch at a time (its flushes never
overlap), so one record of the batch in flight is enough. An acknowledgement of an earlier batch (one that timed out)
is told apart by its batch number and ignored. The headers each message carries are unchanged: its trace context
and `Nats-Msg-Id` = event id, so the stream stores a message published twice once.

On a connected client the batch goes to the connection's write buffer as one block of HPUB frames (`_frames`), the
bytes `Client.publish` would have queued message by message, without that call's subject and header checks,
header encoding and buffer bookkeeping per message (36.6 -> 28.1 µs per message published and acknowledged;
nats-py 2.16 has no batch publish; `_send_command`/`_flush_pending` are what its `publish` ends in). While it is
not connected (reconnecting, draining, closed) each message takes `publish`, which buffers or raises as it always
did.
"""
from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, cast

from nats.aio.client import Client
from nats.errors import BadHeaderError, BadSubjectError, MaxPayloadError
from nats.js.errors import APIError, NoStreamResponseError
from pydantic import TypeAdapter

if TYPE_CHECKING:
    from ets_shared.messaging.outbox_relay import OutgoingMessage

log = logging.getLogger("ets.outbox")
NO_RESPONDERS = "503"
# pydantic's JSON parser: the stream's answers are small UTF-8 JSON objects, read as `json.loads` reads them in half
# its time (`json.loads` of bytes first guesses their encoding); invalid JSON raises a ValueError as it does
_JSON = TypeAdapter(Any)


class _InFlight:
    __slots__ = ("number", "event_ids", "answered", "waiting", "acked", "done")

    def __init__(self, number: int, event_ids: list[str]) -> None:
        self.number, self.event_ids = number, event_ids
        self.answered: list[bool] = [False] * len(event_ids)
        self.waiting = len(event_ids)  # not answered yet
        self.acked: set[str] = set()
        self.done = asyncio.Event()
        if not event_ids:
            self.done.set()


class JetStreamPublisher:
    """A `BatchPublisher`: publishes a batch in order and returns the event ids the stream acknowledged."""

    def __init__(self, nc: Any, timeout: float = 10.0) -> None:
        self._nc = nc
        self._timeout = timeout
        self._prefix: str | None = None  # the inbox the acknowledgements come to: `<inbox>.<batch>.<index>`
        self._numbers = itertools.count()
        self._in_flight: _InFlight | None = None

    async def __call__(self, batch: Sequence[OutgoingMessage]) -> set[str]:
        if self._prefix is None:
            inbox = self._nc.new_inbox()
            if isinstance(self._nc, Client):
                # not a Future: what nats-py calls of one (`_Answers`)
                await self._nc.subscribe(f"{inbox}.*.*", future=cast(asyncio.Future, _Answers(self._answer)))
            else:
                await self._nc.subscribe(f"{inbox}.*.*", cb=self._on_answer)
            self._prefix = inbox
        in_flight = self._in_flight = _InFlight(next(self._numbers), [message.event_id for message in batch])
        reply = f"{self._prefix}.{in_flight.number}."
        nc = self._nc
        if isinstance(nc, Client) and nc.is_connected and not nc.is_draining and batch:
            frames = _frames(batch, reply, nc.max_payload)
            nc.stats["out_msgs"] += len(batch)
            nc.stats["out_bytes"] += sum(len(message.payload) for message in batch)
            await nc._send_command(frames)  # what `publish` queues, once for the batch, then flushed as it does
            if nc._flush_queue is not None and nc._flush_queue.empty():
                await nc._flush_pending()
        else:
            for index, message in enumerate(batch):
                await nc.publish(message.subject, message.payload, reply=f"{reply}{index}",
                                 headers={**message.headers, "Nats-Msg-Id": message.event_id})
        try:
            async with asyncio.timeout(self._timeout):  # not wait_for: on 3.11 it can swallow the relay's cancellation
                await in_flight.done.wait()
        finally:
            self._in_flight = None
        return in_flight.acked

    async def _on_answer(self, msg: Any) -> None:
        self._answer(msg)

    def _answer(self, msg: Any) -> None:
        """Count one acknowledgement (or refusal) towards the batch in flight; never raises (see `_Answers`)."""
        try:
            self._count(msg)
        except Exception:  # a bad answer must not break the connection's read loop (nats-py calls this there)
            log.exception("unreadable answer on %s", getattr(msg, "subject", "?"))

    def _count(self, msg: Any) -> None:
        in_flight = self._in_flight
        if in_flight is None or self._prefix is None:
            return
        number, _, index = msg.subject[len(self._prefix) + 1:].partition(".")
        if not (number.isdigit() and index.isdigit()) or int(number) != in_flight.number:
            return  # an answer to a batch that timed out
        position = int(index)
        if position >= len(in_flight.answered) or in_flight.answered[position]:
            return
        in_flight.answered[position] = True
        in_flight.waiting -= 1
        event_id = in_flight.event_ids[position]
        failure = _failure(msg)
        if failure is None:
            in_flight.acked.add(event_id)
        else:
            log.warning("publish of %s failed: %r", event_id, failure)
        if in_flight.waiting == 0:
            in_flight.done.set()


class _Answers:
    """Where nats-py hands the acknowledgements: given as a subscription's `future`, its `set_result(msg)` is called
    for every message in the connection's read loop (`Client._process_msg`), which is all the batch's bookkeeping
    needs. A `cb` subscription instead queues each message, wakes a task for it and awaits a coroutine per
    message. It is never done, so nats-py goes on handing it messages; what it calls must not raise."""

    __slots__ = ("_answer",)

    def __init__(self, answer: Callable[[Any], None]) -> None:
        self._answer = answer

    def cancelled(self) -> bool:
        return False

    def done(self) -> bool:
        return False

    def set_result(self, msg: Any) -> None:
        self._answer(msg)


_VALID_SUBJECTS: set[str] = set()  # the outbox's few subjects, each checked once
_NEWLINES = str.maketrans({"\r": " ", "\n": " "})


def _frames(batch: Sequence[OutgoingMessage], reply: str, max_payload: int) -> bytes:
    """The batch's HPUB frames, byte for byte those `Client.publish` writes for each message with `reply` + its index
    and the headers {trace context, `Nats-Msg-Id`} (same order, same value cleaning), with its refusals: an empty or
    blank-containing subject, a header name outside the token characters, a payload over the server's limit."""
    out = bytearray()
    for index, message in enumerate(batch):
        subject, payload = message.subject, message.payload
        if subject not in _VALID_SUBJECTS:
            if not subject or any(c in subject for c in " \t\r\n"):
                raise BadSubjectError
            _VALID_SUBJECTS.add(subject)
        if len(payload) > max_payload:
            raise MaxPayloadError
        header = "NATS/1.0\r\n"
        for key, value in {**message.headers, "Nats-Msg-Id": message.event_id}.items():
            if key not in _KNOWN_KEYS:
                key = key.strip()
                if not key:
                    continue
                if not _token(key):
                    raise BadHeaderError(key)
            header += f"{key}: {value.strip().translate(_NEWLINES)}\r\n"
        head = f"{header}\r\n".encode()
        out += f"HPUB {subject} {reply}{index} {len(head)} {len(head) + len(payload)}\r\n".encode()
        out += head
        out += payload
        out += b"\r\n"
    return bytes(out)


_KNOWN_KEYS = frozenset({"traceparent", "tracestate", "Nats-Msg-Id"})  # valid header names as they are


def _token(key: str) -> bool:
    """A header name NATS accepts (nats-py's `_HEADER_KEY_RE`: RFC 7230's token characters)."""
    return all(c.isascii() and (c.isalnum() or c in "!#$%&'*+-.^_`|~") for c in key)


def _failure(msg: Any) -> BaseException | None:
    """None when the stream stored the message (or had it already); otherwise why not."""
    if msg.headers and msg.headers.get("Status") == NO_RESPONDERS:
        return NoStreamResponseError()
    try:
        answer = _JSON.validate_json(msg.data)
    except ValueError as exc:
        return exc
    if not isinstance(answer, dict):
        return ValueError(f"not a publish acknowledgement: {msg.data[:200]!r}")
    error = answer.get("error")
    if error is None and "stream" in answer and "seq" in answer:
        return None
    if not isinstance(error, dict):
        return ValueError(f"not a publish acknowledgement: {msg.data[:200]!r}")
    try:
        APIError.from_error(error)  # raises the error's own class, as publish_async's future held it
    except Exception as exc:  # noqa: BLE001 - APIError's subclass; a malformed error answer is still a failure
        return exc
    return APIError(**error)
