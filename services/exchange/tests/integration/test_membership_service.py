"""The exchange service over a real nats-server and database: covered entities become self-operating members
(M-22 ¶2), the operator admits others (M-21), and each caller sees only what its role allows."""
from __future__ import annotations

import nats
import pytest

from ets_shared.contracts.allocation import EntityRegistered
from ets_shared.contracts.exchange import MemberAdmitted
from ets_shared.envelope import MessageContext, wrap
from ets_shared.settings import ServiceSettings
from ets_shared.testing.service import eventually, running_service, subject_listener
from exchange.bootstrap import build_runtime

pytestmark = pytest.mark.asyncio


@pytest.fixture
def settings(database_url, test_settings_overrides) -> ServiceSettings:
    return ServiceSettings.for_service("exchange", database_url=database_url("exchange"), **test_settings_overrides)


async def registered(nats_url: str, entity_id: str, covered: bool = True, repeat: int = 1) -> None:
    envelope = wrap(EntityRegistered(entity_id=entity_id, name=f"Entity {entity_id}", sector="steel",
                                     covered=covered, registered_at="2025-01-05T02:00:00Z"),
                    producer="allocation", context=MessageContext.new("test"))
    nc = await nats.connect(nats_url)
    for n in range(repeat):  # distinct Nats-Msg-Ids: the stream stores each copy, the inbox must dedupe
        await nc.jetstream().publish(EntityRegistered.contract.subject, envelope.model_dump_json().encode(),
                                     headers={"Nats-Msg-Id": f"{envelope.event_id}-{n}"})
    await nc.drain()


async def test_m22_covered_entity_becomes_self_operating_member_once(settings, nats_url):
    async with running_service(build_runtime, settings) as svc, \
            subject_listener(nats_url, MemberAdmitted.contract.subject) as admitted:
        await registered(nats_url, "E-1", repeat=2)
        await registered(nats_url, "E-2", covered=False)
        operator = svc.auth("exchange_operator")
        members = await eventually(lambda: _members(svc, operator, 1))
        assert [(m["member_id"], m["kind"], m["covered_entity_id"]) for m in members] == \
            [("M-E-1", "self_operating", "E-1")]
        await eventually(lambda: admitted)
        assert admitted[0]["data"]["member_id"] == "M-E-1" and len(admitted) == 1


async def _members(svc, headers, n):
    members = (await svc.client.get("/members", headers=headers)).json()
    return members if len(members) >= n else None


async def test_m21_operator_admits_others_and_only_the_operator_may(settings):
    async with running_service(build_runtime, settings) as svc:
        body = {"member_id": "BROKER-1", "name": "Broker", "kind": "comprehensive"}
        refused = await svc.client.post("/members", json=body, headers=svc.auth("member", party_id="BROKER-1"))
        assert refused.status_code == 403
        assert (await svc.client.get("/members", headers=svc.auth("exchange_operator"))).json() == []
        made = await svc.client.post("/members", json=body, headers=svc.auth("exchange_operator"))
        assert made.status_code == 201 and made.json()["kind"] == "comprehensive"
        bad = await svc.client.post("/members", json={**body, "kind": "broker"}, headers=svc.auth("exchange_operator"))
        assert bad.status_code == 422 and bad.json()["invalid_params"][0]["name"] == "body.kind"


async def test_m22_self_operating_member_applies_and_operator_approves(settings, nats_url):
    async with running_service(build_runtime, settings) as svc:
        await registered(nats_url, "E-7")
        operator = svc.auth("exchange_operator")
        await eventually(lambda: _members(svc, operator, 1))
        member = svc.auth("member", party_id="M-E-7")
        other = svc.auth("member", party_id="M-E-8")
        assert (await svc.client.get("/members/M-E-7", headers=other)).status_code == 403
        assert (await svc.client.get("/members/M-E-7", headers=member)).json()["kind"] == "self_operating"
        assert (await svc.client.post("/members/M-E-7/comprehensive-applications", json={"application_id": "A1"},
                                      headers=other)).status_code == 403
        filed = await svc.client.post("/members/M-E-7/comprehensive-applications", json={"application_id": "A1"},
                                      headers=member)
        assert filed.status_code == 201 and filed.json()["status"] == "PENDING"
        decided = await svc.client.post("/comprehensive-applications/A1/decision", json={"approve": True},
                                        headers=operator)
        assert decided.json()["status"] == "APPROVED"
        assert (await svc.client.get("/members/M-E-7", headers=member)).json()["kind"] == "comprehensive"
        audit = (await svc.client.get("/audit", params={"subject_ref": "application:A1"},
                                      headers=svc.auth("authority"))).json()
        assert [a["action"] for a in audit] == ["exchange.application.filed", "exchange.application.approved"]
