"""Issue 13, operability, on the backbone alone (the toy service, a real nats-server, SQLite and PostgreSQL): the
case timeline of one service, `/metrics` moving with the outbox and the consumers, log lines carrying the request's
and the event's ids, and the trace context travelling HTTP → outbox → NATS → consumer → database.
The five-service trace and timeline: tests/e2e/test_operability.py."""
from __future__ import annotations

import io
import json
import logging
import uuid

import nats
import pytest
from prometheus_client.parser import text_string_to_metric_families

from ets_shared.contracts.allocation import EntityRegistered
from ets_shared.contracts.exchange import MemberAdmitted
from ets_shared.envelope import MessageContext, wrap
from ets_shared.observability.logs import log_handler
from ets_shared.observability.timeline import case_timeline
from ets_shared.settings import ServiceSettings
from ets_shared.testing.service import eventually, running_service, subject_listener
from ets_shared.unit_of_work import SqlUnitOfWork

from toy_service import build_runtime

REGISTERED = EntityRegistered.contract.subject
ADMITTED = MemberAdmitted.contract.subject


@pytest.fixture
def settings(database_url, test_settings_overrides) -> ServiceSettings:
    return ServiceSettings.for_service("exchange", database_url=database_url("toy"), **test_settings_overrides)


async def publish_registered(nats_url: str, entity_id: str, correlation_id: str,
                             headers: dict[str, str] | None = None):
    envelope = wrap(EntityRegistered(entity_id=entity_id, name="Steel", sector="steel",
                                     registered_at="2025-01-05T02:00:00Z"),
                    producer="allocation", context=MessageContext.new("test", correlation_id))
    nc = await nats.connect(nats_url)
    await nc.jetstream().publish(REGISTERED, envelope.model_dump_json().encode(),
                                 headers={**(headers or {}), "Nats-Msg-Id": str(envelope.event_id)})
    await nc.drain()
    return envelope


async def admit_member(svc, member_id: str, correlation_id: str, **headers: str):
    response = await svc.client.post("/members", json={"member_id": member_id, "name": "Broker", "deposit": 1},
                                     headers={**svc.auth("exchange_operator"), "X-Correlation-Id": correlation_id,
                                              **headers})
    assert response.status_code == 201, response.text
    return response


async def members(svc) -> list[str]:
    return (await svc.client.get("/members")).json()


# -- the case timeline -----------------------------------------------------------------------------------------------
async def test_timeline_of_a_correlation_id_lists_published_consumed_and_audited_in_order(settings, nats_url):
    async with running_service(build_runtime, settings) as svc:
        await admit_member(svc, "M1", "case-1")
        envelope = await publish_registered(nats_url, "E-1", "case-1")
        await admit_member(svc, "M-other", "case-2")
        await eventually(lambda: members(svc), timeout=10)
        await eventually(lambda: _has(svc, "M-E-1"))
        answer = (await svc.client.get("/timeline", params={"correlation_id": "case-1"},
                                       headers=svc.auth("enforcement_officer"))).json()
        entries = answer["entries"]
        assert answer["service"] == "exchange" and answer["correlation_ids"] == ["case-1"] and not answer["truncated"]
        assert [(e["kind"], e["event_type"] or e["action"]) for e in entries] == [
            ("published", ADMITTED), ("audit", "exchange.member.admitted"),  # the operator's request
            ("consumed", REGISTERED),  # allocation's event, taken up before what it caused
            ("published", ADMITTED), ("audit", "exchange.member.admitted")]
        assert [e["at"] for e in entries] == sorted(e["at"] for e in entries)
        assert entries[2]["event_id"] == str(envelope.event_id)
        assert entries[3]["causation_id"] == str(envelope.event_id) and entries[3]["detail"]["member_id"] == "M-E-1"
        assert entries[1]["actor"].startswith("exchange_operator:") and entries[4]["actor"] == \
            "event:allocation.entity.registered"
        assert {e["correlation_id"] for e in entries} == {"case-1"}  # the other case's member is not in it

        async def fetch(service: str, params: list[tuple[str, str]]) -> dict:
            return (await svc.client.get("/timeline", params=params, headers=svc.auth("authority"))).json()

        merged = await case_timeline(fetch, correlation_id="case-1", services=["exchange"])
        assert [e.model_dump(mode="json") for e in merged.entries] == entries
        both = await svc.client.get("/timeline", params=[("correlation_id", "case-1"), ("correlation_id", "case-2")],
                                    headers=svc.auth("authority"))
        assert len(both.json()["entries"]) == 7
        assert (await svc.client.get("/timeline", params={"correlation_id": "case-1", "limit": 2},
                                     headers=svc.auth("authority"))).json()["truncated"] is True


async def _has(svc, member_id: str) -> bool:
    return member_id in await members(svc)


async def test_timeline_of_an_entity_and_year_finds_the_cases_that_name_them(settings, nats_url):
    async with running_service(build_runtime, settings) as svc:
        for correlation_id, year in (("case-2025", 2025), ("case-2024", 2024)):
            with svc.runtime.uow(MessageContext.new("authority:test", correlation_id)) as uow:
                uow.audit("exchange.holding.reviewed", "entity:E-9", {"entity_id": "E-9", "compliance_year": year})
                uow.commit()
        await admit_member(svc, "M9", "case-2025")
        with svc.runtime.uow(MessageContext.new("authority:test", "case-other")) as uow:
            uow.audit("exchange.holding.reviewed", "entity:E-99", {"entity_id": "E-99", "compliance_year": 2025})
            uow.commit()
        answer = (await svc.client.get("/timeline", params={"entity_id": "E-9", "year": 2025},
                                       headers=svc.auth("authority"))).json()
        assert answer["correlation_ids"] == ["case-2025"]
        assert [(e["kind"], e["action"] or e["event_type"]) for e in answer["entries"]] == [
            ("audit", "exchange.holding.reviewed"), ("published", ADMITTED), ("audit", "exchange.member.admitted")]
        earlier = (await svc.client.get("/timeline", params={"entity_id": "E-9", "year": 2024},
                                        headers=svc.auth("authority"))).json()
        assert earlier["correlation_ids"] == ["case-2024"] and len(earlier["entries"]) == 1
        none = (await svc.client.get("/timeline", params={"entity_id": "E-9", "year": 2023},
                                     headers=svc.auth("authority"))).json()
        assert none == {"service": "exchange", "correlation_ids": [], "entries": [], "truncated": False}


async def test_timeline_is_for_supervisors_and_refuses_bad_questions(settings):
    async with running_service(build_runtime, settings) as svc:
        get = svc.client.get
        assert (await get("/timeline", params={"correlation_id": "x"})).status_code == 401
        for role, party in (("entity", "E-1"), ("exchange_operator", None), ("agency", "AG-1")):
            refused = await get("/timeline", params={"correlation_id": "x"}, headers=svc.auth(role, party))
            assert refused.status_code == 403 and refused.headers["content-type"] == "application/problem+json"
        authority = svc.auth("authority")
        cases = [({"correlation_id": "x", "entity_id": "E-1", "year": 2025}, "correlation_id"),
                 ({}, "entity_id"), ({"entity_id": "E-1"}, "year")]
        for params, field in cases:
            response = await get("/timeline", params=params, headers=authority)
            assert response.status_code == 422 and response.json()["field"] == field, response.text
        too_many = [("correlation_id", f"c-{i}") for i in range(51)]
        for params in (too_many, {"entity_id": "E-1", "year": 1999}, {"entity_id": "E 1", "year": 2025},
                       {"correlation_id": "a\nb"}, {"correlation_id": "x", "limit": 0}):
            response = await get("/timeline", params=params, headers=authority)
            assert response.status_code == 422 and response.headers["content-type"] == "application/problem+json"


# -- metrics -----------------------------------------------------------------------------------------------------------
def sample(text: str, name: str, **labels: str) -> float | None:
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            if s.name == name and all(s.labels.get(k) == v for k, v in labels.items()):
                return s.value
    return None


async def test_metrics_show_the_outbox_and_the_consumers_moving(settings, nats_url):
    settings = settings.model_copy(update={"outbox_poll_seconds": 3600.0})  # the relay only moves when woken
    async with running_service(build_runtime, settings) as svc:
        async def metrics() -> str:
            response = await svc.client.get("/metrics")  # no token: Prometheus scrapes it
            assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
            return response.text

        before = await metrics()
        assert sample(before, "ets_outbox_unpublished") == 0 and sample(before, "ets_outbox_lag_seconds") == 0
        assert sample(before, "ets_business_events_total", kind="trades") == 0
        # an event committed and not yet published (nobody woke the relay): the outbox grows and ages
        quiet = SqlUnitOfWork(svc.runtime.session_factory, producer="exchange",
                              context=MessageContext.new("test", "metrics-case"))
        with quiet as uow:
            uow.publish(MemberAdmitted(member_id="M-Q", name="Quiet", kind="self_operating", covered_entity_id=None,
                                       admitted_at="2025-01-05T02:00:00Z"))
            uow.commit()
        waiting = await eventually(lambda: _lagging(metrics))
        assert sample(waiting, "ets_outbox_unpublished") == 1
        assert await svc.runtime.relay.flush() == 1
        after = await metrics()
        assert sample(after, "ets_outbox_unpublished") == 0 and sample(after, "ets_outbox_lag_seconds") == 0
        assert sample(after, "ets_outbox_published_total") == sample(before, "ets_outbox_published_total") + 1

        # the consumer stopped: published events pile up as pending; started again: applied and counted
        consumer = svc.runtime.consumers[0]
        assert consumer.durable == "exchange--allocation"
        await consumer.stop()
        for n in range(3):
            await publish_registered(nats_url, f"E-M{n}", f"metrics-{n}")
        pending = await metrics()
        assert sample(pending, "ets_consumer_pending", consumer="exchange--allocation") == 3
        assert sample(pending, "ets_events_consumed_total", subject=REGISTERED) in (None, 0)
        await consumer.start(svc.runtime._nc)
        # a scrape reads the consumer's pending count from NATS before the consumed counter, and the consumer may
        # apply the events between the two (in one scrape: consumed 3, pending still 3): drained is both, in one scrape
        drained = await eventually(lambda: _drained(metrics, 3))
        assert sample(drained, "ets_events_consumed_total", subject=REGISTERED) == 3
        assert sample(drained, "ets_consumer_pending", consumer="exchange--allocation") == 0
        assert sample(drained, "ets_consumer_redelivered", consumer="exchange--allocation") is not None
        assert sample(drained, "ets_dead_letters_recorded", state="waiting") == 0
        # requests: latency by route template and status; a path no route serves is one label, not one per path
        await admit_member(svc, "M-H", "metrics-http")
        await svc.client.get("/no/such/path/1")
        await svc.client.get("/no/such/path/2")
        text = await metrics()
        assert sample(text, "ets_http_request_duration_seconds_count", method="POST", route="/members",
                      status="201") == 1
        assert sample(text, "ets_http_request_duration_seconds_count", method="GET", route="unmatched",
                      status="404") == 2


async def _lagging(metrics) -> str | None:
    text = await metrics()
    return text if (sample(text, "ets_outbox_lag_seconds") or 0) > 0 else None


async def _drained(metrics, n: int) -> str | None:
    text = await metrics()
    done = sample(text, "ets_events_consumed_total", subject=REGISTERED) == n
    return text if done and sample(text, "ets_consumer_pending", consumer="exchange--allocation") == 0 else None


# -- logs --------------------------------------------------------------------------------------------------------------
@pytest.fixture
def json_lines():
    stream = io.StringIO()
    handler = log_handler("exchange", "json", stream)
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


async def test_log_lines_carry_the_correlation_id_and_the_event_id(settings, nats_url, json_lines):
    async with running_service(build_runtime, settings) as svc, subject_listener(nats_url, ADMITTED) as seen:
        await admit_member(svc, "M-L", "log-request")
        envelope = await publish_registered(nats_url, "E-L", "log-event")
        await eventually(lambda: len(seen) == 2)
        await eventually(lambda: any(rec["message"].startswith("published") and rec["correlation_id"] == "log-event"
                                     for rec in json_lines()))
    lines = json_lines()
    request = [rec for rec in lines if rec["logger"] == "ets.http" and rec["correlation_id"] == "log-request"]
    assert [rec["message"].split(" in ")[0] for rec in request] == ["POST /members → 201"]
    assert request[0]["http_status"] == 201 and request[0]["service"] == "exchange" and request[0]["event_id"] is None
    applied = [rec for rec in lines if rec["message"] == f"applied {REGISTERED}"]
    assert [(rec["correlation_id"], rec["event_id"]) for rec in applied] == [("log-event", str(envelope.event_id))]
    published = {rec["correlation_id"]: rec["event_id"] for rec in lines if rec["message"] == f"published {ADMITTED}"}
    assert published.keys() == {"log-request", "log-event"}
    assert published["log-event"] == next(e["event_id"] for e in seen if e["correlation_id"] == "log-event")


def test_text_log_lines_are_readable_and_carry_the_ids():
    from ets_shared.observability.logs import log_context

    stream = io.StringIO()
    logger = logging.getLogger("ets.test.readable")
    logger.addHandler(log_handler("mrv", "text", stream))
    logger.setLevel(logging.INFO)
    logger.propagate = False
    with log_context(correlation_id="cid-7", event_id="eid-8"):
        logger.info("determined %s", "RPT-1")
    logger.info("outside")
    first, second = stream.getvalue().splitlines()
    assert first.endswith("mrv INFO ets.test.readable: determined RPT-1 [cid=cid-7 eid=eid-8]")
    assert second.endswith("outside [cid=- eid=-]")


# -- tracing -------------------------------------------------------------------------------------------------------
def spans_of(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


async def test_trace_context_goes_from_http_through_the_outbox_and_nats_to_the_consumer(settings, nats_url, tmp_path):
    spans_file = tmp_path / "spans.jsonl"
    settings = settings.model_copy(update={"trace_exporter": "file", "trace_file": spans_file})
    caller_trace, caller_span = uuid.uuid4().hex, uuid.uuid4().hex[:16]
    async with running_service(build_runtime, settings) as svc:
        nc = await nats.connect(nats_url)
        messages = []

        async def collect(msg) -> None:
            messages.append(msg)

        sub = await nc.subscribe(ADMITTED, cb=collect)
        await admit_member(svc, "M-T", "trace-case", traceparent=f"00-{caller_trace}-{caller_span}-01")
        await eventually(lambda: messages)
        producer_trace, producer_span = uuid.uuid4().hex, uuid.uuid4().hex[:16]
        await publish_registered(nats_url, "E-T", "trace-event",
                                 headers={"traceparent": f"00-{producer_trace}-{producer_span}-01"})
        await eventually(lambda: len(messages) == 2)
        await eventually(lambda: any(s["name"].startswith("publish") and s["trace_id"] == producer_trace
                                     for s in spans_of(spans_file)))
        await sub.unsubscribe()
        await nc.drain()
    spans = spans_of(spans_file)
    by_id = {s["span_id"]: s for s in spans}

    request = [s for s in spans if s["trace_id"] == caller_trace]
    http = next(s for s in request if s["name"] == "HTTP POST /members")
    assert http["parent_span_id"] == caller_span and http["kind"] == "SERVER" and http["service"] == "ets-exchange"
    inserts = [s for s in request if s["name"] == "db INSERT"]
    assert inserts and all(s["parent_span_id"] == http["span_id"] for s in inserts)
    assert any("outbox_message" in s["attributes"]["db.statement"] for s in inserts)
    publish = next(s for s in request if s["name"] == f"publish {ADMITTED}")
    assert publish["parent_span_id"] == http["span_id"] and publish["kind"] == "PRODUCER"
    sent = messages[0].headers["traceparent"]
    assert sent == f"00-{caller_trace}-{publish['span_id']}-01"  # the consumers continue from the publish span

    event = [s for s in spans if s["trace_id"] == producer_trace]
    consume = next(s for s in event if s["name"] == f"consume {REGISTERED}")
    assert consume["parent_span_id"] == producer_span and consume["kind"] == "CONSUMER"
    assert consume["attributes"]["ets.correlation_id"] == "trace-event"
    handler_sql = [s for s in event if s["name"].startswith("db ")]
    assert handler_sql and all(_descends(s, consume["span_id"], by_id) for s in handler_sql)
    republished = next(s for s in event if s["name"] == f"publish {ADMITTED}")
    assert republished["parent_span_id"] == consume["span_id"]
    assert messages[1].headers["traceparent"] == f"00-{producer_trace}-{republished['span_id']}-01"


def _descends(span: dict, ancestor: str, by_id: dict) -> bool:
    while span is not None:
        if span["parent_span_id"] == ancestor:
            return True
        span = by_id.get(span["parent_span_id"])
    return False


async def test_tracing_is_off_by_default_and_nothing_travels(settings, nats_url):
    assert settings.trace_exporter == "none"
    async with running_service(build_runtime, settings) as svc, subject_listener(nats_url, ADMITTED) as seen:
        nc = await nats.connect(nats_url)
        messages = []

        async def collect(msg) -> None:
            messages.append(msg)

        sub = await nc.subscribe(ADMITTED, cb=collect)
        await admit_member(svc, "M-N", "untraced", traceparent=f"00-{uuid.uuid4().hex}-{uuid.uuid4().hex[:16]}-01")
        await eventually(lambda: messages and seen)
        assert "traceparent" not in (messages[0].headers or {})
        await sub.unsubscribe()
        await nc.drain()
