"""M-11 over the running service: a covered entity files its plan for year Y by 31 December of Y-1 (late after it),
new versions state their reason, the authority sees who has not filed, and at the deadline a missing plan is an
event (once) that enforcement acts on."""
from __future__ import annotations

import pytest

from ets_shared.contracts.mrv import MonitoringPlanFiled, MonitoringPlanMissing
from ets_shared.testing.service import eventually, subject_listener

pytestmark = pytest.mark.asyncio

PLAN = {"compliance_year": 2026, "boundary": "plant at 88 Gangcheng Rd: kiln line 1 and two gas boilers",
        "sources": [{"name": "kiln 1 natural gas", "kind": "fuel", "method": "activity x SH-2022 factor",
                     "instruments": "gas flow meter FM-12, calibrated yearly", "frequency": "continuous"},
                    {"name": "purchased electricity", "kind": "electricity", "method": "grid meter reading",
                     "instruments": "utility meter", "frequency": "monthly"}],
        "responsible_staff": [{"name": "Wang Fang", "role": "energy manager"}]}


async def file(world, entity_id: str, body: dict | None = None, status: int = 201) -> dict:
    r = await world.client.post("/monitoring-plans", json=body or PLAN, headers=world.svc.auth("entity", entity_id))
    assert r.status_code == status, r.text
    return r.json()


async def test_m11_plan_on_31_december_on_time_versions_with_reasons(world, nats_url):
    await world.register("E-1")  # covered from 2025: owes the 2026 plan
    await world.register("SMALL", covered=False)
    await world.tick(world.sh(2025, 12, 31, 23, 59, 59))
    async with subject_listener(nats_url, MonitoringPlanFiled.contract.subject) as filed:
        plan = await file(world, "E-1")
        assert (plan["plan_id"], plan["late"], len(plan["versions"])) == ("MP-E-1-2026", False, 1)
        assert plan["versions"][0]["sources"][0]["instruments"] == "gas flow meter FM-12, calibrated yearly"
        again = await file(world, "E-1", status=409)
        assert again["field"] == "compliance_year"
        entity = world.svc.auth("entity", "E-1")
        no_reason = await world.client.put("/monitoring-plans/MP-E-1-2026", json=PLAN, headers=entity)
        assert no_reason.status_code == 422 and no_reason.json()["invalid_params"][0]["name"] == "body.change_reason"
        other = await world.client.put("/monitoring-plans/MP-E-1-2026",
                                       json=PLAN | {"change_reason": "new line", "major_change": True},
                                       headers=world.svc.auth("entity", "E-2"))
        assert other.status_code == 403
        revised = await world.client.put("/monitoring-plans/MP-E-1-2026",
                                         json=PLAN | {"change_reason": "kiln line 2 commissioned in March",
                                                      "major_change": True}, headers=entity)
        assert revised.status_code == 200 and [v["version"] for v in revised.json()["versions"]] == [1, 2]
        await eventually(lambda: len(filed) == 2)
    assert [(e["data"]["version"], e["data"]["major_change"], e["data"]["change_reason"]) for e in filed] == [
        (1, False, None), (2, True, "kiln line 2 commissioned in March")]
    assert filed[0]["correlation_id"] == filed[1]["correlation_id"]  # one plan, one case
    assert [e["data"]["correlation_id"] for e in filed] == [filed[0]["correlation_id"]] * 2  # named in the contract
    refused = await file(world, "SMALL", status=422)
    assert refused["article"] == "M-11"  # reporting-only emitters plan nothing
    for role, party in (("authority", None), ("verifier", "V-1")):
        denied = await world.client.post("/monitoring-plans", json=PLAN, headers=world.svc.auth(role, party))
        assert denied.status_code == 403
    assert [p["plan_id"] for p in (await world.client.get("/monitoring-plans", headers=world.authority)).json()] \
        == ["MP-E-1-2026"]  # the refusals filed nothing
    assert (await world.client.get("/monitoring-plans", headers=world.svc.auth("entity", "E-2"))).json() == []
    assert (await world.client.get("/monitoring-plans", params={"entity_id": "E-1"},
                                   headers=world.svc.auth("entity", "E-2"))).status_code == 403
    mine = await world.client.get("/monitoring-plans", headers=world.svc.auth("entity", "E-1"))
    assert [p["plan_id"] for p in mine.json()] == ["MP-E-1-2026"]


async def test_m11_plan_on_1_january_is_late(world):
    await world.register("E-1")
    await world.tick(world.sh(2026, 1, 1))
    assert (await file(world, "E-1"))["late"] is True


async def test_m11_missing_plan_at_the_deadline_is_an_event_once_and_the_authority_sees_who_has_not_filed(
        world, nats_url):
    await world.register("E-1")
    await world.register("E-2")
    await world.register("NEW", first_year=2026, at=world.sh(2025, 12, 20))  # covered from 2026: no 2026 plan owed
    await world.tick(world.sh(2025, 12, 20))
    await file(world, "E-2")
    not_filed = await world.client.get("/monitoring-plans/missing", params={"compliance_year": 2026},
                                       headers=world.authority)
    assert [(m["entity_id"], m["due_on"], m["missing_at"]) for m in not_filed.json()] == [
        ("E-1", "2025-12-31", None)]
    assert (await world.client.get("/monitoring-plans/missing", params={"compliance_year": 2026},
                                   headers=world.svc.auth("entity", "E-1"))).status_code == 403
    async with subject_listener(nats_url, MonitoringPlanMissing.contract.subject) as missing:
        await world.tick(world.sh(2025, 12, 31, 23, 59, 59))
        await world.tick(world.sh(2026, 1, 1))
        await eventually(lambda: missing)
        await world.tick(world.sh(2026, 1, 2))  # once
    assert [(e["data"]["entity_id"], e["data"]["compliance_year"], e["data"]["due_on"]) for e in missing] == [
        ("E-1", 2026, "2025-12-31")]
    assert missing[0]["data"]["found_at"] == "2025-12-31T16:00:00Z"
    flagged = (await world.client.get("/monitoring-plans/missing", params={"compliance_year": 2026},
                                      headers=world.authority)).json()
    assert [(m["entity_id"], m["missing_at"]) for m in flagged] == [("E-1", "2025-12-31T16:00:00Z")]
    async with subject_listener(nats_url, MonitoringPlanFiled.contract.subject) as filed:
        late = await file(world, "E-1")  # still accepted, late, in the same case
        await eventually(lambda: filed)
    assert late["late"] is True and late["missing_at"] == "2025-12-31T16:00:00Z"
    assert filed[0]["correlation_id"] == missing[0]["correlation_id"] and filed[0]["data"]["late"] is True
    assert (await world.client.get("/monitoring-plans/missing", params={"compliance_year": 2026},
                                   headers=world.authority)).json() == []
