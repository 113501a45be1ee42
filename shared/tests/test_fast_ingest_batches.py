"""The relay's publisher on a stream that takes fast-ingest batches (`allow_batched`, the bundled nats-server 2.15):
a batch is answered once (its commit) instead of once per message, and the outcome is the one message-by-message
publishing gives — the same event ids acknowledged, the same messages stored once, in the same order, with the same
headers — when an event is published again (the stream's `Nats-Msg-Id` deduplication), when a message is refused or
goes to no stream, and when the server allows a small flow. A stream without the flag, or a server before 2.14, is
published to message by message, detected once."""
from __future__ import annotations

import nats
import pytest
from nats.aio.client import ServerVersion
from nats.js.api import StreamConfig

from ets_shared.messaging.jetstream_publisher import FAST_MIN, JetStreamPublisher
from ets_shared.messaging.outbox_relay import OutgoingMessage
from ets_shared.messaging.streams import ensure_streams, stream_configs
from ets_shared.settings import PlatformSettings

pytestmark = pytest.mark.asyncio
TRACE = {"traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}


def message(n: int, subject: str = "fast.thing.happened.v1", size: int = 0) -> OutgoingMessage:
    payload = f'{{"n":{n}}}'.encode() if not size else b"x" * size
    return OutgoingMessage(f"e{n:04d}", subject, payload, dict(TRACE), f"c{n}")


def ids(*numbers: int) -> set[str]:
    return {f"e{n:04d}" for n in numbers}


@pytest.fixture
async def nc(nats_url):
    nc = await nats.connect(nats_url)
    js = nc.jetstream()
    await js.add_stream(StreamConfig(name="FAST", subjects=["fast.>"], allow_batched=True, max_msg_size=1000,
                                     duplicate_window=120))
    await js.add_stream(StreamConfig(name="PLAIN", subjects=["plain.>"], duplicate_window=120))
    yield nc
    await nc.drain()


async def stored(nc, stream: str = "FAST") -> list:
    js = nc.jetstream()
    last = (await js.stream_info(stream)).state.last_seq
    return [await js.get_msg(stream, seq) for seq in range(1, last + 1)]


def counting(publish: JetStreamPublisher) -> list[str]:
    """The subjects of the answers the publisher is handed."""
    seen: list[str] = []
    for name in ("_answer", "_answer_fast"):
        original = getattr(publish, name)

        def answer(msg, original=original):
            seen.append(msg.subject)
            original(msg)
        setattr(publish, name, answer)
    return seen


async def test_a_batch_is_answered_once_and_stored_in_order_with_the_headers_of_a_plain_publish(nc):
    publish = JetStreamPublisher(nc)
    answers = counting(publish)
    assert await publish([message(n) for n in range(300)]) == ids(*range(300))
    assert len(answers) == 2, "the first message's flow and the commit's acknowledgement, not 300"
    assert await publish([message(n) for n in range(300, 346)]) == ids(*range(300, 346))
    messages = await stored(nc)
    assert [m.data for m in messages] == [f'{{"n":{n}}}'.encode() for n in range(346)]
    assert all(m.headers == {**TRACE, "Nats-Msg-Id": f"e{n:04d}"} for n, m in enumerate(messages))


async def test_an_event_published_again_is_acknowledged_and_stored_once(nc):
    """The relay publishes again what a crash left unstamped: the stream drops it by its `Nats-Msg-Id`."""
    publish = JetStreamPublisher(nc)
    answers = counting(publish)
    assert await publish([message(n) for n in range(10)]) == ids(*range(10))
    assert await publish([message(n) for n in range(5, 15)]) == ids(*range(5, 15)), "five again, five new"
    assert await publish([message(n) for n in range(15)]) == ids(*range(15)), "all again"
    assert [m.headers["Nats-Msg-Id"] for m in await stored(nc)] == sorted(ids(*range(15)))
    assert len(answers) == 6 and publish._fast is True, "each batch answered twice: fast batches, all three"


@pytest.mark.parametrize("refused", [0, 3, 9], ids=["first", "middle", "last"])
async def test_a_refused_message_leaves_the_outcome_of_publishing_message_by_message(nc, refused):
    """A message the stream refuses (over its size limit) ends the fast batch: what follows it is published one by
    one, so, as before, every other event is acknowledged and stored once, in order, and the refused one is not
    (its row stays unstamped, retried by the relay)."""
    publish = JetStreamPublisher(nc)
    answers = counting(publish)
    batch = [message(n, size=2000 if n == refused else 0) for n in range(10)]
    assert await publish(batch) == ids(*range(10)) - ids(refused)
    assert any(a.endswith(".$FI") for a in answers), "sent as a fast batch first"
    assert [m.headers["Nats-Msg-Id"] for m in await stored(nc)] == sorted(ids(*range(10)) - ids(refused))
    assert await publish([message(n) for n in range(10, 15)]) == ids(*range(10, 15)), "the next batch goes fast"
    assert publish._fast is True


async def test_a_message_no_stream_takes_leaves_the_outcome_of_publishing_message_by_message(nc):
    publish = JetStreamPublisher(nc)
    answers = counting(publish)
    batch = [message(n, "nostream.thing.happened.v1" if n == 4 else "fast.thing.happened.v1") for n in range(10)]
    assert await publish(batch) == ids(*range(10)) - ids(4)
    assert any(a.endswith(".$FI") for a in answers), "sent as a fast batch first"
    assert [m.headers["Nats-Msg-Id"] for m in await stored(nc)] == sorted(ids(*range(10)) - ids(4))


async def open_another_batch(nc) -> None:
    """Another publisher's fast batch, started and never committed: the server starts the next ones on the stream
    at an acknowledgement per message (widening it as they come) until it abandons that one."""
    await nc.publish("fast.other.v1", b"{}", reply="_INBOX.other.b1.100.fail.1.0.$FI", headers={"Nats-Msg-Id": "o"})
    await nc.flush()


async def test_a_small_flow_allowed_by_the_server_is_followed_to_the_commit(nc):
    """The first batch waits for the server's first answer and sends no more than two flow intervals past the last
    acknowledged (ADR-50)."""
    await open_another_batch(nc)
    publish = JetStreamPublisher(nc)
    answers = counting(publish)
    assert await publish([message(n) for n in range(60)]) == ids(*range(60))
    assert 2 < len(answers) < 60, "flow acknowledgements as the flow widens, fewer than one per message"
    assert publish._flow_allowed == 1, "the next batch starts with the wait again"
    assert [m.headers["Nats-Msg-Id"] for m in await stored(nc)] == ["o", *sorted(ids(*range(60)))]


async def test_a_batch_goes_out_at_once_after_one_allowed_its_flow_and_copes_with_a_narrower_one(nc):
    """Once the server allowed a whole batch's flow at its start, the next batches go out at once; if the server
    has since narrowed the flow, it acknowledges more often and the batch is still all stored."""
    publish = JetStreamPublisher(nc)
    answers = counting(publish)
    assert await publish([message(n) for n in range(10)]) == ids(*range(10))
    assert publish._flow_allowed == 500, "as asked"
    answers.clear()
    assert await publish([message(n) for n in range(10, 20)]) == ids(*range(10, 20))
    assert len(answers) == 2
    await open_another_batch(nc)
    answers.clear()
    assert await publish([message(n) for n in range(20, 80)]) == ids(*range(20, 80))
    assert len(answers) > 2
    assert [m.headers["Nats-Msg-Id"] for m in await stored(nc)] == [*sorted(ids(*range(20))), "o",
                                                                    *sorted(ids(*range(20, 80)))]


async def test_a_stream_without_fast_ingest_is_published_to_message_by_message_found_once(nc):
    publish = JetStreamPublisher(nc)
    answers = counting(publish)
    batch = [message(n, "plain.thing.happened.v1") for n in range(10)]
    assert await publish(batch) == ids(*range(10))
    assert publish._fast is False
    answers.clear()
    assert await publish([message(n, "plain.thing.happened.v1") for n in range(10, 20)]) == ids(*range(10, 20))
    assert len(answers) == 10 and not any(a.endswith(".$FI") for a in answers), "no fast batch tried again"
    assert [m.headers["Nats-Msg-Id"] for m in await stored(nc, "PLAIN")] == sorted(ids(*range(20)))


async def test_a_server_before_2_14_is_published_to_message_by_message(nc, monkeypatch):
    monkeypatch.setattr(type(nc), "connected_server_version", property(lambda self: ServerVersion("2.9.10")))
    publish = JetStreamPublisher(nc)
    answers = counting(publish)
    assert await publish([message(n) for n in range(10)]) == ids(*range(10))
    assert publish._fast is False and len(answers) == 10 and not any(a.endswith(".$FI") for a in answers)


async def test_a_batch_smaller_than_fast_min_is_acknowledged_message_by_message(nc):
    publish = JetStreamPublisher(nc)
    answers = counting(publish)
    assert await publish([message(n) for n in range(FAST_MIN - 1)]) == ids(*range(FAST_MIN - 1))
    assert len(answers) == FAST_MIN - 1 and not any(a.endswith(".$FI") for a in answers)


async def test_the_platform_streams_take_fast_ingest_batches_existing_ones_too(nats_url, monkeypatch):
    """New streams are made with `allow_batched` and an existing one (made before) is updated to it; a server
    before 2.14 is given the definition without the field."""
    settings = PlatformSettings(nats_url=nats_url)
    nc = await nats.connect(nats_url)
    js = nc.jetstream()
    before = stream_configs(settings)["ETS_EXCHANGE"]
    assert before.allow_batched is None
    await js.add_stream(before)
    assert not (await js.stream_info("ETS_EXCHANGE")).config.allow_batched
    await ensure_streams(js, settings)
    assert (await js.stream_info("ETS_EXCHANGE")).config.allow_batched
    assert (await js.stream_info("ETS_CALENDAR")).config.allow_batched
    sent: list = []
    monkeypatch.setattr(type(nc), "connected_server_version", property(lambda self: ServerVersion("2.9.10")))
    monkeypatch.setattr(type(js), "update_stream", lambda self, config: sent.append(config) or _done())
    await ensure_streams(js, settings)
    assert sent and all(config.allow_batched is None for config in sent)
    await nc.close()


async def _done() -> None:
    return None
