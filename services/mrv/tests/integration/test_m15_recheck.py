"""M-15 ¶2 over the running service: a re-check instead of a direct determination when reported and verified differ
by at least 10% (of the verified figure) or 100,000 t, when the year differs from the previous year's determination
by at least 20%, when the entity objects with evidence, or for a reason the authority records. "以上" includes the
number itself (M-44): exactly 10% triggers, 9.99% does not. A determination after a re-check keeps its triggers; a
correction after a determination is the next revision."""
from __future__ import annotations

import pytest

from ets_shared.contracts.mrv import EmissionsDetermined, RecheckOpened
from ets_shared.testing.service import eventually, subject_listener

pytestmark = pytest.mark.asyncio


@pytest.fixture
async def verifying(world):
    await world.tick(world.sh(2026, 4, 10))
    await world.signatory("V-1", "AG-1", 2025)
    await world.automatic(2025)  # verified figures without a trigger are determined by themselves
    return world


async def filed(world, entity_id: str, reported: int, verified: int) -> dict:
    await world.register(entity_id)
    report = await world.report(entity_id, 2025, world.process(reported))
    return await world.verify(report["report_id"], world.process(verified))


async def test_m15_recheck_at_exactly_10_percent_of_the_verified_figure_and_not_at_9_99(verifying, nats_url):
    world = verifying
    async with subject_listener(nats_url, RecheckOpened.contract.subject) as opened:
        at_10 = await filed(world, "E-1", 11_000, 10_000)
        at_9_99 = await filed(world, "E-2", 10_999, 10_000)
        below = await filed(world, "E-3", 9_001, 10_000)
        assert (at_10["state"], at_10["triggers"]) == ("recheck", ["DISCREPANCY"])
        assert "differ by 1000 t" in at_10["recheck"]["triggers"][0]["detail"]
        assert (at_9_99["state"], at_9_99["triggers"]) == ("verified", [])
        assert (below["state"], below["triggers"]) == ("verified", [])
        await eventually(lambda: opened)
    assert [(e["data"]["report_id"], e["data"]["triggers"]) for e in opened] == [("RPT-E-1-2025", ["DISCREPANCY"])]
    await world.tick(world.sh(2026, 5, 1))  # after the objection period: only the re-check stays open
    states = {r["report_id"]: r["state"] for r in (await world.client.get(
        "/reports", params={"compliance_year": 2025}, headers=world.authority)).json()}
    assert states == {"RPT-E-1-2025": "recheck", "RPT-E-2-2025": "determined", "RPT-E-3-2025": "determined"}


async def test_m15_recheck_at_100000_tonnes_difference(verifying):
    world = verifying
    by_tonnes = await filed(world, "E-1", 2_100_000, 2_000_000)  # 5%, but 100,000 t
    short = await filed(world, "E-2", 2_099_999, 2_000_000)
    assert (by_tonnes["state"], by_tonnes["triggers"]) == ("recheck", ["DISCREPANCY"])
    assert (short["state"], short["triggers"]) == ("verified", [])


async def test_m15_recheck_year_on_year_20_percent_against_the_previous_determination(verifying):
    world = verifying
    for entity_id in ("E-1", "E-2"):
        imported = await world.client.post("/determinations/historical", headers=world.authority, json={
            "entity_id": entity_id, "compliance_year": 2024, "emissions": 10_000})
        assert imported.status_code == 201 and imported.json()["basis"] == "historical"
    refused = await world.client.post("/determinations/historical", headers=world.svc.auth("entity", "E-1"),
                                      json={"entity_id": "E-1", "compliance_year": 2024, "emissions": 1})
    assert refused.status_code == 403
    up_20 = await filed(world, "E-1", 12_000, 12_000)
    up_19_99 = await filed(world, "E-2", 11_999, 11_999)
    assert (up_20["state"], up_20["triggers"]) == ("recheck", ["YEAR_ON_YEAR"])
    assert (up_19_99["state"], up_19_99["triggers"]) == ("verified", [])
    audit = (await world.client.get("/audit", params={"subject_ref": "determination:E-1-2024"},
                                    headers=world.authority)).json()
    assert [a["action"] for a in audit] == ["mrv.determination.imported"]


async def test_m15_recheck_year_on_year_against_this_services_own_determination(world):
    sh = world.sh
    await world.register("E-1", first_year=2024)
    for year in (2024, 2025):
        await world.signatory("V-1", "AG-1", year)
    await world.automatic(2024)
    await world.tick(sh(2025, 4, 10))
    report = await world.report("E-1", 2024, world.process(10_000))
    await world.verify(report["report_id"], world.process(10_000))
    await world.tick(sh(2025, 4, 20))
    assert (await world.case(report["report_id"]))["state"] == "determined"
    await world.tick(sh(2026, 4, 10))
    report = await world.report("E-1", 2025, world.process(8_000))
    dropped = await world.verify(report["report_id"], world.process(8_000))  # -20% of 2024's 10,000 t
    assert (dropped["state"], dropped["triggers"]) == ("recheck", ["YEAR_ON_YEAR"])


async def test_m15_objection_opens_a_recheck_and_stops_the_auto_determination(verifying, nats_url):
    world = verifying
    await filed(world, "E-1", 10_000, 10_100)
    entity = world.svc.auth("entity", "E-1")
    blank = await world.client.post("/reports/RPT-E-1-2025/objection", json={"evidence": []}, headers=entity)
    assert blank.status_code == 422 and blank.json()["field"] == "evidence"
    async with subject_listener(nats_url, RecheckOpened.contract.subject) as opened:
        objection = await world.client.post("/reports/RPT-E-1-2025/objection",
                                            json={"evidence": ["meter calibration certificate 2025-11"]},
                                            headers=entity)
        assert objection.status_code == 201 and objection.json()["triggers"] == ["OBJECTION"]
        await eventually(lambda: opened)
    assert opened[0]["data"]["triggers"] == ["OBJECTION"]
    await world.tick(world.sh(2026, 5, 30))
    case = await world.case("RPT-E-1-2025")
    assert (case["state"], case["determinations"]) == ("recheck", [])
    assert case["objections"][0]["evidence"] == ["meter calibration certificate 2025-11"]


async def test_m15_determination_after_recheck_keeps_triggers_and_increments_revision(verifying, nats_url,
                                                                                     correlation):
    world = verifying
    await world.register("E-1")
    report = await world.report("E-1", 2025, world.process(12_000), **{"X-Correlation-Id": correlation})
    await world.verify(report["report_id"], world.process(10_000))
    url = f"/reports/{report['report_id']}"
    entity = world.svc.auth("entity", "E-1")
    assert (await world.client.post(f"{url}/determination", json={"emissions": 1, "reason": "x"},
                                    headers=entity)).status_code == 403
    assert (await world.client.post(f"{url}/recheck", json={"reason": "x"}, headers=entity)).status_code == 403
    async with subject_listener(nats_url, EmissionsDetermined.contract.subject) as determined:
        objected = await world.client.post(f"{url}/objection", json={"evidence": ["invoices"]}, headers=entity)
        assert objected.json()["triggers"] == ["DISCREPANCY", "OBJECTION"]
        first = await world.client.post(f"{url}/determination", headers=world.authority,
                                        json={"emissions": 11_000, "reason": "invoices support part of the claim"})
        assert first.status_code == 201
        assert (first.json()["triggers"], first.json()["revision"], first.json()["basis"]) == \
            (["DISCREPANCY", "OBJECTION"], 1, "recheck")
        correction = await world.client.post(f"{url}/recheck", headers=world.authority,
                                             json={"reason": "site inspection found an unreported boiler"})
        assert correction.status_code == 201 and correction.json()["triggers"] == ["AUTHORITY"]
        await world.tick(world.sh(2026, 5, 30))  # a re-check is never auto-determined
        second = await world.client.post(f"{url}/determination", headers=world.authority,
                                         json={"emissions": 11_400, "reason": "boiler added"})
        assert (second.json()["revision"], second.json()["triggers"]) == (2, ["AUTHORITY"])
        assert "unreported boiler" in second.json()["trigger_details"][0]["detail"]
        events = await eventually(lambda: determined if len(determined) == 2 else None)
    assert [(e["data"]["revision"], e["data"]["determined_emissions"], e["data"]["triggers"], e["correlation_id"])
            for e in events] == [(1, 11_000, ["DISCREPANCY", "OBJECTION"], correlation),
                                 (2, 11_400, ["AUTHORITY"], correlation)]
    latest = (await world.client.get("/entities/E-1/determinations/2025", headers=world.authority)).json()
    assert (latest["revision"], latest["emissions"]) == (2, 11_400)
    again = await world.client.post("/determinations/historical", headers=world.authority,
                                    json={"entity_id": "E-1", "compliance_year": 2025, "emissions": 1})
    assert again.status_code == 409
