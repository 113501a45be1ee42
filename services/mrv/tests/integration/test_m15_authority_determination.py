"""M-15 over the running service, determination as the authority's act (the default): its queue with each case's
deadline and triggers (filter, page, CSV), determination one by one and in bulk, its own figure for an entity that
never reported or was never verified, every determination notified to the entity and copied to the departments,
and a determination missed past its deadline flagged (M-43)."""
from __future__ import annotations

import csv
import io

import pytest

from ets_shared.contracts.mrv import DeterminationOverdue, EmissionsDetermined, EmissionsDeterminedV2
from ets_shared.testing.service import eventually, subject_listener

pytestmark = pytest.mark.asyncio


@pytest.fixture
async def year(world):
    """E-V verified (no trigger), E-R in re-check (discrepancy), E-N never reported, E-U never verified."""
    sh = world.sh
    for entity_id in ("E-V", "E-R", "E-N", "E-U"):
        await world.register(entity_id)
    await world.signatory("V-1", "AG-1", 2025)
    await world.tick(sh(2026, 3, 20))
    for entity_id, tonnes in (("E-V", 30_000), ("E-R", 40_000), ("E-U", 50_000)):
        await world.report(entity_id, 2025, world.process(tonnes), **{"X-Correlation-Id": f"case-{entity_id}"})
    await world.tick(sh(2026, 4, 10, 10))
    await world.verify("RPT-E-V-2025", world.process(30_000))
    await world.verify("RPT-E-R-2025", world.process(30_000))  # differs by 25%: re-check
    return world


async def queue(world, **params) -> list[dict]:
    r = await world.client.get("/determination-queue", params=params, headers=world.authority)
    assert r.status_code == 200, r.text
    return r.json()


async def test_m15_verified_figure_waits_for_the_authority_and_its_queue_shows_deadlines(year, nats_url):
    world, sh = year, year.sh
    await world.tick(sh(2026, 5, 1, 9))  # reports and verifications missing are found
    items = await queue(world, compliance_year=2025)
    assert [(i["report_id"], i["awaiting"], i["due_by"], i["days_left"], i["triggers"]) for i in items] == [
        ("RPT-E-R-2025", "recheck", "2026-05-10", 9, ["DISCREPANCY"]),
        ("RPT-E-V-2025", "verified", "2026-05-10", 9, []),
        ("RPT-E-N-2025", "no_report", None, None, []),
        ("RPT-E-U-2025", "no_verification", None, None, [])]
    assert [i["report_id"] for i in await queue(world, awaiting="no_report")] == ["RPT-E-N-2025"]
    assert [i["report_id"] for i in await queue(world, trigger="DISCREPANCY")] == ["RPT-E-R-2025"]
    assert [i["report_id"] for i in await queue(world, offset=1, limit=2)] == ["RPT-E-V-2025", "RPT-E-N-2025"]
    assert await queue(world, due_before="2026-05-09") == []
    exported = await world.client.get("/determination-queue", params={"format": "csv"}, headers=world.authority)
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert [(r["report_id"], r["due_by"], r["triggers"]) for r in rows][:2] == [
        ("RPT-E-R-2025", "2026-05-10", "DISCREPANCY"), ("RPT-E-V-2025", "2026-05-10", "")]
    for role, party in (("entity", "E-V"), ("verifier", "V-1"), ("enforcement_officer", None)):
        denied = await world.client.get("/determination-queue", headers=world.svc.auth(role, party))
        assert denied.status_code == 403
    bad = await world.client.get("/determination-queue", params={"limit": 10_001}, headers=world.authority)
    assert bad.status_code == 422 and bad.json()["invalid_params"][0]["name"] == "query.limit"
    assert (await world.case("RPT-E-V-2025"))["state"] == "verified"  # never determined by itself


async def test_m15_authority_determines_one_by_one_with_recipients_and_for_missing_cases(year, nats_url):
    world, sh = year, year.sh
    entity = world.svc.auth("entity", "E-V")
    policy = (await world.client.get("/policy/2025")).json()
    put = await world.client.put("/policy/2025", params={"reason": "recipients for 2025"},
                                 json=policy | {"determination_copied_to": ["statistics", "finance"]},
                                 headers=world.authority)
    assert put.status_code == 200
    early = await world.client.post("/reports/RPT-E-V-2025/determination", json={}, headers=world.authority)
    assert early.status_code == 409 and "object until" in early.json()["detail"]  # the entity may still object
    await world.tick(sh(2026, 4, 17, 10))  # the objection period (7 days) has passed
    assert (await world.client.post("/reports/RPT-E-V-2025/determination", json={},
                                    headers=entity)).status_code == 403
    async with subject_listener(nats_url, EmissionsDeterminedV2.contract.subject) as v2, \
            subject_listener(nats_url, EmissionsDetermined.contract.subject) as v1:
        made = await world.client.post("/reports/RPT-E-V-2025/determination", json={}, headers=world.authority)
        assert made.status_code == 201 and made.json()["basis"] == "verification"
        unverified_yet = await world.client.post("/reports/RPT-E-U-2025/determination",
                                                 json={"emissions": 55_000, "reason": "reported figure"},
                                                 headers=world.authority)
        assert unverified_yet.status_code == 409  # its verification may still come until 30 April
        await world.tick(sh(2026, 5, 1))
        own = await world.client.post("/reports/RPT-E-N-2025/determination", json={"emissions": 60_000},
                                      headers=world.authority)
        assert own.status_code == 422 and own.json()["field"] == "reason"
        own = await world.client.post("/reports/RPT-E-N-2025/determination",
                                      json={"emissions": 60_000, "reason": "2025 energy statistics x SH-2022"},
                                      headers=world.authority)
        assert own.status_code == 201
        unverified = await world.client.post("/reports/RPT-E-U-2025/determination",
                                             json={"emissions": 55_000, "reason": "reported figure + 10 %"},
                                             headers=world.authority)
        assert unverified.status_code == 201
        await eventually(lambda: len(v2) == 3 and v1)
    by_entity = {e["data"]["entity_id"]: e for e in v2}
    assert by_entity["E-V"]["correlation_id"] == "case-E-V"
    assert by_entity["E-V"]["data"] | {"determined_at": None} == {
        "determination_id": "DET-E-V-2025-r1", "report_id": "RPT-E-V-2025", "entity_id": "E-V",
        "compliance_year": 2025, "determined_emissions": 30_000, "basis": "verification", "triggers": [],
        "revision": 1, "supersedes": None, "reason": None, "reported_emissions": 30_000,
        "verified_emissions": 30_000, "agency_id": "AG-1", "due_by": "2026-05-10", "late": False,
        "determined_at": None, "notified_to": "E-V", "copied_to": ["statistics", "finance"],
        "correlation_id": "case-E-V"}
    n = by_entity["E-N"]["data"]
    assert (n["basis"], n["determined_emissions"], n["reported_emissions"], n["verified_emissions"], n["agency_id"],
            n["due_by"], n["reason"]) == ("authority", 60_000, None, None, None, None,
                                          "2025 energy statistics x SH-2022")
    assert by_entity["E-U"]["data"]["reported_emissions"] == 50_000
    assert by_entity["E-U"]["correlation_id"] == "case-E-U"
    assert [e["data"]["entity_id"] for e in v1] == ["E-V"]  # v1 only where a verification stands behind it
    assert [i["report_id"] for i in await queue(world)] == ["RPT-E-R-2025"]


async def test_m15_bulk_determination_item_by_item(year, nats_url):
    world, sh = year, year.sh
    await world.tick(sh(2026, 5, 1))
    items = [{"report_id": "RPT-E-V-2025"},
             {"report_id": "RPT-E-R-2025", "emissions": 31_000},  # a re-check needs its reasons
             {"report_id": "RPT-E-N-2025", "emissions": 60_000, "reason": "statistics"},
             {"report_id": "RPT-E-V-2025"},  # twice: the second is refused
             {"report_id": "RPT-NOBODY-2025"}]
    assert (await world.client.post("/determinations/bulk", json={"items": items},
                                    headers=world.svc.auth("entity", "E-V"))).status_code == 403
    results = (await world.client.post("/determinations/bulk", json={"items": items},
                                       headers=world.authority)).json()
    assert [(r["report_id"], r["status"]) for r in results] == [
        ("RPT-E-V-2025", "determined"), ("RPT-E-R-2025", "refused"), ("RPT-E-N-2025", "determined"),
        ("RPT-E-V-2025", "refused"), ("RPT-NOBODY-2025", "refused")]
    assert results[1]["problem"]["field"] == "items[1].reason"
    assert results[3]["problem"]["status"] == 409
    assert (results[4]["problem"]["status"], results[4]["problem"]["field"]) == (404, "items[4].report_id")
    assert results[2]["determination"]["basis"] == "authority"
    assert [i["report_id"] for i in await queue(world)] == ["RPT-E-R-2025", "RPT-E-U-2025"]
    empty = await world.client.post("/determinations/bulk", json={"items": []}, headers=world.authority)
    assert empty.status_code == 422


async def test_m43_determination_missed_past_its_deadline_is_flagged_once(year, nats_url):
    world, sh = year, year.sh
    async with subject_listener(nats_url, DeterminationOverdue.contract.subject) as overdue:
        await world.tick(sh(2026, 5, 10, 23, 59, 59))  # the due date itself: in time
        assert await queue(world, overdue=True) == []
        await world.tick(sh(2026, 5, 11))
        await eventually(lambda: len(overdue) == 2)
        await world.tick(sh(2026, 5, 12))
    assert sorted((e["data"]["report_id"], e["data"]["state"], e["data"]["due_by"]) for e in overdue) == [
        ("RPT-E-R-2025", "recheck", "2026-05-10"), ("RPT-E-V-2025", "verified", "2026-05-10")]
    assert {i["report_id"]: (i["overdue"], i["days_left"]) for i in await queue(world, overdue=True)} == {
        "RPT-E-R-2025": (True, -2), "RPT-E-V-2025": (True, -2)}
    late = (await world.client.post("/reports/RPT-E-V-2025/determination", json={},
                                    headers=world.authority)).json()
    assert late["late"] is True
    assert (await world.case("RPT-E-R-2025"))["determination_overdue_for"] == "2026-05-10"
