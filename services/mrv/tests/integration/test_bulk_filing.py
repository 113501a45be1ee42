"""Bulk filing over the running service: many reports (M-12) or verifications (M-13, V) in one request, each through the
single-item use case, with a result per item — a refused item costs only itself, every item is its own compliance
case, and the roles of the single-item endpoints hold."""
from __future__ import annotations

import pytest

from ets_shared.contracts.mrv import EmissionReportSubmitted
from ets_shared.testing.service import eventually, subject_listener

pytestmark = pytest.mark.asyncio


def filed(entity_id: str, tonnes: int, year: int = 2025, **extra) -> dict:
    return {"entity_id": entity_id, "compliance_year": year,
            "sources": [{"kind": "process", "quantity": str(tonnes), "unit": "tCO2e"}], **extra}


async def test_m12_reports_filed_in_bulk_each_get_a_result_and_a_case_of_their_own(world, nats_url):
    await world.tick(world.sh(2026, 3, 15))
    for entity in ("E-1", "E-2"):
        await world.register(entity)
    await world.report("E-2", 2025, world.process(5_000))  # filed alone before: the bulk item conflicts
    body = {"reports": [filed("E-1", 10_000, correlation_id="case-E-1"), filed("E-2", 7_000), filed("E-3", 12_000)]}
    async with subject_listener(nats_url, EmissionReportSubmitted.contract.subject) as events:
        answer = await world.client.post("/reports/batch", json=body,
                                         headers={**world.authority, "X-Correlation-Id": "import-7"})
        assert answer.status_code == 200, answer.text
        result = answer.json()
        await eventually(lambda: {"E-1", "E-3"} <= {e["data"]["entity_id"] for e in events})
    assert (result["accepted"], result["refused"]) == (2, 1)
    assert [r["status"] for r in result["results"]] == [201, 409, 201]
    assert result["results"][0]["result"]["report_id"] == "RPT-E-1-2025"
    assert result["results"][0]["result"]["reported_emissions"] == 10_000
    problem = result["results"][1]["problem"]
    assert problem["field"] == "reports[1].compliance_year" and problem["type"] == "urn:ets:problem:conflict"
    assert problem["article"] == "M-12"
    assert result["results"][2]["result"]["covered"] is False  # not (yet) on the covered list: reporting-only
    case = await world.case("RPT-E-2-2025")
    assert case["report"]["reported_emissions"] == 5_000, "the refused item changed nothing"
    by_entity = {e["data"]["entity_id"]: e for e in events}
    assert by_entity["E-1"]["correlation_id"] == "case-E-1"
    assert by_entity["E-3"]["correlation_id"] not in ("case-E-1", "import-7"), "each item is a case of its own"
    assert by_entity["E-1"]["causation_id"] == by_entity["E-3"]["causation_id"] == "import-7"


async def test_m13_verifications_filed_in_bulk_refuse_only_the_items_the_verifier_may_not_sign(world):
    await world.tick(world.sh(2026, 4, 10))
    await world.signatory("V-1", "AG-1", 2025)
    for entity, tonnes in (("E-1", 10_000), ("E-2", 20_000)):
        await world.register(entity)
        await world.report(entity, 2025, world.process(tonnes))
    items = [{"report_id": "RPT-E-1-2025", "agency_id": "AG-1", "verified_sources": world.process(10_050)},
             {"report_id": "RPT-E-2-2025", "agency_id": "AG-9", "verified_sources": world.process(20_000)},
             {"report_id": "RPT-E-9-2025", "agency_id": "AG-1", "verified_sources": world.process(1)},
             {"report_id": "RPT-E-2-2025", "agency_id": "AG-1", "verified_sources": world.process(30_000),
              "findings": "reported figure far too low"}]
    answer = await world.client.post("/verifications/batch", json={"verifications": items},
                                     headers=world.svc.auth("verifier", "V-1"))
    assert answer.status_code == 200, answer.text
    results = answer.json()["results"]
    assert [r["status"] for r in results] == [201, 403, 404, 201]
    assert results[1]["problem"]["field"] == "verifications[1].agency_id"
    assert results[2]["problem"]["field"] == "verifications[2].report_id"
    assert results[0]["result"]["state"] == "verified"
    assert results[3]["result"]["state"] == "recheck" and results[3]["result"]["triggers"] == ["DISCREPANCY"]
    assert (await world.case("RPT-E-2-2025"))["verification"]["verified_emissions"] == 30_000


async def test_bulk_endpoints_keep_the_roles_of_the_single_item_ones(world):
    await world.tick(world.sh(2026, 4, 10))
    await world.register("E-1")
    checks = [("/reports/batch", {"reports": [filed("E-1", 10_000)]}, world.svc.auth("entity", "E-1")),
              ("/verifications/batch", {"verifications": [{"report_id": "RPT-E-1-2025", "agency_id": "AG-1",
                                                           "verified_sources": world.process(1)}]}, world.authority)]
    for path, body, headers in checks:
        refused = await world.client.post(path, json=body, headers=headers)
        assert refused.status_code == 403, (path, refused.text)
    assert (await world.client.get("/reports/RPT-E-1-2025", headers=world.authority)).status_code == 404


async def test_bulk_requests_are_bounded_and_a_bad_item_names_its_place(world):
    too_many = {"reports": [filed(f"E-{i}", 10_000) for i in range(1001)]}
    for body, field in ((too_many, "body.reports"), ({"reports": []}, "body.reports"),
                        ({"reports": [filed("E-1", 10_000), filed("E 2", 1)]}, "body.reports[1].entity_id"),
                        ({"reports": [filed("E-1", 10_000, correlation_id="")]}, "body.reports[0].correlation_id")):
        answer = await world.client.post("/reports/batch", json=body, headers=world.authority)
        assert answer.status_code == 422 and answer.json()["invalid_params"][0]["name"] == field, answer.text
    assert (await world.client.get("/reports", headers=world.authority)).json() == [], "nothing changed"


async def test_m13_m15_a_bulk_request_reads_ahead_without_losing_a_rule(world):
    """The verifications of one request share what they read ahead (the agency's directory once, every entity's
    assignment and previous year in a few queries): still each entity's own assignment (M-13 ¶1) and its own
    previous-year figure (M-15 ¶2(2), year on year), whether determined by this service or imported."""
    await world.tick(world.sh(2026, 4, 10))
    await world.signatory("V-1", "AG-1", 2025)
    for entity in ("E-1", "E-2", "E-3"):
        await world.register(entity)
        await world.report(entity, 2025, world.process(12_000))
    await world.assign("E-3", 2025, "AG-2", revision=2)  # E-3's verification went to another agency
    imported = await world.client.post("/determinations/historical", headers=world.authority, json={
        "entity_id": "E-1", "compliance_year": 2024, "emissions": 10_000})
    assert imported.status_code == 201
    items = [{"report_id": f"RPT-{e}-2025", "agency_id": "AG-1", "verified_sources": world.process(12_000)}
             for e in ("E-1", "E-2", "E-3")]
    answer = await world.client.post("/verifications/batch", json={"verifications": items},
                                     headers=world.svc.auth("verifier", "V-1"))
    results = answer.json()["results"]
    assert [r["status"] for r in results] == [201, 201, 403], answer.text
    assert (results[0]["result"]["state"], results[0]["result"]["triggers"]) == ("recheck", ["YEAR_ON_YEAR"])
    assert (results[1]["result"]["state"], results[1]["result"]["triggers"]) == ("verified", [])
    assert results[2]["problem"]["field"] == "verifications[2].agency_id"


async def test_m12_bulk_reports_refuse_only_the_invalid_item_and_change_nothing_of_it(world, nats_url):
    """Set-based, the request's items are judged in memory and written together: an item the rules refuse (an
    unknown fuel, a second report of an entity-year within the same request) is answered alone and leaves no trace —
    no case, no event — while the items around it are filed."""
    await world.tick(world.sh(2026, 3, 15))
    for entity in ("E-1", "E-2", "E-3"):
        await world.register(entity)
    unknown_fuel = [{"kind": "fuel", "quantity": "10", "unit": "t", "fuel": "unobtainium"}]
    body = {"reports": [filed("E-1", 10_000), {"entity_id": "E-2", "compliance_year": 2025, "sources": unknown_fuel},
                        filed("E-3", 12_000), filed("E-1", 99_000)]}
    async with subject_listener(nats_url, EmissionReportSubmitted.contract.subject) as events:
        answer = await world.client.post("/reports/batch", json=body, headers=world.authority)
        assert answer.status_code == 200, answer.text
        await eventually(lambda: {"E-1", "E-3"} <= {e["data"]["entity_id"] for e in events})
    results = answer.json()["results"]
    assert [r["status"] for r in results] == [201, 422, 201, 409], answer.text
    assert results[1]["problem"]["field"].startswith("reports[1].sources")
    assert results[3]["problem"]["field"] == "reports[3].compliance_year"
    assert (await world.client.get("/reports/RPT-E-2-2025", headers=world.authority)).status_code == 404
    assert (await world.case("RPT-E-1-2025"))["report"]["reported_emissions"] == 10_000, "the first item's figure"
    assert (await world.case("RPT-E-3-2025"))["report"]["reported_emissions"] == 12_000
    assert sorted(e["data"]["entity_id"] for e in events) == ["E-1", "E-3"], "one event per filed report, none else"


async def test_m13_bulk_verifications_refuse_only_the_invalid_item_and_change_nothing_of_it(world):
    """An invalid verified source, or a second verification of a report within the same request: that item alone is
    refused, its report stays as it was (still reported, or verified by the first item), the others are filed."""
    await world.tick(world.sh(2026, 4, 10))
    await world.signatory("V-1", "AG-1", 2025)
    for entity in ("E-1", "E-2", "E-3"):
        await world.register(entity)
        await world.report(entity, 2025, world.process(10_000))
    bad_source = [{"kind": "fuel", "quantity": "10", "unit": "t", "fuel": "unobtainium"}]
    items = [{"report_id": "RPT-E-1-2025", "agency_id": "AG-1", "verified_sources": world.process(10_000)},
             {"report_id": "RPT-E-2-2025", "agency_id": "AG-1", "verified_sources": bad_source},
             {"report_id": "RPT-E-3-2025", "agency_id": "AG-1", "verified_sources": world.process(10_020)},
             {"report_id": "RPT-E-1-2025", "agency_id": "AG-1", "verified_sources": world.process(30_000)}]
    answer = await world.client.post("/verifications/batch", json={"verifications": items},
                                     headers=world.svc.auth("verifier", "V-1"))
    results = answer.json()["results"]
    assert [r["status"] for r in results] == [201, 422, 201, 409], answer.text
    assert results[1]["problem"]["field"].startswith("verifications[1].verified_sources")
    untouched = await world.case("RPT-E-2-2025")
    assert (untouched["state"], untouched["verification"]) == ("reported", None)
    first = await world.case("RPT-E-1-2025")
    assert (first["state"], first["verification"]["verified_emissions"]) == ("verified", 10_000)
    assert (await world.case("RPT-E-3-2025"))["verification"]["verified_emissions"] == 10_020
    retry = {"report_id": "RPT-E-2-2025", "agency_id": "AG-1", "verified_sources": world.process(10_000)}
    again = await world.client.post("/verifications/batch", headers=world.svc.auth("verifier", "V-1"),
                                    json={"verifications": [retry]})
    assert again.json()["results"][0]["status"] == 201, "the refused item's report is still open to verification"
