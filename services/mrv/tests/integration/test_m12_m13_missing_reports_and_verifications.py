"""M-12 and M-13 deadlines over the running service: at 00:00 on 1 April every covered or reporting-only emitter
without a report is found and an event says so (once); a late report is still accepted, flagged, into the same
case; at 00:00 on 1 May every covered entity's report without a verification is found and an event says so."""
from __future__ import annotations

import pytest

from ets_shared.contracts.mrv import EmissionReportMissing, EmissionReportSubmitted, VerificationMissing
from ets_shared.testing.service import eventually, subject_listener

pytestmark = pytest.mark.asyncio


async def test_m12_missing_reports_found_on_1_april_not_on_31_march(world, nats_url):
    sh = world.sh
    await world.register("REPORTS")
    await world.register("SILENT")
    await world.register("SMALL", covered=False)  # reporting-only (M-12 ¶2): must report too
    await world.register("LATER", first_year=2026, at=sh(2025, 12, 1))  # no 2025 report owed
    await world.tick(sh(2026, 3, 20))
    await world.report("REPORTS", 2025, world.process(30_000))
    async with subject_listener(nats_url, EmissionReportMissing.contract.subject) as missing:
        await world.tick(sh(2026, 3, 31, 23, 59, 59))
        assert (await world.client.get("/reports", params={"state": "awaiting_report"},
                                       headers=world.authority)).json() == []
        await world.tick(sh(2026, 4, 1))
        await eventually(lambda: len(missing) == 2)
        await world.tick(sh(2026, 4, 2))  # once
    found = {e["data"]["entity_id"]: e for e in missing}
    assert set(found) == {"SILENT", "SMALL"} and len(missing) == 2
    assert found["SILENT"]["data"] | {"found_at": None} == {
        "report_id": "RPT-SILENT-2025", "entity_id": "SILENT", "compliance_year": 2025, "covered": True,
        "due_on": "2026-03-31", "found_at": None, "exit_report": False,
        "correlation_id": found["SILENT"]["correlation_id"]}
    assert found["SMALL"]["data"]["covered"] is False
    case = await world.case("RPT-SILENT-2025")
    assert (case["state"], case["report"], case["report_missing_at"]) == ("awaiting_report", None,
                                                                          "2026-03-31T16:00:00Z")

    async with subject_listener(nats_url, EmissionReportSubmitted.contract.subject) as submitted:
        late = await world.report("SILENT", 2025, world.process(25_000))
        await eventually(lambda: submitted)
    assert (late["late"], late["state"]) == (True, "reported")
    assert submitted[0]["correlation_id"] == found["SILENT"]["correlation_id"]  # the same case
    again = await world.client.post("/reports", json={"compliance_year": 2025, "sources": world.process(1)},
                                    headers=world.svc.auth("entity", "SILENT"))
    assert again.status_code == 409


async def test_m13_missing_verifications_found_on_1_may_not_on_30_april(world, nats_url):
    sh = world.sh
    for entity_id in ("VERIFIED", "UNVERIFIED"):
        await world.register(entity_id)
    await world.register("SMALL", covered=False)
    await world.signatory("V-1", "AG-1", 2025)
    await world.tick(sh(2026, 3, 20))
    for entity_id in ("VERIFIED", "UNVERIFIED", "SMALL"):
        await world.report(entity_id, 2025, world.process(30_000))
    await world.verify("RPT-VERIFIED-2025", world.process(30_000))
    async with subject_listener(nats_url, VerificationMissing.contract.subject) as missing:
        await world.tick(sh(2026, 4, 30, 23, 59, 59))
        assert (await world.case("RPT-UNVERIFIED-2025"))["verification_missing_at"] is None
        await world.tick(sh(2026, 5, 1))
        await eventually(lambda: missing)
        await world.tick(sh(2026, 5, 2))
    assert [(e["data"]["report_id"], e["data"]["due_on"]) for e in missing] == [("RPT-UNVERIFIED-2025",
                                                                                 "2026-04-30")]
    case = await world.case("RPT-UNVERIFIED-2025")
    assert (case["state"], case["verification_missing_at"]) == ("reported", "2026-04-30T16:00:00Z")
    late = await world.verify("RPT-UNVERIFIED-2025", world.process(30_000))  # still accepted, flagged late
    assert late["verification"]["late"] is True and late["state"] == "verified"


async def test_m12_a_reporting_only_emitter_covered_later_still_owes_its_earlier_reports(world, nats_url):
    sh = world.sh
    await world.register("GROWING", covered=False, first_year=2025)
    await world.register("GROWING", covered=True, first_year=2027, at=sh(2027, 1, 10))  # the 2027 list covers it
    async with subject_listener(nats_url, EmissionReportMissing.contract.subject) as missing:
        await world.tick(sh(2027, 1, 15))  # the 2025 report, due 31 March 2026, is found missing
        owing = await world.client.get("/monitoring-plans/missing", params={"compliance_year": 2027},
                                       headers=world.authority)
        assert owing.json() == []  # covered from 2027: its first plan is the 2028 one
        await world.tick(sh(2027, 4, 1))
        await eventually(lambda: len(missing) == 2)
    # still owed after it was covered, as a reporting-only emitter's (no M-37 case for those years)
    assert [(e["data"]["compliance_year"], e["data"]["covered"]) for e in missing] == [(2025, False), (2026, False)]
