"""Events in producer order: one ordered consumer per (service, producer stream), a pulled batch per transaction with
per-event fallback, proven with a real nats-server and a real database (SQLite, and PostgreSQL when available)."""
from __future__ import annotations

import asyncio
import json

import nats
import pytest

import toy_service
from ets_shared.contracts.allocation import EntityRegistered, ObligationSettled, ShortfallDetected
from ets_shared.envelope import MessageContext, wrap
from ets_shared.messaging.consumers import Delivery, reads_ahead, routes_by_producer
from ets_shared.messaging.streams import ensure_streams
from ets_shared.persistence.migrations import upgrade
from ets_shared.settings import ServiceSettings
from ets_shared.testing.service import eventually, running_service
from toy_service import build_runtime

pytestmark = pytest.mark.asyncio
AT = "2026-07-01T00:00:00Z"


@pytest.fixture
def settings(database_url, test_settings_overrides) -> ServiceSettings:
    return ServiceSettings.for_service("exchange", database_url=database_url("toy"), **test_settings_overrides)


@pytest.fixture(autouse=True)
def _fresh_toy_state():
    toy_service.FLAKY.clear()
    toy_service.ATTEMPTS.clear()
    yield
    toy_service.FLAKY.clear()


def shortfall(entity_id: str) -> ShortfallDetected:
    return ShortfallDetected(entity_id=entity_id, compliance_year=2025, obligation=100, surrendered=50,
                             shortfall=50, detected_at=AT)


def settled(entity_id: str) -> ObligationSettled:
    return ObligationSettled(entity_id=entity_id, compliance_year=2025, obligation=100, surrendered=100, late=True,
                             settled_at=AT)


async def publish(nats_url: str, events: list) -> list:
    """Publish as allocation would (its outbox relay pipelines them in commit order)."""
    nc = await nats.connect(nats_url)
    js = nc.jetstream()
    envelopes = [wrap(e, producer="allocation", context=MessageContext.new("test")) for e in events]
    acks = [await js.publish_async(type(e).contract.subject, env.model_dump_json().encode(),
                                   headers={"Nats-Msg-Id": str(env.event_id)})
            for e, env in zip(events, envelopes, strict=True)]
    for ack in acks:
        await ack
    await nc.drain()
    return envelopes


async def applied(svc, n: int):
    rows = (await svc.client.get("/applied")).json()
    return rows if len(rows) >= n else None


async def dead_letters(svc) -> list:
    return (await svc.client.get("/dead-letters", headers=svc.auth("authority"))).json()


async def test_two_events_of_one_producer_about_one_entity_are_applied_in_publish_order_even_when_the_first_is_retried(
        settings, nats_url):
    toy_service.FLAKY.add("E-7")
    async with running_service(build_runtime, settings):  # creates the streams and the consumer, then stops
        pass
    await publish(nats_url, [shortfall("E-7"), settled("E-7")])  # both waiting: they come in one batch
    async with running_service(build_runtime, settings) as svc:
        assert await eventually(lambda: applied(svc, 2)) == [["shortfall", "E-7"], ["settled", "E-7"]]
        assert toy_service.ATTEMPTS["E-7"] == 3, "the shortfall failed in its batch and alone, then was retried"
        assert await dead_letters(svc) == []
        backlog = await eventually(lambda: _idle(svc))
        assert [c["consumer"] for c in backlog["consumers"]] == ["exchange--allocation"]


async def _idle(svc):
    backlog = (await svc.client.get("/backlog")).json()
    return backlog if backlog["idle"] else None


async def test_a_stream_of_events_is_applied_exactly_in_publish_order_around_a_retried_and_a_refused_one(
        settings, nats_url):
    toy_service.FLAKY.add("E-03")
    events = []
    for i in range(40):
        events += [shortfall(f"E-{i:02d}"), settled(f"E-{i:02d}")]
    events.insert(11, EntityRegistered(entity_id="E-X", name="refused", sector="steel", registered_at=AT))
    async with running_service(build_runtime, settings):  # creates the streams and the consumer, then stops
        pass
    # all published before the consumer runs: it pulls them in one batch, whatever the machine's load (published
    # while it ran, a pull could end between E-03 and E-04 and E-04 be tried again in a later batch refused by E-X)
    await publish(nats_url, events)
    async with running_service(build_runtime, settings) as svc:
        expected = [["shortfall" if isinstance(e, ShortfallDetected) else "settled", e.entity_id]
                    for e in events if not isinstance(e, EntityRegistered)]
        assert await eventually(lambda: applied(svc, len(expected)), timeout=20) == expected
        letters = await dead_letters(svc)
        assert len(letters) == 1 and "RuleViolation" in letters[0]["error"] and letters[0]["deliveries"] == 1
        assert toy_service.ATTEMPTS["E-03"] == 3 and toy_service.ATTEMPTS["E-04"] == 1


async def test_a_batch_is_one_transaction_and_a_refused_event_costs_only_itself(settings):
    runtime = build_runtime(settings)
    upgrade(runtime.engine, runtime.definition.migrations, runtime.definition.metadata)
    opened = []
    uow_factory = runtime.applier.uow_factory

    def counting(context):
        opened.append(context.causation_id)
        return uow_factory(context)

    runtime.applier.uow_factory = counting
    routes = routes_by_producer(runtime.definition.handlers)["allocation"]

    def deliveries(events: list) -> list[Delivery]:
        envelopes = [wrap(e, producer="allocation", context=MessageContext.new("test")) for e in events]
        return [Delivery.decode(type(e).contract.subject, env.model_dump_json().encode(), routes)
                for e, env in zip(events, envelopes, strict=True)]

    good = deliveries([EntityRegistered(entity_id=f"E-{i}", name="Steel", sector="steel", registered_at=AT)
                       for i in range(5)])
    await runtime.applier.apply(good + good[:2])  # a redelivery inside the batch too
    assert len(opened) == 1, "five events, one transaction"
    opened.clear()
    refused = EntityRegistered(entity_id="E-R", name="refused", sector="steel", registered_at=AT)
    mixed = deliveries([shortfall("E-5"), refused, settled("E-5")])
    await runtime.applier.apply(mixed)
    assert len(opened) == 1 + 3, "the batch failed, then one transaction per event"
    with runtime.session_factory() as session:
        from sqlalchemy import select

        from ets_shared.persistence.tables import DeadLetter, InboxMessage
        from toy_service import ToyApplied, ToyMember

        assert sorted(m.member_id for m in session.execute(select(ToyMember)).scalars()) == [
            f"M-E-{i}" for i in range(5)]
        assert [(a.event, a.entity_id) for a in session.execute(select(ToyApplied)).scalars()] == [
            ("shortfall", "E-5"), ("settled", "E-5")]
        letters = list(session.execute(select(DeadLetter)).scalars())
        assert len(letters) == 1 and json.loads(letters[0].payload)["data"]["entity_id"] == "E-R"
        assert len(list(session.execute(select(InboxMessage)).scalars())) == 7
    runtime.engine.dispose()


async def test_replicas_share_one_consumer_one_at_a_time_and_the_other_takes_over(settings, nats_url):
    async with running_service(build_runtime, settings) as first, running_service(build_runtime, settings) as second:
        await publish(nats_url, [e for i in range(30) for e in (shortfall(f"E-{i:02d}"), settled(f"E-{i:02d}"))])
        rows = await eventually(lambda: applied(first, 60), timeout=20)
        assert rows == [[kind, f"E-{i:02d}"] for i in range(30) for kind in ("shortfall", "settled")]
        pinned = [(await r.client.get("/backlog")).json()["consumers"][0]["pinned_here"] for r in (first, second)]
        assert sorted(pinned) == [False, True], "one replica at a time receives the stream"
        standby = second if pinned[0] else first
        active = first if pinned[0] else second
        await active.runtime.consumers[0].stop()  # a clean stop hands the stream over at once
        await publish(nats_url, [shortfall("E-after"), settled("E-after")])
        rows = await eventually(lambda: applied(standby, 62), timeout=20)
        assert rows[-2:] == [["shortfall", "E-after"], ["settled", "E-after"]]


async def test_consumers_of_the_earlier_layout_hand_over_their_position(settings, nats_url):
    from nats.js.api import AckPolicy, ConsumerConfig

    nc = await nats.connect(nats_url)
    js = nc.jetstream()
    await ensure_streams(js, settings)
    legacy = "exchange--allocation-entity-registered-v1"  # one durable per (service, contract) before
    await js.add_consumer("ETS_ALLOCATION", ConsumerConfig(durable_name=legacy, ack_policy=AckPolicy.EXPLICIT,
                                                           filter_subject=EntityRegistered.contract.subject))
    await publish(nats_url, [EntityRegistered(entity_id=f"E-{i}", name="Steel", sector="steel", registered_at=AT)
                             for i in range(3)])
    sub = await js.pull_subscribe_bind(legacy, "ETS_ALLOCATION")
    for msg in await sub.fetch(2, timeout=2):  # the earlier consumer had applied the first two
        await msg.ack_sync()
    async with running_service(build_runtime, settings) as svc:
        assert await eventually(lambda: _members(svc)) == ["M-E-2"]
        names = [c.name for c in await js.consumers_info("ETS_ALLOCATION")]
        assert names == ["exchange--allocation"]
    await nc.drain()


async def _members(svc):
    return (await svc.client.get("/members")).json()


async def test_a_consumer_deleted_on_the_server_is_recreated_and_nothing_is_applied_twice(settings, nats_url):
    async with running_service(build_runtime, settings) as svc:
        await publish(nats_url, [shortfall("E-1"), settled("E-1")])
        await eventually(lambda: applied(svc, 2))
        nc = await nats.connect(nats_url)
        await nc.jetstream().delete_consumer("ETS_ALLOCATION", "exchange--allocation")  # an operator's mistake
        await nc.drain()
        await publish(nats_url, [shortfall("E-2"), settled("E-2")])
        rows = await eventually(lambda: applied(svc, 4), timeout=20)
        assert rows == [["shortfall", "E-1"], ["settled", "E-1"], ["shortfall", "E-2"], ["settled", "E-2"]]
        assert await eventually(lambda: _idle(svc), timeout=20)


async def test_finding_6_a_consumer_killed_holding_pulled_events_is_recovered_in_seconds_not_the_ack_wait(
        settings, nats_url):
    """A consuming service SIGKILLed mid-stream leaves the stream pinned to a dead client, with events it pulled
    and never acknowledged. The restarted service must have them all applied, in order, within a few seconds."""
    async with running_service(build_runtime, settings) as svc:  # the durable consumer exists, nothing pending
        await publish(nats_url, [shortfall("E-first")])
        await eventually(lambda: applied(svc, 1))
    events = [e for i in range(100) for e in (shortfall(f"E-{i:02d}"), settled(f"E-{i:02d}"))]
    await publish(nats_url, events)

    dying = await nats.connect(nats_url)  # as the killed replica: pinned, holding 64 pulled events, no ack
    inbox, held = dying.new_inbox(), []

    async def hold(msg) -> None:
        if msg.data:
            held.append(msg)

    await dying.subscribe(inbox, cb=hold)
    request = {"batch": 64, "expires": 2_000_000_000, "group": "ordered"}
    await dying.publish("$JS.API.CONSUMER.MSG.NEXT.ETS_ALLOCATION.exchange--allocation", json.dumps(request).encode(),
                        reply=inbox)
    await eventually(lambda: len(held) == 64)
    await dying.close()  # the process is gone: its TCP connection closes, nothing is handed back

    started = asyncio.get_running_loop().time()
    async with running_service(build_runtime, settings) as svc:
        rows = await eventually(lambda: applied(svc, 201), timeout=30)
        recovered = asyncio.get_running_loop().time() - started

    assert rows[1:] == [[kind, f"E-{i:02d}"] for i in range(100) for kind in ("shortfall", "settled")]
    print(f"recovered in {recovered:.2f}s")
    assert recovered < 6.0, f"recovery took {recovered:.1f}s"


async def test_a_handler_reads_a_batch_ahead_once_before_its_first_event_and_not_in_the_fallback(settings):
    """`reads_ahead`: the read-ahead gets the data of every event of its handler the batch will apply (those already
    in the inbox left out), in order, once, before the first is handled; when the batch fails, the events are
    applied one by one without it."""
    runtime = build_runtime(settings)
    upgrade(runtime.engine, runtime.definition.migrations, runtime.definition.metadata)
    calls: list[tuple[str, object]] = []

    def read_registrations_ahead(events, uow) -> None:
        calls.append(("ahead", [e.entity_id for e in events]))

    @reads_ahead(read_registrations_ahead)
    def on_registered(event, uow) -> None:
        if event.entity_id == "E-BAD" and not any(c == ("fallback", None) for c in calls):
            calls.append(("fallback", None))
            raise RuntimeError("transient: the batch falls back to one event per transaction")
        calls.append(("applied", event.entity_id))
        toy_service.on_entity_registered(event, uow)

    routes = routes_by_producer({EntityRegistered: on_registered})["allocation"]

    def deliveries(ids: list[str]) -> list[Delivery]:
        events = [EntityRegistered(entity_id=i, name="Steel", sector="steel", registered_at=AT) for i in ids]
        envelopes = [wrap(e, producer="allocation", context=MessageContext.new("test")) for e in events]
        return [Delivery.decode(type(e).contract.subject, env.model_dump_json().encode(), routes)
                for e, env in zip(events, envelopes, strict=True)]

    first = deliveries(["E-1", "E-2"])
    await runtime.applier.apply(first)
    assert calls == [("ahead", ["E-1", "E-2"]), ("applied", "E-1"), ("applied", "E-2")]
    calls.clear()
    await runtime.applier.apply(first[1:] + deliveries(["E-3", "E-4"]))  # E-2 redelivered: in the inbox already
    assert calls == [("ahead", ["E-3", "E-4"]), ("applied", "E-3"), ("applied", "E-4")]
    calls.clear()
    await runtime.applier.apply(deliveries(["E-5", "E-BAD"]))
    assert calls == [("ahead", ["E-5", "E-BAD"]), ("applied", "E-5"), ("fallback", None),
                     ("applied", "E-5"), ("applied", "E-BAD")], "the fallback applies each event without reading ahead"
    runtime.engine.dispose()
