"""The relay's publisher (`JetStreamPublisher`) against a real nats-server: a batch goes out in order with its headers
(trace context, `Nats-Msg-Id`), only what the stream stored is reported acknowledged, a row published twice is
stored once, and a late answer to an earlier batch never counts for the next one."""
from __future__ import annotations

import asyncio
from types import SimpleNamespace

import nats
import pytest

from ets_shared.messaging.jetstream_publisher import JetStreamPublisher
from ets_shared.messaging.outbox_relay import OutgoingMessage

pytestmark = pytest.mark.asyncio
TRACE = {"traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}


def message(n: int, subject: str = "pubtest.thing.happened.v1") -> OutgoingMessage:
    return OutgoingMessage(f"e{n:04d}", subject, f'{{"n":{n}}}'.encode(), dict(TRACE), f"c{n}")


@pytest.fixture
async def nc(nats_url):
    nc = await nats.connect(nats_url)
    js = nc.jetstream()
    await js.add_stream(name="PUBTEST", subjects=["pubtest.>"])
    yield nc
    await js.delete_stream("PUBTEST")
    await nc.drain()


async def stored(nc) -> list:
    js = nc.jetstream()
    last = (await js.stream_info("PUBTEST")).state.last_seq
    return [await js.get_msg("PUBTEST", seq) for seq in range(1, last + 1)]


async def test_a_batch_goes_out_in_order_with_its_headers_and_every_event_is_acknowledged(nc):
    publish = JetStreamPublisher(nc)
    assert await publish([message(n) for n in range(300)]) == {f"e{n:04d}" for n in range(300)}
    assert await publish([message(n) for n in range(300, 310)]) == {f"e{n:04d}" for n in range(300, 310)}
    messages = await stored(nc)
    assert [m.data for m in messages] == [f'{{"n":{n}}}'.encode() for n in range(310)]
    assert all(m.headers == {**TRACE, "Nats-Msg-Id": f"e{n:04d}"} for n, m in enumerate(messages))


async def test_only_what_the_stream_stored_is_acknowledged_and_a_repeat_is_stored_once(nc):
    publish = JetStreamPublisher(nc)
    batch = [message(0), message(1, "nostream.thing.happened.v1"), message(2)]
    assert await publish(batch) == {"e0000", "e0002"}, "no stream answered for e0001: not acknowledged"
    assert await publish([message(1), message(2)]) == {"e0001", "e0002"}, "a duplicate is acknowledged"
    assert [m.headers["Nats-Msg-Id"] for m in await stored(nc)] == ["e0000", "e0002", "e0001"]
    assert await publish([]) == set()


class Connection:
    """Just enough of a NATS connection to answer (or not) by hand."""

    def __init__(self) -> None:
        self.replies: list[str] = []
        self.answer = None

    def new_inbox(self) -> str:
        return "_INBOX.test.x"

    async def subscribe(self, subject, cb):
        assert subject == "_INBOX.test.x.*.*"
        self.answer = cb

    async def publish(self, subject, payload, reply, headers):
        self.replies.append(reply)


def ack(subject: str, data: bytes = b'{"stream":"PUBTEST","seq":1}', headers=None):
    return SimpleNamespace(subject=subject, data=data, headers=headers)


async def test_a_late_answer_to_a_batch_that_timed_out_does_not_count_for_the_next():
    connection = Connection()
    publish = JetStreamPublisher(connection, timeout=0.05)
    with pytest.raises(TimeoutError):
        await publish([message(0), message(1)])
    late = list(connection.replies)
    connection.replies.clear()
    pending = asyncio.ensure_future(publish([message(0), message(1)]))
    await asyncio.sleep(0)
    for reply in late:  # the first batch's answers, arriving now
        await connection.answer(ack(reply))
    assert not pending.done()
    await connection.answer(ack(connection.replies[0]))
    await connection.answer(ack(connection.replies[0]))  # answered twice: counted once
    assert not pending.done()
    await connection.answer(ack(connection.replies[1], b'{"error":{"code":503,"description":"no quorum"}}'))
    assert await pending == {"e0000"}
    await connection.answer(ack(connection.replies[1]))  # after the batch: ignored


async def test_a_batch_is_written_as_the_bytes_nats_py_publishes_message_by_message():
    """The frames the publisher queues for a connected client are exactly those `Client.publish` queues for each
    message (subject, reply, header order and cleaning, sizes), so the server stores the same messages."""
    from nats.aio.client import Client
    from nats.errors import BadHeaderError, BadSubjectError, MaxPayloadError

    from ets_shared.messaging.jetstream_publisher import _frames

    batch = [message(0), OutgoingMessage("e0001", "pubtest.thing.happened.v1", "{\"n\":\"é\"}".encode(), {}, None),
             OutgoingMessage("e0002", "pubtest.other.v2", b"{}", {**TRACE, "tracestate": "a=1\r\nb=2 "}, "c2"),
             OutgoingMessage("e0003", "pubtest.thing.happened.v1", b"[]", {" X-Extra ": "v", "Nats-Msg-Id": "x"})]
    reply = "_INBOX.abc.7."
    client = Client()
    for index, m in enumerate(batch):
        await client._send_publish(m.subject, f"{reply}{index}", m.payload, len(m.payload),
                                   {**m.headers, "Nats-Msg-Id": m.event_id})
    assert _frames(batch, reply, client.max_payload) == b"".join(client._pending)
    with pytest.raises(BadSubjectError):
        _frames([OutgoingMessage("e9", "pubtest.bad subject", b"{}")], reply, client.max_payload)
    with pytest.raises(BadHeaderError):
        _frames([OutgoingMessage("e9", "pubtest.x", b"{}", {"bad:key": "v"})], reply, client.max_payload)
    with pytest.raises(MaxPayloadError):
        _frames([OutgoingMessage("e9", "pubtest.x", b"x" * 11)], reply, 10)


async def test_an_unreadable_answer_is_logged_not_raised_into_the_connections_read_loop(nc, caplog):
    """On a real connection the answers are counted inside nats-py's read loop (`read_loop`): one it cannot read
    must not raise there, and the batches after it are acknowledged as ever."""
    publish = JetStreamPublisher(nc)
    assert await publish([message(0)]) == {"e0000"}
    publish._in_flight = object()  # not a batch: counting the answer raises
    publish._answer(SimpleNamespace(subject=f"{publish._prefix}.0.0", data=b"{}", headers=None))
    publish._in_flight = None
    assert "unreadable answer" in caplog.text
    assert await publish([message(1), message(2)]) == {"e0001", "e0002"}
