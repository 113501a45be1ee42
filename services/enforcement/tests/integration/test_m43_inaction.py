"""M-43: an official's inaction is provable — a case left waiting for an officer's act is flagged after the year's
`inaction_alert_days` (also when the authority shortens it while the case waits) until the officer acts; a
determination mrv reports overdue (M-15, the authority's deadline) is flagged until it is made; each flag raised or
resolved is an event and a decision-log entry."""
from __future__ import annotations

import pytest

from ets_shared.contracts.calendar import CalendarTick
from ets_shared.contracts.mrv import DeterminationOverdue, EmissionsDeterminedV2
from ets_shared.testing.service import counted_transactions, eventually, running_service, subject_listener
from enforcement.bootstrap import build_runtime

pytestmark = pytest.mark.asyncio


async def tick(svc, publish, now: str) -> None:
    want = CalendarTick(now=now).now

    async def reached() -> bool:
        seen = (await svc.client.get("/clock")).json()["now"]
        return seen is not None and CalendarTick(now=seen).now >= want

    await publish(CalendarTick(now=now))
    await eventually(reached)


async def test_m43_waiting_case_flagged_after_the_years_alert_days_until_the_officer_acts(settings, publish,
                                                                                         nats_url):
    async with running_service(build_runtime, settings) as svc, \
            subject_listener(nats_url, "ets.enforcement.inaction.>") as events:
        officer, authority = svc.auth("enforcement_officer"), svc.auth("authority")
        await tick(svc, publish, "2026-08-01T09:00:00+08:00")
        opened = await svc.client.post("/cases", headers=officer, json={
            "article": "M-37", "party_kind": "covered_entity", "party_id": "E-0020", "case_id": "CASE-43",
            "allegation": "emission report refused"})
        assert opened.status_code == 201 and opened.json()["status"] == "opened"  # waits for the officer's order
        shorter = await svc.client.put("/policy/2026", params={"reason": "M-43 alerts after 5 days"},
                                       headers=authority, json={"inaction_alert_days": 5})
        assert shorter.status_code == 200
        await tick(svc, publish, "2026-08-06T08:59:59+08:00")

        async def kinds() -> list[str]:
            case = (await svc.client.get("/cases/CASE-43", headers=officer)).json()
            return [s["kind"] for s in case["history"]]

        assert await kinds() == ["opened"]
        await tick(svc, publish, "2026-08-06T09:00:00+08:00")
        assert await kinds() == ["opened", "inaction_flagged"]
        [flag] = (await svc.client.get("/inaction-flags", headers=authority)).json()
        assert (flag["responsible"], flag["service"], flag["case_id"], flag["open"]) == (
            "enforcement office", "enforcement", "CASE-43", True)
        await tick(svc, publish, "2026-09-30T09:00:00+08:00")
        assert await kinds() == ["opened", "inaction_flagged"]  # flagged once per waiting period
        assert (await svc.client.post("/cases/CASE-43/order", headers=officer, json={})).status_code == 200
        assert await kinds() == ["opened", "inaction_flagged", "order_issued"]
        log = (await svc.client.get("/decision-log", params={"case_id": "CASE-43"}, headers=authority)).json()
        assert [e["kind"] for e in log] == ["opened", "inaction_flagged", "order_issued", "inaction_resolved"]
        assert (await svc.client.get("/inaction-flags", headers=authority)).json() == []
        [resolved] = (await svc.client.get("/inaction-flags", params={"open": False}, headers=authority)).json()
        assert resolved["resolution"].startswith("order_issued by enforcement_officer:")
        await eventually(lambda: len(events) == 2)
        assert [e["event_type"] for e in events] == ["enforcement.inaction.flagged", "enforcement.inaction.resolved"]
        assert {e["correlation_id"] for e in events} == {opened.json()["correlation_id"]}
        assert (await svc.client.get("/inaction-flags", headers=svc.auth("entity", "E-0020"))).status_code == 403


def overdue(report_id: str = "RPT-E-0004-2025") -> DeterminationOverdue:
    return DeterminationOverdue(report_id=report_id, entity_id="E-0004", compliance_year=2025, due_by="2026-05-15",
                                state="verified", found_at="2026-05-16T00:00:00+08:00")


def determined(report_id: str = "RPT-E-0004-2025") -> EmissionsDeterminedV2:
    example = EmissionsDeterminedV2.example().model_dump()
    return EmissionsDeterminedV2(**{**example, "report_id": report_id, "entity_id": "E-0004", "late": True,
                                    "due_by": "2026-05-15", "determined_at": "2026-05-20T10:00:00+08:00"})


async def test_m43_a_determination_mrv_reports_overdue_is_flagged_until_it_is_made(settings, publish, nats_url):
    async with running_service(build_runtime, settings) as svc, \
            subject_listener(nats_url, "ets.enforcement.inaction.>") as events:
        authority = svc.auth("authority")
        found = await publish(overdue(), correlation_id="corr-RPT-E-0004-2025", copies=2)
        await publish(overdue(), correlation_id="corr-RPT-E-0004-2025")  # the same missed deadline again
        flags = await eventually(lambda: _flags(svc, authority, open=True))
        assert len(flags) == 1
        flag = flags[0]
        assert (flag["responsible"], flag["service"], flag["subject_ref"], flag["due_on"], flag["party_id"]) == (
            "authority", "mrv", "report:RPT-E-0004-2025", "2026-05-15", "E-0004")
        await publish(determined(), correlation_id="corr-RPT-E-0004-2025")
        resolved = await eventually(lambda: _flags(svc, authority, open=False))
        assert resolved[0]["resolution"] == "determined on 2026-05-20 (verification), 5 days after 2026-05-15"
        assert await _flags(svc, authority, open=True) == []
        await eventually(lambda: len(events) == 2)
        assert [(e["event_type"], e["correlation_id"]) for e in events] == [
            ("enforcement.inaction.flagged", "corr-RPT-E-0004-2025"),
            ("enforcement.inaction.resolved", "corr-RPT-E-0004-2025")]
        assert events[0]["causation_id"] == str(found.event_id)
        log = (await svc.client.get("/decision-log", params={"subject_ref": f"inaction:{flag['flag_id']}"},
                                    headers=authority)).json()
        assert [e["kind"] for e in log] == ["inaction_flagged", "inaction_resolved"]
        assert "authority did not determine the 2025 emissions of E-0004" in log[0]["detail"]


async def _flags(svc, headers, *, open: bool) -> list[dict]:  # noqa: A002 - the query parameter's name
    return (await svc.client.get("/inaction-flags", params={"open": open}, headers=headers)).json()


async def test_m43_a_determination_in_the_same_batch_as_its_overdue_report_resolves_the_flag_just_raised(settings):
    """The determinations of a consumed batch read their open flags ahead (none yet); the overdue report before the
    determination in that batch raises one, and the determination still finds and resolves it."""
    from ets_shared.envelope import MessageContext, wrap
    from ets_shared.messaging.consumers import Delivery, routes_by_producer
    from ets_shared.persistence.migrations import upgrade

    runtime = build_runtime(settings)
    upgrade(runtime.engine, runtime.definition.migrations, runtime.definition.metadata)
    routes = routes_by_producer(runtime.definition.handlers)["mrv"]
    batch = [Delivery.decode(type(e).contract.subject, wrap(e, producer="mrv", context=MessageContext.new("test"))
                             .model_dump_json().encode(), routes) for e in (overdue(), determined())]
    opened = counted_transactions(runtime)
    await runtime.applier.apply(batch)
    assert len(opened) == 1, "one transaction: the batch did not fall back to one event at a time"
    with runtime.session_factory() as session:
        from sqlalchemy import select

        from enforcement.adapters.orm import InactionFlagRow

        [flag] = session.execute(select(InactionFlagRow)).scalars()
        assert flag.subject_ref == "report:RPT-E-0004-2025" and flag.resolved_at is not None
    runtime.engine.dispose()


async def test_m43_a_batch_of_determinations_resolves_the_flags_open_before_it_once_each(settings):
    """A consumed batch of determinations, most about reports without an open flag: the flags raised in an earlier
    batch are found by the read-ahead and resolved, once each even when their determination is delivered twice; an
    undecodable event in the middle is dead-lettered and the batch stays one transaction."""
    from sqlalchemy import select

    from enforcement.adapters.orm import InactionFlagRow
    from ets_shared.envelope import MessageContext, wrap
    from ets_shared.messaging.consumers import Delivery, routes_by_producer
    from ets_shared.persistence.migrations import upgrade
    from ets_shared.contracts.enforcement import InactionResolved
    from ets_shared.persistence.tables import DeadLetter, OutboxMessage

    runtime = build_runtime(settings)
    upgrade(runtime.engine, runtime.definition.migrations, runtime.definition.metadata)
    routes = routes_by_producer(runtime.definition.handlers)["mrv"]

    def delivery(event) -> Delivery:
        payload = wrap(event, producer="mrv", context=MessageContext.new("test")).model_dump_json().encode()
        return Delivery.decode(type(event).contract.subject, payload, routes)

    await runtime.applier.apply([delivery(overdue(f"RPT-E-000{n}-2025")) for n in (1, 2)])
    twice = delivery(determined("RPT-E-0002-2025"))
    poison = Delivery.decode(EmissionsDeterminedV2.contract.subject, b"not json", routes)
    batch = [delivery(determined("RPT-E-0003-2025")), delivery(determined("RPT-E-0001-2025")), poison, twice,
             delivery(determined("RPT-E-0005-2025")), twice]
    opened = counted_transactions(runtime)
    await runtime.applier.apply(batch)
    with runtime.session_factory() as session:
        flags = {f.subject_ref: f for f in session.execute(select(InactionFlagRow)).scalars()}
        dead = list(session.execute(select(DeadLetter.subject)).scalars())
        resolved = list(session.execute(select(OutboxMessage.subject).where(
            OutboxMessage.subject == InactionResolved.contract.subject)).scalars())
    assert sorted(flags) == ["report:RPT-E-0001-2025", "report:RPT-E-0002-2025"]
    assert all(f.resolved_at is not None for f in flags.values())
    assert dead == [EmissionsDeterminedV2.contract.subject]
    assert len(opened) == 1, "one transaction: the batch did not fall back to one event at a time"
    assert len(resolved) == 2
    runtime.engine.dispose()
