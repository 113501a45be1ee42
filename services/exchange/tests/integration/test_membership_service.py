"""The exchange service over a real nats-server and database: covered entities become self-operating members
(M-22 ¶2), the operator admits others (M-21), and each caller sees only what its role allows."""
from __future__ import annotations

import asyncio

import nats
import pytest

from ets_shared.contracts.allocation import EntityRegistered
from ets_shared.contracts.exchange import MemberAdmitted, TradingAccountOpened
from ets_shared.envelope import MessageContext, wrap
from ets_shared.messaging.consumers import Delivery, apply_batch, routes_by_producer
from ets_shared.settings import ServiceSettings
from ets_shared.testing.service import eventually, running_service, subject_listener
from exchange.adapters.ledger import Ledger
from exchange.adapters.orm import TradingAccountRow
from exchange.bootstrap import build_runtime
from exchange.service_layer.handlers import EVENT_HANDLERS

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


async def test_m22_a_consumed_batch_of_registrations_is_admitted_together(settings, nats_url):
    """The registrations of one pulled batch are admitted set-based at its commit (`admit_registered`): each covered
    entity once (a second registration event of the same entity in the batch admits nobody), each member's
    MemberAdmitted and TradingAccountOpened in its own registration's case, and its account with a cash balance."""
    def event(entity_id: str, covered: bool = True, correlation_id: str | None = None):
        envelope = wrap(EntityRegistered(entity_id=entity_id, name=f"Entity {entity_id}", sector="steel",
                                         covered=covered, registered_at="2025-01-05T02:00:00Z"),
                        producer="allocation", context=MessageContext.new("test", correlation_id))
        return Delivery.decode(EntityRegistered.contract.subject, envelope.model_dump_json().encode(), routes)

    routes = routes_by_producer(EVENT_HANDLERS)["allocation"]
    async with running_service(build_runtime, settings) as svc, \
            subject_listener(nats_url, MemberAdmitted.contract.subject) as admitted, \
            subject_listener(nats_url, TradingAccountOpened.contract.subject) as opened:
        batch = [event("E-1", correlation_id="case-1"), event("E-1", correlation_id="case-1b"),
                 event("E-2", correlation_id="case-2"), event("E-3", covered=False)]
        applied = await asyncio.to_thread(apply_batch, batch, svc.runtime.uow, "exchange")
        assert len(applied) == 4
        await eventually(lambda: len(admitted) == 2 and len(opened) == 2)
        assert sorted((e["data"]["member_id"], e["correlation_id"]) for e in admitted) == \
            [("M-E-1", "case-1"), ("M-E-2", "case-2")]
        assert sorted((e["data"]["trading_account_id"], e["correlation_id"]) for e in opened) == \
            [("X-M-E-1", "case-1"), ("X-M-E-2", "case-2")]
        operator = svc.auth("exchange_operator")
        assert [m["member_id"] for m in await _members(svc, operator, 2)] == ["M-E-1", "M-E-2"]
        with svc.runtime.session_factory() as session:
            assert Ledger(session).cash("X-M-E-2") == (0, 0)
            assert session.get(TradingAccountRow, "X-M-E-1").covered_entity_id == "E-1"
        again = await asyncio.to_thread(apply_batch, [event("E-2")], svc.runtime.uow, "exchange")
        assert len(again) == 1 and len(await _members(svc, operator, 2)) == 2  # already a member: nobody new


async def test_m22_each_admitted_entitys_two_events_follow_each_other_and_a_member_id_clash_refuses(settings):
    """A batch's admissions publish, member by member, MemberAdmitted then TradingAccountOpened in that member's
    case (one switch of context per member); an entity already a member is skipped by its covered entity, and a
    member id taken by someone else refuses the admission (the batch falls back to one event at a time)."""
    from sqlalchemy import select

    from ets_shared.persistence.tables import OutboxMessage
    from exchange.service_layer import commands
    from exchange.service_layer.handlers import admit_member

    routes = routes_by_producer(EVENT_HANDLERS)["allocation"]

    def event(entity_id: str) -> Delivery:
        envelope = wrap(EntityRegistered(entity_id=entity_id, name=f"Entity {entity_id}", sector="steel",
                                         covered=True, registered_at="2025-01-05T02:00:00Z"),
                        producer="allocation", context=MessageContext.new("test", f"case-{entity_id}"))
        return Delivery.decode(EntityRegistered.contract.subject, envelope.model_dump_json().encode(), routes)

    async with running_service(build_runtime, settings) as svc:
        await asyncio.to_thread(admit_member, commands.AdmitMember(member_id="M-E-9", name="Someone",
                                                                   kind="self_operating"),
                                svc.runtime.uow(MessageContext.new("test")))
        assert len(await asyncio.to_thread(apply_batch, [event("E-1"), event("E-2"), event("E-3")],
                                           svc.runtime.uow, "exchange")) == 3
        assert len(await asyncio.to_thread(apply_batch, [event("E-1")], svc.runtime.uow, "exchange")) == 1
        with pytest.raises(Exception, match="already admitted"):
            await asyncio.to_thread(apply_batch, [event("E-4"), event("E-9")], svc.runtime.uow, "exchange")
        with svc.runtime.session_factory() as session:
            published = [(r.subject.split(".")[2:4], r.correlation_id) for r in session.execute(
                select(OutboxMessage).where(OutboxMessage.correlation_id.like("case-%"))
                .order_by(OutboxMessage.seq)).scalars()]
        assert published == [(kind, f"case-{e}") for e in ("E-1", "E-2", "E-3")
                             for kind in (["member", "admitted"], ["trading-account", "opened"])]


async def test_m28_a_consumed_batch_of_issuances_raises_each_allocation_held_once(settings, nats_url):
    """The allocations held (M-28(2)) a pulled batch of issuances adds are written together at its commit: two
    issuances of one entity and vintage in the batch add up, a redelivered issuance counts once, and a later batch
    raises the holding written before."""
    from ets_shared.contracts.allocation import AllowancesIssued
    from exchange.adapters.trading_store import TradingStore

    routes = routes_by_producer(EVENT_HANDLERS)["allocation"]

    def issued(entity_id: str, vintage: int, quantity: int) -> Delivery:
        envelope = wrap(AllowancesIssued(transaction_id=f"ISS-{entity_id}-{vintage}-{quantity}", plan_id="PLAN-2025",
                                         entity_id=entity_id, account_id=f"ACC-{entity_id}", vintage=vintage,
                                         quantity=quantity, issued_at="2025-03-01T02:00:00Z"),
                        producer="allocation", context=MessageContext.new("test"))
        return Delivery.decode(AllowancesIssued.contract.subject, envelope.model_dump_json().encode(), routes)

    async with running_service(build_runtime, settings) as svc:
        first = [issued("E-1", 2025, 1_000), issued("E-2", 2025, 500), issued("E-1", 2025, 200),
                 issued("E-1", 2024, 70)]
        batch = [*first, first[1]]  # E-2's issuance delivered twice in the batch
        assert len(await asyncio.to_thread(apply_batch, batch, svc.runtime.uow, "exchange")) == 4
        assert len(await asyncio.to_thread(apply_batch, first, svc.runtime.uow, "exchange")) == 0  # redelivered
        assert len(await asyncio.to_thread(apply_batch, [issued("E-2", 2025, 30)], svc.runtime.uow,
                                           "exchange")) == 1
        with svc.runtime.session_factory() as session:
            assert TradingStore(session).allocations(["E-1", "E-2", "E-3"]) == {"E-1": 1_200, "E-2": 530}
