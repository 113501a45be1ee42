"""An exit across allocation, mrv and enforcement (M-18): the entity stops production; half its free allowances of
the next vintage are recalled at once; its current-year report falls due 15 days later — not filed, the day after
mrv finds it missing and enforcement opens the M-37 case under the exit's correlation id; the authority determines
the year from its own figure; the entity surrenders for that year from the determination (not next June), and the
obligation settles."""
from __future__ import annotations

from datetime import datetime

import pytest

from ets_shared.clock import REGULATORY_TZ
from ets_shared.testing.service import eventually

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio]
E = "E2E-EXIT"


def sh(*args: int) -> datetime:
    return datetime(*args, tzinfo=REGULATORY_TZ)


async def test_exit_recall_missing_report_case_and_last_year_surrender(platform, client):
    await client.tick_and_wait(sh(2026, 1, 5, 10))
    await client.post("allocation", "/entities", role="authority", json={
        "entity_id": E, "name": "Songjiang Kiln", "sector": "industry", "annual_emissions": 50_000,
        "compliance_year": 2026})
    for year, quantity in ((2026, 1_000), (2027, 101)):
        await client.post("allocation", "/plans", role="authority", json={"compliance_year": year, "cap": 10_000})
        await client.post("allocation", f"/plans/{year}/entries", role="authority", json={"entries": [
            {"entity_id": E, "method": "benchmark", "intensity": "1", "output": str(quantity)}]})
        await client.post("allocation", f"/plans/{year}/approval", role="authority")
        await client.post("allocation", f"/plans/{year}/issuance", role="authority")

    await client.tick_and_wait(sh(2026, 9, 11, 10))
    exit_case = "exit-" + E
    declared = await client.post("allocation", f"/entities/{E}/exit", role="entity", party=E, correlation=exit_case,
                                 json={"reason": "production_stopped", "exit_on": "2026-09-10"})
    assert declared["report_due_on"] == "2026-09-25"
    assert [(v["vintage"], v["recalled"]) for v in declared["recall"]] == [(2027, 51)]  # 101 / 2, half up

    await client.tick_and_wait(sh(2026, 9, 25, 23, 59))
    assert (await client.get("mrv", f"/reports/RPT-{E}-2026", role="authority"))["report_missing_at"] is None
    await client.tick_and_wait(sh(2026, 9, 26))

    async def m37_case():
        r = await client.request("enforcement", "GET", f"/cases/CASE-M37-{E}-2026-report", role="enforcement_officer",
                                 expect=(200, 404))
        return r if r and r.get("case_id") else None
    case = await eventually(m37_case, timeout=60)
    assert case["correlation_id"] == exit_case and "M-18" in case["allegation"]

    await client.tick_and_wait(sh(2026, 10, 1, 10))
    await client.post("mrv", f"/reports/RPT-{E}-2026/determination", role="authority",
                      json={"emissions": 900, "reason": "the authority's figure: energy statistics to 10 September"})

    async def obligation():
        r = await client.request("allocation", "GET", f"/entities/{E}/obligations/2026", role="authority",
                                 expect=(200, 404))
        return r if r and r.get("determined_emissions") == 900 else None
    ob = await eventually(obligation, timeout=60)
    assert ob["surrender_until"] == "2026-10-30"  # 30 days from its determination, not June 2027
    paid = await client.post("allocation", f"/entities/{E}/surrenders", role="entity", party=E,
                             json={"compliance_year": 2026, "lines": [{"unit_type": "SHEA", "vintage": 2026,
                                                                       "quantity": 900}]})
    assert paid["status"] == "settled"
    holdings = await client.get("allocation", f"/entities/{E}/holdings", role="authority")
    assert {(h["vintage"], h["quantity"]) for h in holdings} == {(2026, 100), (2027, 50)}
    audit = await client.get("allocation", "/registry/ledger/audit", role="authority")
    assert audit["intact"] is True
