"""The backbone every service stands on, proven with a real nats-server and a real database (SQLite, and
PostgreSQL when available): outbox, inbox, dead letters, idempotency keys, problem+json, roles."""
from __future__ import annotations

import json
import uuid

import nats
import pytest

from ets_shared.contracts.allocation import EntityRegistered
from ets_shared.contracts.exchange import MemberAdmitted
from ets_shared.envelope import MessageContext, wrap
from ets_shared.messaging.streams import stream_name
from ets_shared.settings import ServiceSettings
from ets_shared.testing.service import eventually, running_service, subject_listener

from toy_service import build_runtime

pytestmark = pytest.mark.asyncio
ADMITTED = MemberAdmitted.contract.subject
REGISTERED = EntityRegistered.contract.subject


@pytest.fixture
def settings(database_url, test_settings_overrides) -> ServiceSettings:
    return ServiceSettings.for_service("exchange", database_url=database_url("toy"), **test_settings_overrides)


async def publish_registered(nats_url: str, entity_id: str, name: str = "Steel", *, msg_id: str | None = None,
                             envelope=None) -> dict:
    envelope = envelope or wrap(EntityRegistered(entity_id=entity_id, name=name, sector="steel",
                                                 registered_at="2025-01-05T02:00:00Z"),
                                producer="allocation", context=MessageContext.new("test"))
    nc = await nats.connect(nats_url)
    await nc.jetstream().publish(REGISTERED, envelope.model_dump_json().encode(),
                                 headers={"Nats-Msg-Id": msg_id or str(envelope.event_id)})
    await nc.drain()
    return envelope


async def members(svc) -> list[str]:
    return (await svc.client.get("/members")).json()


async def test_write_commits_state_and_event_together_and_publishes_with_msg_id(settings, nats_url):
    async with running_service(build_runtime, settings) as svc, subject_listener(nats_url, ADMITTED) as seen:
        response = await svc.client.post("/members", json={"member_id": "M1", "name": "Broker", "deposit": 1},
                                         headers={**svc.auth("exchange_operator"), "X-Correlation-Id": "corr-42"})
        assert response.status_code == 201, response.text
        assert response.headers["x-correlation-id"] == "corr-42"
        await eventually(lambda: seen)
        event = seen[0]
        assert event["event_type"] == "exchange.member.admitted" and event["data"]["member_id"] == "M1"
        assert event["correlation_id"] == "corr-42" and event["producer"] == "exchange"
        nc = await nats.connect(nats_url)
        stored = await nc.jetstream().get_last_msg("ETS_EXCHANGE", ADMITTED)
        assert stored.headers["Nats-Msg-Id"] == event["event_id"]
        await nc.drain()


async def test_redelivered_event_is_applied_once(settings, nats_url):
    async with running_service(build_runtime, settings) as svc, subject_listener(nats_url, ADMITTED) as seen:
        envelope = await publish_registered(nats_url, "E-1", msg_id="first")
        await publish_registered(nats_url, "E-1", envelope=envelope, msg_id="second")  # past the stream dedupe
        await eventually(lambda: seen)
        await svc.runtime.relay.flush()
        nc = await nats.connect(nats_url)
        info = await nc.jetstream().consumer_info("ETS_ALLOCATION", "exchange--allocation")
        await nc.drain()
        assert info.num_ack_pending == 0 and info.delivered.stream_seq == 2
        assert await members(svc) == ["M-E-1"]
        assert len(seen) == 1, "the duplicate must not emit a second event"
        assert (await svc.client.get("/dead-letters", headers=svc.auth("authority"))).json() == []


async def test_malformed_events_are_dead_lettered_and_the_consumer_keeps_going(settings, nats_url):
    async with running_service(build_runtime, settings) as svc:
        nc = await nats.connect(nats_url)  # two bad messages: not JSON at all, and JSON that breaks the envelope
        js = nc.jetstream()
        await js.publish(REGISTERED, b"this is not json")
        await js.publish(REGISTERED, json.dumps({"event_id": str(uuid.uuid4()), "data": {}}).encode())
        await nc.drain()
        await publish_registered(nats_url, "E-2")
        assert await eventually(lambda: members(svc)) == ["M-E-2"]
        letters = await eventually(lambda: _letters(svc, 2))
        assert {letter["deliveries"] for letter in letters} == {1}
        assert any("ValidationError" in letter["error"] for letter in letters)
        assert letters[0]["subject"] == REGISTERED


async def _letters(svc, n: int):
    letters = (await svc.client.get("/dead-letters", headers=svc.auth("authority"))).json()
    return letters if len(letters) >= n else None


async def test_transient_failure_is_retried_then_dead_lettered_after_max_deliveries(settings, nats_url):
    async with running_service(build_runtime, settings) as svc, subject_listener(nats_url, "ets.dlq.exchange") as dlq:
        await publish_registered(nats_url, "E-3", name="poison")
        letters = await eventually(lambda: _letters(svc, 1), timeout=20)
        assert letters[0]["deliveries"] == settings.max_deliveries
        assert "simulated transient failure" in letters[0]["error"]
        await eventually(lambda: dlq)
        assert dlq[0]["data"]["entity_id"] == "E-3", "the dead-letter subject carries the original event"
        await publish_registered(nats_url, "E-4")
        assert await eventually(lambda: members(svc)) == ["M-E-4"]


async def test_event_refused_by_a_rule_is_dead_lettered_at_once(settings, nats_url):
    async with running_service(build_runtime, settings) as svc:
        await publish_registered(nats_url, "E-5", name="refused")
        letters = await eventually(lambda: _letters(svc, 1))
        assert letters[0]["deliveries"] == 1 and "RuleViolation" in letters[0]["error"]
        replayed = await svc.client.post(f"/dead-letters/{letters[0]['id']}/replay", headers=svc.auth("authority"))
        assert replayed.status_code == 200 and replayed.json()["replayed_at"]
        await eventually(lambda: _letters(svc, 2))  # still refused: dead-lettered again, never applied
        assert await members(svc) == []


async def test_bad_field_gets_422_problem_naming_it_and_changes_nothing(settings):
    async with running_service(build_runtime, settings) as svc:
        response = await svc.client.post("/members", json={"member_id": "M1", "name": "B", "deposit": -5},
                                         headers=svc.auth("exchange_operator"))
        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"
        body = response.json()
        assert body["type"] == "urn:ets:problem:validation-error"
        assert "body.deposit" in body["detail"]
        assert body["invalid_params"][0]["name"] == "body.deposit"
        assert await members(svc) == []


async def test_caller_without_the_role_gets_403_and_changes_nothing(settings):
    async with running_service(build_runtime, settings) as svc:
        payload = {"member_id": "M1", "name": "B", "deposit": 0}
        refused = await svc.client.post("/members", json=payload, headers=svc.auth("entity", party_id="E-1"))
        assert refused.status_code == 403 and refused.json()["type"] == "urn:ets:problem:forbidden"
        anonymous = await svc.client.post("/members", json=payload)
        assert anonymous.status_code == 401 and anonymous.headers["www-authenticate"] == "Bearer"
        forged = await svc.client.post("/members", json=payload, headers={"Authorization": "Bearer x.y.z"})
        assert forged.status_code == 401
        assert await members(svc) == []


async def test_domain_conflict_is_409_problem(settings):
    async with running_service(build_runtime, settings) as svc:
        payload = {"member_id": "M1", "name": "B", "deposit": 0}
        headers = svc.auth("exchange_operator")
        assert (await svc.client.post("/members", json=payload, headers=headers)).status_code == 201
        again = await svc.client.post("/members", json=payload, headers=headers)
        assert again.status_code == 409 and again.json()["field"] == "member_id"


async def test_idempotency_key_replays_the_first_response_and_refuses_reuse(settings, nats_url):
    async with running_service(build_runtime, settings) as svc, subject_listener(nats_url, ADMITTED) as seen:
        headers = {**svc.auth("exchange_operator"), "Idempotency-Key": "k-1"}
        payload = {"member_id": "M9", "name": "B", "deposit": 0}
        first = await svc.client.post("/members", json=payload, headers=headers)
        second = await svc.client.post("/members", json=payload, headers=headers)
        assert first.status_code == second.status_code == 201
        assert first.json() == second.json() and second.headers["idempotent-replayed"] == "true"
        reused = await svc.client.post("/members", json={**payload, "member_id": "M10"}, headers=headers)
        assert reused.status_code == 422 and reused.json()["field"] == "Idempotency-Key"
        await svc.runtime.relay.flush()
        await eventually(lambda: seen)
        assert await members(svc) == ["M9"] and len(seen) == 1


async def test_event_committed_but_not_published_before_a_crash_is_published_after_restart(settings, nats_url):
    from ets_shared.persistence.migrations import upgrade
    from toy_service import admit

    crashed = build_runtime(settings)  # commits, then "dies": its relay never runs
    upgrade(crashed.engine, crashed.definition.migrations, crashed.definition.metadata)
    with crashed.uow(MessageContext.new("test")) as uow:
        admit(uow, "M-crash", "Broker", None)
        uow.commit()
    crashed.engine.dispose()
    nc = await nats.connect(nats_url)
    js = nc.jetstream()
    async with running_service(build_runtime, settings):  # the restart
        stored = await eventually(lambda: _last(js, ADMITTED))
    await nc.drain()
    assert json.loads(stored.data)["data"]["member_id"] == "M-crash"


async def _last(js, subject: str):
    try:
        return await js.get_last_msg(stream_name("exchange"), subject)
    except nats.js.errors.NotFoundError:
        return None


async def test_readyz_reports_database_and_nats(settings, nats_server):
    async with running_service(build_runtime, settings) as svc:
        ready = await svc.client.get("/readyz")
        assert ready.status_code == 200 and ready.json()["checks"] == {"database": True, "nats": True}
        assert (await svc.client.get("/healthz")).json() == {"status": "ok"}


async def test_policy_parameters_default_per_year_and_only_the_authority_sets_them(database_url,
                                                                                  test_settings_overrides):
    from pydantic import BaseModel, Field

    from ets_shared.runtime import ServiceRuntime
    from toy_service import definition

    class ToyPolicy(BaseModel):
        ratio: float = Field(0.05, ge=0, le=1)

    toy = definition()
    toy.policy = (ToyPolicy, lambda year: ToyPolicy())
    settings = ServiceSettings.for_service("exchange", database_url=database_url("policy"), **test_settings_overrides)
    async with running_service(lambda s: ServiceRuntime(toy, s), settings) as svc:
        assert (await svc.client.get("/policy/2025")).json() == {"ratio": 0.05}
        refused = await svc.client.put("/policy/2025", params={"reason": "new rule"}, json={"ratio": 0.1},
                                       headers=svc.auth("entity", party_id="E-1"))
        assert refused.status_code == 403
        bad = await svc.client.put("/policy/2025", params={"reason": "new rule"}, json={"ratio": 2},
                                   headers=svc.auth("authority"))
        assert bad.status_code == 422 and bad.json()["invalid_params"][0]["name"] == "body.ratio"
        put = await svc.client.put("/policy/2025", params={"reason": "new rule"}, json={"ratio": 0.1},
                                   headers=svc.auth("authority"))
        assert put.status_code == 200
        assert (await svc.client.get("/policy/2025")).json() == {"ratio": 0.1}
        assert (await svc.client.get("/policy/2026")).json() == {"ratio": 0.05}
        assert svc.runtime.http.openapi()["paths"]["/policy/{compliance_year}"]["put"]
        audit = (await svc.client.get("/audit", params={"subject_ref": "policy:2025"},
                                      headers=svc.auth("authority"))).json()
        assert audit[0]["detail"] == {"policy": {"ratio": 0.1}, "reason": "new rule"}


async def test_an_event_of_a_case_begun_elsewhere_carries_that_cases_correlation_id(settings, nats_url):
    from ets_shared.envelope import MessageContext as Context

    runtime = build_runtime(settings)
    async with subject_listener(nats_url, ADMITTED) as seen, running_service(lambda s: runtime, settings) as svc:
        with runtime.uow(Context.new("clock", correlation_id="tick-correlation")) as uow:
            uow.publish(MemberAdmitted(member_id="M-C", name="Case", kind="self_operating",
                                       admitted_at="2026-01-01T00:00:00Z"), correlation_id="case-correlation")
            uow.commit()
        with runtime.uow(Context(correlation_id="case-correlation", causation_id="event-1", actor="event")) as uow:
            uow.publish(MemberAdmitted(member_id="M-D", name="Case", kind="self_operating",
                                       admitted_at="2026-01-01T00:00:00Z"), correlation_id="case-correlation")
            uow.commit()
        await eventually(lambda: len(seen) == 2)
        assert seen[0]["correlation_id"] == "case-correlation"
        assert seen[0]["causation_id"] == "tick-correlation"  # the acting request (or tick) is the event's cause
        assert (seen[1]["correlation_id"], seen[1]["causation_id"]) == ("case-correlation", "event-1")
        audit = (await svc.client.get("/audit", params={"subject_ref": "member:M-C"},
                                      headers=svc.auth("authority"))).json()
        assert [a["correlation_id"] for a in audit] == ["case-correlation"]
