"""M-39 over a real nats-server and database: a registry shortfall opens one case and orders the surrender; the fine
(50,000–100,000 inclusive) is optional and never replaces the surrender; time (calendar ticks) makes orders overdue
and ends the fine-decision window."""
from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from ets_shared.clock import regulatory_date
from ets_shared.contracts.allocation import ObligationSettled, ShortfallDetected
from ets_shared.contracts.calendar import CalendarTick
from ets_shared.contracts.enforcement import CaseClosed, CaseOpened, OrderIssued
from ets_shared.persistence.tables import InboxMessage
from ets_shared.testing.service import counted_transactions, eventually, running_service, subject_listener
from enforcement.bootstrap import build_runtime

pytestmark = pytest.mark.asyncio
JULY_1 = "2026-07-01T00:00:00+08:00"


def shortfall(entity_id: str, tonnes: int = 30_000) -> ShortfallDetected:
    return ShortfallDetected(entity_id=entity_id, compliance_year=2025, obligation=90_000,
                             surrendered=90_000 - tonnes, shortfall=tonnes, detected_at=JULY_1)


def settled(entity_id: str, at: str = "2026-07-10T10:00:00+08:00") -> ObligationSettled:
    return ObligationSettled(entity_id=entity_id, compliance_year=2025, obligation=90_000, surrendered=90_000,
                             late=True, settled_at=at)


async def clock_at(svc, publish, now: str) -> None:
    await publish(CalendarTick(now=now))
    want = CalendarTick(now=now).now
    await eventually(lambda: _clock(svc, want))


async def _clock(svc, want):
    now = (await svc.client.get("/clock")).json()["now"]
    return now is not None and CalendarTick(now=now).now >= want


async def case_of(svc, case_id: str, **expected):
    """The case once it exists and its fields have the expected values (None until then)."""
    r = await svc.client.get(f"/cases/{case_id}", headers=svc.auth("enforcement_officer"))
    if r.status_code != 200:
        return None
    body = r.json()
    return body if all(body[k] == v for k, v in expected.items()) else None


async def test_m39_shortfall_opens_case_and_orders_surrender_once(settings, nats_url, publish):
    async with running_service(build_runtime, settings) as svc, \
            subject_listener(nats_url, "ets.enforcement.>") as received:
        await clock_at(svc, publish, JULY_1)
        first = await publish(shortfall("E-0002"), correlation_id="corr-E-0002", copies=2)
        await publish(shortfall("E-0002"), correlation_id="corr-again")  # another event for the same shortfall
        case = await eventually(lambda: case_of(svc, "CASE-M39-E-0002-2025"))
        assert (case["article"], case["party_id"], case["compliance_year"], case["status"]) == (
            "M-39", "E-0002", 2025, "order_issued")
        assert (case["shortfall_tonnes"], case["order_kind"], case["order_deadline"]) == (30000, "surrender",
                                                                                          "2026-07-31")
        assert case["source_ref"] == str(first.event_id)

        def inbox() -> int:
            with svc.runtime.session_factory() as s:
                return s.scalar(select(func.count()).select_from(InboxMessage).where(
                    InboxMessage.subject == ShortfallDetected.contract.subject))

        await eventually(lambda: inbox() == 2)  # both distinct events applied (the copy deduplicated)
        await eventually(lambda: len(received) >= 2)
        await asyncio.sleep(0.3)
        assert sorted(m["event_type"] for m in received) == [CaseOpened.contract.event_type,
                                                              OrderIssued.contract.event_type]
        assert {m["correlation_id"] for m in received} == {"corr-E-0002"}
        assert {m["causation_id"] for m in received} == {str(first.event_id)}
        assert (await svc.client.get("/cases", headers=svc.auth("authority"))).json()[0]["case_id"] == case["case_id"]


async def test_m39_fine_refused_outside_50000_to_100000(settings, office):
    async with running_service(build_runtime, settings) as svc:
        officer = svc.auth("enforcement_officer")
        for entity, accepted in (("E-0003", "50000.00"), ("E-0004", "100000.00")):
            opened = await svc.client.post("/cases", headers=officer, json={
                "article": "M-39", "party_kind": "covered_entity", "party_id": entity, "compliance_year": 2025,
                "shortfall_tonnes": 1000, "allegation": "found short on inspection"})
            assert opened.status_code == 201 and opened.json()["status"] == "order_issued"
            case_id = opened.json()["case_id"]
            assert case_id == f"CASE-M39-{entity}-2025"
            before = (await svc.client.get(f"/cases/{case_id}", headers=officer)).json()
            for amount in ("49999.00", "49999.99", "100000.01", "100001.00"):
                refused = await svc.client.post(f"/cases/{case_id}/penalty", headers=officer,
                                                json={"amount": amount, "reasons": "shortfall"})
                assert refused.status_code == 422, refused.text
                problem = refused.json()
                assert (problem["field"], problem["article"]) == ("amount", "M-39")
                assert "50,000.00" in problem["detail"] and "100,000.00" in problem["detail"]
            assert (await svc.client.get(f"/cases/{case_id}", headers=officer)).json() == before
            audit = (await svc.client.get("/audit", params={"subject_ref": f"case:{case_id}"},
                                          headers=svc.auth("authority"))).json()
            assert "enforcement.penalty.decided" not in [a["action"] for a in audit]
            decided = await office(svc).fine(case_id, accepted, "shortfall of 1000 t")
            assert (decided["fine_amount"], decided["status"]) == (accepted, "fine_unpaid")


async def test_m39_case_stays_open_until_the_surrender_is_made_good(settings, nats_url, publish, office):
    async with running_service(build_runtime, settings) as svc, \
            subject_listener(nats_url, CaseClosed.contract.subject) as closed:
        staff = office(svc)
        await clock_at(svc, publish, JULY_1)
        await publish(shortfall("E-0005"), correlation_id="corr-E-0005-2025")
        case_id = "CASE-M39-E-0005-2025"
        await eventually(lambda: case_of(svc, case_id))
        await staff.fine(case_id, "80000.00", "shortfall")
        paid = await staff.serve_and_pay(case_id, "2026-07-01")
        assert (paid["fine_paid"], paid["closed_at"], paid["status"]) == (True, None, "order_issued")
        assert "does not replace" in paid["history"][-1]["detail"]
        await clock_at(svc, publish, "2026-12-31T00:00:00+08:00")  # paid, and months pass: still not closed
        assert await case_of(svc, case_id, status="overdue", closed_at=None, outstanding_tonnes=30000)
        settlement = await publish(settled("E-0005", "2027-01-05T10:00:00+08:00"), correlation_id="corr-settled")
        case = await eventually(lambda: case_of(svc, case_id, status="closed"))
        assert (case["closure"], case["outstanding_tonnes"]) == ("settled_and_paid", 0)
        await eventually(lambda: closed)
        assert closed[0]["data"]["outcome"].startswith("settled_and_paid")
        # one compliance case, one correlation id: the shortfall's, whatever step closes it
        assert (closed[0]["correlation_id"], closed[0]["causation_id"]) == ("corr-E-0005-2025",
                                                                            str(settlement.event_id))


async def test_m39_ticks_make_the_order_overdue_and_end_the_fine_window(settings, publish):
    async with running_service(build_runtime, settings) as svc:
        await clock_at(svc, publish, JULY_1)
        await publish(shortfall("E-0006"))
        await publish(shortfall("E-0007"))
        await eventually(lambda: case_of(svc, "CASE-M39-E-0007-2025"))
        await publish(settled("E-0007"))  # made good on 10 July: a fine may still be decided until 9 August
        await eventually(lambda: case_of(svc, "CASE-M39-E-0007-2025", status="awaiting_decision",
                                         fine_window_end="2026-08-09"))
        await clock_at(svc, publish, "2026-07-31T23:59:59+08:00")
        assert await case_of(svc, "CASE-M39-E-0006-2025", status="order_issued")
        await clock_at(svc, publish, "2026-08-01T00:00:00+08:00")
        assert await case_of(svc, "CASE-M39-E-0006-2025", status="overdue")
        assert await case_of(svc, "CASE-M39-E-0007-2025", status="awaiting_decision")
        await clock_at(svc, publish, "2026-08-10T00:00:00+08:00")
        case = await case_of(svc, "CASE-M39-E-0007-2025", status="closed", closure="settled_no_fine")
        assert case and case["history"][-1]["actor"] == "system"
        assert await case_of(svc, "CASE-M39-E-0006-2025", status="overdue")


async def test_m39_late_settlement_right_behind_its_shortfall_is_applied_after_it(settings, publish):
    """Allocation's events arrive in the order it published them (one ordered consumer per producer stream), so a
    settlement published right after its shortfall — the same pulled batch — finds the case the shortfall opened."""
    async with running_service(build_runtime, settings) as svc:
        await clock_at(svc, publish, JULY_1)
        await publish(shortfall("E-0008"))
        await publish(settled("E-0008"))
        case = await eventually(lambda: case_of(svc, "CASE-M39-E-0008-2025", status="awaiting_decision"))
        assert [s["kind"] for s in case["history"]] == ["opened", "order_issued", "obligation_settled"]
        assert case["outstanding_tonnes"] == 0


async def test_m39_extra_shortfall_from_a_raised_determination_opens_its_own_case(settings, publish):
    """Made good in July; a raised determination in August gives a new surrender period (M-16); its shortfall in
    September is a new violation, with its own case — the settled one is not reopened, nor is the violation lost."""
    async with running_service(build_runtime, settings) as svc:
        await clock_at(svc, publish, JULY_1)
        await publish(ShortfallDetected(entity_id="E-0030", compliance_year=2025, obligation=90_000,
                                        surrendered=60_000, shortfall=30_000, detected_at=JULY_1,
                                        determination_revision=1), copies=2)
        await eventually(lambda: case_of(svc, "CASE-M39-E-0030-2025"))
        await publish(settled("E-0030"))
        await eventually(lambda: case_of(svc, "CASE-M39-E-0030-2025", status="awaiting_decision"))
        await clock_at(svc, publish, "2026-09-12T00:00:00+08:00")
        again = ShortfallDetected(entity_id="E-0030", compliance_year=2025, obligation=97_000, surrendered=90_000,
                                  shortfall=7_000, detected_at="2026-09-12T00:00:00+08:00", determination_revision=2)
        await publish(again, correlation_id="corr-raised", copies=2)
        await publish(again, correlation_id="corr-raised")  # the same raised shortfall reported again
        raised = await eventually(lambda: case_of(svc, "CASE-M39-E-0030-2025-r2", status="order_issued"))
        assert (raised["shortfall_tonnes"], raised["correlation_id"]) == (7_000, "corr-raised")
        first = await case_of(svc, "CASE-M39-E-0030-2025")
        assert first["status"] == "closed" and first["closure"] == "settled_no_fine"  # its window ended on 9 Aug
        cases = (await svc.client.get("/cases", params={"party_id": "E-0030"},
                                      headers=svc.auth("enforcement_officer"))).json()
        assert [c["case_id"] for c in cases] == ["CASE-M39-E-0030-2025", "CASE-M39-E-0030-2025-r2"]
        await publish(settled("E-0030", "2026-09-20T10:00:00+08:00"))
        await eventually(lambda: case_of(svc, "CASE-M39-E-0030-2025-r2", status="awaiting_decision"))


async def test_m39_order_deadline_follows_the_years_policy(settings):
    async with running_service(build_runtime, settings) as svc:
        put = await svc.client.put("/policy/2025", params={"reason": "shorter M-39 orders for 2025"},
                                   headers=svc.auth("authority"), json={"order_deadline_days": {"M-39": 10}})
        assert put.status_code == 200 and put.json()["inaction_alert_days"] == 30
        assert put.json()["order_deadline_days"] == {"M-37": 30, "M-38-1": 30, "M-38-2": 30, "M-39": 10,
                                                     "M-41": 30, "M-42": 30}
        opened = await svc.client.post("/cases", headers=svc.auth("enforcement_officer"), json={
            "article": "M-39", "party_kind": "covered_entity", "party_id": "E-0009", "compliance_year": 2025,
            "shortfall_tonnes": 5})
        issued = opened.json()["order_issued_at"]
        assert date.fromisoformat(opened.json()["order_deadline"]) == regulatory_date(
            datetime.fromisoformat(issued)) + timedelta(days=10)


async def test_m39_two_writers_of_one_case_queue_so_neither_update_is_lost(settings):
    """A settlement event and an officer's payment can reach one case at the same moment; the second writer must
    wait for the first to commit (row lock on PostgreSQL, one writer on SQLite) or the case would never close."""
    import threading
    import time as clock

    from ets_shared.envelope import MessageContext

    async with running_service(build_runtime, settings) as svc:
        opened = await svc.client.post("/cases", headers=svc.auth("enforcement_officer"), json={
            "article": "M-39", "party_kind": "covered_entity", "party_id": "E-0099", "compliance_year": 2025,
            "shortfall_tonnes": 10})
        case_id = opened.json()["case_id"]
        holding = threading.Event()

        def first_writer() -> None:
            with svc.runtime.uow(MessageContext.new("test:first")) as uow:
                uow.cases.get(case_id)
                holding.set()
                clock.sleep(0.6)
                uow.commit()

        def second_writer() -> float:
            holding.wait(5)
            started = clock.monotonic()
            with svc.runtime.uow(MessageContext.new("test:second")) as uow:
                uow.cases.get(case_id)
                waited = clock.monotonic() - started
                uow.commit()
            return waited

        _, waited = await asyncio.gather(asyncio.to_thread(first_writer), asyncio.to_thread(second_writer))
        assert waited >= 0.4, f"the second writer read the case after {waited:.2f}s, while the first still held it"


async def test_m39_settlement_read_ahead_in_one_batch_with_its_shortfall_still_finds_the_case_just_opened(settings):
    """The settlements of a consumed batch read ahead which entity-years have no M-39 case (here: none has); the
    shortfall before the settlement in that batch opens one, and the settlement still finds and settles it."""
    from ets_shared.envelope import MessageContext, wrap
    from ets_shared.messaging.consumers import Delivery, routes_by_producer
    from ets_shared.persistence.migrations import upgrade

    runtime = build_runtime(settings)
    upgrade(runtime.engine, runtime.definition.migrations, runtime.definition.metadata)
    routes = routes_by_producer(runtime.definition.handlers)

    def delivered(events, producer: str) -> list[Delivery]:
        return [Delivery.decode(type(e).contract.subject, wrap(e, producer=producer, context=MessageContext.new(
            "test")).model_dump_json().encode(), routes[producer]) for e in events]

    await runtime.applier.apply(delivered([CalendarTick(now=JULY_1)], "calendar"))
    opened = counted_transactions(runtime)
    await runtime.applier.apply(delivered([settled("E-0031"), shortfall("E-0032"), settled("E-0032")], "allocation"))
    assert len(opened) == 1, "one transaction: the batch did not fall back to one event at a time"
    with runtime.session_factory() as session:
        from enforcement.adapters.orm import PenaltyCaseRow

        cases = {c.party_id: c for c in session.execute(select(PenaltyCaseRow)).scalars()}
        assert set(cases) == {"E-0032"} and cases["E-0032"].outstanding_tonnes == 0
    runtime.engine.dispose()
