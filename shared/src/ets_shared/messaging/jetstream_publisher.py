"""Publishing a batch of outbox rows to JetStream, pipelined on one connection, and learning which were stored.

Each message goes out as a plain publish whose reply subject names the batch and its place in it; the stream's
acknowledgements come back to one inbox subscription opened once per connection. It is what nats-py's
`publish_async` does per message (a reply subject, a future, a semaphore, a done-callback, then a `gather` over the
batch's futures), without that per-message machinery: the relay publishes one batch at a time (its flushes never
overlap), so one record of the batch in flight is enough. An acknowledgement of an earlier batch (one that timed out)
is told apart by its batch number and ignored. The headers each message carries are unchanged: its trace context
and `Nats-Msg-Id` = event id, so the stream stores a message published twice once.

On a server with fast-ingest batches (2.14+, ADR-50; the platform's streams are made with `allow_batched`) a batch of
`FAST_MIN` messages or more goes out as one (`_publish_fast`, `_FastBatch`): the server answers its start with the
flow it allows and its committing last message with one PubAck counting the messages stored — two answers instead of
one per message, each of which nats-py reads, parses and hands over and `_count` counts (client CPU per message
published and acknowledged 20.6 -> 12.0 µs at 46-message batches, 19.2 -> 9.5 at 150; the server's the same).
Deduplication by `Nats-Msg-Id` is as for plain publishes (a duplicate is dropped and counted stored). A message
refused or taken by no stream ends the batch; the messages from it on are published one by one, the outcome of
today's path. A server before 2.14, or a stream answering that it takes no such batches (found at the first batch),
gets plain publishes from then on. The atomic batches of 2.12 are not used: they refuse a whole batch holding one
duplicate (10201), which is what the relay's publishing again after a crash sends, and they add batch headers to
the stored messages.

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
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from nats.aio.client import Client
from nats.errors import BadHeaderError, BadSubjectError, MaxPayloadError
from nats.js.errors import APIError, NoStreamResponseError
from pydantic import TypeAdapter

from ets_shared.messaging.read_loop import subscribe_in_read_loop

if TYPE_CHECKING:
    from ets_shared.messaging.outbox_relay import OutgoingMessage

log = logging.getLogger("ets.outbox")
NO_RESPONDERS = "503"
FAST_INGEST_SINCE = (2, 14)  # the server version with fast-ingest batches (stream config `allow_batched`)
FAST_MIN = 8  # a smaller batch is acknowledged message by message: a fast batch's own cost on client and server
# (its start, its flow acknowledgement) outweighs the answers it saves below it (5 messages: +8 µs per message
# on each; 8: -8 µs on the client, the same on the server)
FLOW = 500  # the flow asked for: messages between acknowledgements (the most 2.15 allows; the relay's batch size)
BATCH_PUBLISH_DISABLED = 10205  # the stream's answer to a fast-ingest batch when it has no `allow_batched`
# pydantic's JSON parser: the stream's answers are small UTF-8 JSON objects, read as `json.loads` reads them in half
# its time (`json.loads` of bytes first guesses their encoding); invalid JSON raises a ValueError as it does
_JSON = TypeAdapter(Any)


def has_fast_ingest(nc: Any) -> bool:
    """Whether the server `nc` is connected to has fast-ingest batches (its version; false when unknown)."""
    version = getattr(nc, "connected_server_version", None)
    return version is not None and (version.major, version.minor) >= FAST_INGEST_SINCE


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
        self._in_flight_fast: _FastBatch | None = None
        self._fast: bool | None = None  # fast-ingest batches: not decided until the first batch (`_fast_ingest`)
        self._flow_allowed = 0  # the flow the server allowed the last fast batch at its start (`_publish_fast`)

    async def __call__(self, batch: Sequence[OutgoingMessage]) -> set[str]:
        if self._prefix is None:
            await self._subscribe()
        if len(batch) >= FAST_MIN and self._fast_ingest():
            acked, rest = await self._publish_fast(batch)
            return acked | await self._publish_each(rest) if rest else acked
        return await self._publish_each(batch)

    async def _subscribe(self) -> None:
        inbox = self._nc.new_inbox()
        if isinstance(self._nc, Client):
            # counted in the read loop (`read_loop`): no task, queue and coroutine per acknowledgement
            await subscribe_in_read_loop(self._nc, f"{inbox}.*.*", self._answer)
            if self._fast_ingest():  # the fast batches' answers: `<inbox>.<batch id>.<flow>.fail.<seq>.<op>.$FI`
                await subscribe_in_read_loop(self._nc, f"{inbox}.*.*.fail.*.*.$FI", self._answer_fast)
        else:
            await self._nc.subscribe(f"{inbox}.*.*", cb=self._on_answer)
        self._prefix = inbox

    def _fast_ingest(self) -> bool:
        """Whether batches go out as fast-ingest batches: decided once, from the server's version (2.14 has them),
        and turned off for good when the stream answers that it has no `allow_batched` or as an older server
        does (see `_FastBatch`)."""
        if self._fast is None:
            self._fast = isinstance(self._nc, Client) and has_fast_ingest(self._nc)
        return self._fast

    async def _publish_each(self, batch: Sequence[OutgoingMessage]) -> set[str]:
        """Each message acknowledged on its own (`<inbox>.<batch>.<index>`)."""
        in_flight = self._in_flight = _InFlight(next(self._numbers), [message.event_id for message in batch])
        reply = f"{self._prefix}.{in_flight.number}."
        nc = self._nc
        if isinstance(nc, Client) and nc.is_connected and not nc.is_draining and batch:
            await self._send(_frames(batch, reply, nc.max_payload), batch)
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

    async def _send(self, frames: bytes, batch: Sequence[OutgoingMessage]) -> None:
        nc = self._nc
        nc.stats["out_msgs"] += len(batch)
        nc.stats["out_bytes"] += sum(len(message.payload) for message in batch)
        await nc._send_command(frames)  # what `publish` queues, once for the batch, then flushed as it does
        if nc._flush_queue is not None and nc._flush_queue.empty():
            await nc._flush_pending()

    async def _publish_fast(self, batch: Sequence[OutgoingMessage]) -> tuple[set[str], Sequence[OutgoingMessage]]:
        """The batch as one fast-ingest batch; returns the event ids stored and the messages left to publish one by
        one (none when the batch went through). Its first message is sent alone and answered (the flow the server
        allows, or a refusal), then the rest as the flow allows, the last one committing — unless the server's first
        answer to the batch before allowed a flow of this whole batch: then it goes out at once, as a batch of plain
        publishes does, without the wait (a round trip: 10-30 µs of CPU per message at 10-50-message batches, on
        client and server alike). Should the server have narrowed the flow since, it acknowledges more often; a
        message it drops ends the batch with a gap, and the rest goes one by one."""
        nc = self._nc
        if not (nc.is_connected and not nc.is_draining):
            return set(), batch
        assert self._prefix is not None
        number = next(self._numbers)
        fast = self._in_flight_fast = _FastBatch(f"{self._prefix.rpartition('.')[2]}-{number}", len(batch))
        at_once = len(batch) <= self._flow_allowed
        head = f"{self._prefix}.{fast.batch_id}.{fast.flow}.fail."
        replies = [f"{head}{seq}.1.$FI" for seq in range(1, len(batch) + 1)]
        replies[0], replies[-1] = f"{head}1.0.$FI", f"{head}{len(batch)}.2.$FI"
        try:
            async with asyncio.timeout(self._timeout):  # a timeout raises, as one of `_publish_each` does
                sent = 0
                while sent < len(batch) and not fast.done.is_set():
                    upto = len(batch) if at_once else min(len(batch), max(1, fast.allowed()))
                    if upto > sent:
                        part = batch[sent:upto]
                        await self._send(_frames(part, "", nc.max_payload, replies[sent:upto]), part)
                        sent = upto
                    else:  # the first answer, or the next flow acknowledgement (no await since `allowed`)
                        fast.progress.clear()
                        await fast.progress.wait()
                await fast.done.wait()
        finally:
            self._in_flight_fast = None
        self._flow_allowed = fast.first_flow
        if fast.refused:
            self._fast = False
            log.info("the stream takes no fast-ingest batches (%s): publishing message by message", fast.why)
        elif fast.stored < len(batch):
            log.info("fast-ingest batch stopped at %d of %d (%s): the rest message by message", fast.stored,
                     len(batch), fast.why)
        return {message.event_id for message in batch[:fast.stored]}, batch[fast.stored:]

    def _answer_fast(self, msg: Any) -> None:
        """An answer to the fast-ingest batch in flight; never raises (see `read_loop`)."""
        try:
            fast, prefix = self._in_flight_fast, self._prefix
            if fast is not None and prefix is not None:
                batch_id, _, rest = msg.subject[len(prefix) + 1:].partition(".")
                if batch_id == fast.batch_id:  # not an answer to a batch that timed out
                    fast.answer(msg)
        except Exception:  # as `_answer`
            log.exception("unreadable answer on %s", getattr(msg, "subject", "?"))

    async def _on_answer(self, msg: Any) -> None:
        self._answer(msg)

    def _answer(self, msg: Any) -> None:
        """Count one acknowledgement (or refusal) towards the batch in flight; never raises (see `read_loop`)."""
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


class _FastBatch:
    """A fast-ingest batch in flight (ADR-50, nats-server 2.14+; gap mode `fail`). The server answers its first
    message with the flow it allows (`{"type":"ack","seq":0,"msgs":N}`: an acknowledgement every N messages, of all
    stored up to `seq`), then every N messages, and the committing last one with a PubAck counting the messages
    stored or already there (`{"stream":..,"seq":..,"batch":..,"count":..}`; a duplicate `Nats-Msg-Id` is dropped
    and counted, as a plain publish acknowledges it). A refused message, one no stream took (503) or a gap ends
    the batch: nothing after it is stored, and the messages after the last acknowledged are published again one by
    one (the stream drops those it has). `refused`: the stream has no `allow_batched` (10205), or the answer is a
    plain PubAck (a server without fast ingest stored the message as a plain publish)."""

    __slots__ = ("batch_id", "size", "flow", "acked_seq", "msgs", "first_flow", "stored", "refused", "why",
                 "progress", "done")

    def __init__(self, batch_id: str, size: int) -> None:
        self.batch_id, self.size = batch_id, size
        self.flow = FLOW  # the acknowledgement interval asked for: no acknowledgement before the commit
        self.acked_seq = self.msgs = self.first_flow = self.stored = 0
        self.refused, self.why = False, ""
        self.progress, self.done = asyncio.Event(), asyncio.Event()

    def allowed(self) -> int:
        """The last message that may be sent now: two flow intervals past the last acknowledged (ADR-50's
        `CurrentSequence + AckMessages * maxOutstandingAcks`); 0 until the first answer."""
        return self.acked_seq + self.msgs * 2

    def answer(self, msg: Any) -> None:
        if msg.headers and msg.headers.get("Status") == NO_RESPONDERS:
            return self._end("no responders")
        try:
            answer = _JSON.validate_json(msg.data)
        except ValueError as exc:
            return self._end(repr(exc))
        if not isinstance(answer, dict):
            return self._end(f"not an acknowledgement: {msg.data[:200]!r}")
        kind, error = answer.get("type"), answer.get("error")
        if kind == "ack":
            self.acked_seq = max(self.acked_seq, int(answer.get("seq") or 0))
            self.msgs = int(answer.get("msgs") or self.msgs)
            if not self.acked_seq:
                self.first_flow = self.msgs
            self.stored = self.acked_seq
            self.progress.set()
        elif isinstance(error, dict):
            self.refused = error.get("err_code") == BATCH_PUBLISH_DISABLED
            self._end(f"{error.get('err_code')} {error.get('description')}")
        elif "batch" in answer and isinstance(answer.get("count"), int):
            self.stored = min(answer["count"], self.size)
            self._end("committed" if self.stored == self.size else "a gap")
        elif kind == "gap":
            self._end("a gap")
        else:
            self.refused = "stream" in answer and "seq" in answer and "batch" not in answer
            self._end(f"not a fast-ingest answer: {msg.data[:200]!r}")

    def _end(self, why: str) -> None:
        self.why = why
        self.done.set()
        self.progress.set()


_VALID_SUBJECTS: set[str] = set()  # the outbox's few subjects, each checked once


def _frames(batch: Sequence[OutgoingMessage], reply: str, max_payload: int,
            replies: Sequence[str] | None = None) -> bytes:
    """The batch's HPUB frames, byte for byte those `Client.publish` writes for each message with `reply` + its index
    (or its own of `replies`) and the headers {trace context, `Nats-Msg-Id`} (same order, same value cleaning), with
    its refusals: an empty or blank-containing subject, a header name outside the token characters, a payload over
    the server's limit. Each message's HPUB line and headers are one text encoded once, and the batch's pieces are
    joined once at the end (a bytearray grown by four appends per message, then copied, cost a third more); a
    message without trace headers (tracing off: every one) has only its `Nats-Msg-Id`."""
    parts: list[bytes] = []
    append = parts.append
    for index, message in enumerate(batch):
        subject, payload = message.subject, message.payload
        if subject not in _VALID_SUBJECTS:
            if not subject or any(c in subject for c in " \t\r\n"):
                raise BadSubjectError
            _VALID_SUBJECTS.add(subject)
        if len(payload) > max_payload:
            raise MaxPayloadError
        if message.headers:
            header = _header(message.headers, message.event_id)
        else:
            header = f"NATS/1.0\r\nNats-Msg-Id: {_cleaned(message.event_id)}\r\n\r\n"
        size = len(header) if header.isascii() else len(header.encode())
        to = f"{reply}{index}" if replies is None else replies[index]
        append(f"HPUB {subject} {to} {size} {size + len(payload)}\r\n{header}".encode())
        append(payload)
        append(b"\r\n")
    return b"".join(parts)


def _header(headers: dict[str, str], event_id: str) -> str:
    """The header block of a message with trace headers besides its `Nats-Msg-Id` (nats-py's order and cleaning)."""
    header = "NATS/1.0\r\n"
    for key, value in {**headers, "Nats-Msg-Id": event_id}.items():
        if key not in _KNOWN_KEYS:
            key = key.strip()
            if not key:
                continue
            if not _token(key):
                raise BadHeaderError(key)
        header += f"{key}: {_cleaned(value)}\r\n"
    return f"{header}\r\n"


def _cleaned(value: str) -> str:
    """A header value as nats-py writes it: stripped, each CR and LF a blank (two `replace`, not a `translate`
    table: 0.06 against 1.2 µs, most of a message's frame)."""
    return value.strip().replace("\r", " ").replace("\n", " ")


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
