"""M-12 over the running service: the report computes tCO2e with the compliance year's factor set (M-44(1)), is
flagged late after 31 March, is submitted once per entity-year and amended until verified; only the entity itself
may submit, amend or read it."""
from __future__ import annotations

import pytest

from ets_shared.contracts.mrv import EmissionReportSubmitted
from ets_shared.testing.service import eventually, subject_listener

pytestmark = pytest.mark.asyncio

MIXED = [
    {"kind": "electricity", "quantity": "100", "unit": "10^4 kWh"},
    {"kind": "heat", "quantity": "1000", "unit": "GJ"},
    {"kind": "fuel", "quantity": "10.5", "unit": "10^4 Nm3", "fuel": "natural_gas"},
    {"kind": "process", "quantity": "0.4", "unit": "tCO2e"},
]


async def test_m12_report_computes_tco2e_with_the_years_factor_set_and_flags_late(world, nats_url):
    sh = world.sh
    async with subject_listener(nats_url, EmissionReportSubmitted.contract.subject) as submitted:
        await world.tick(sh(2022, 3, 31, 23, 59))
        on_time = await world.report("E-1", 2021, MIXED)
        # SH-2012: 100 x 7.88 + 1000 x 0.11 = 898 indirect; 10.5 x 21.62 + 0.4 = 227.41 direct
        assert (on_time["factor_set_id"], on_time["indirect"], on_time["direct"]) == ("SH-2012", "898.00", "227.410")
        assert (on_time["reported_emissions"], on_time["late"], on_time["state"]) == (1125, False, "reported")
        assert on_time["report_id"] == "RPT-E-1-2021" and on_time["covered"] is False  # never registered

        await world.tick(sh(2023, 4, 1, 0, 0))
        late = await world.report("E-1", 2022, MIXED)
        # SH-2022: 100 x 4.2 + 1000 x 0.06 = 480 indirect
        assert (late["factor_set_id"], late["indirect"], late["reported_emissions"]) == ("SH-2022", "480.00", 707)
        assert late["late"] is True
        events = await eventually(lambda: submitted if len(submitted) == 2 else None)
    assert [(e["data"]["report_id"], e["data"]["late"], e["data"]["reported_emissions"]) for e in events] == \
        [("RPT-E-1-2021", False, 1125), ("RPT-E-1-2022", True, 707)]


async def test_m12_one_report_per_entity_year_amended_until_verified(world, nats_url):
    entity = world.svc.auth("entity", "E-1")
    async with subject_listener(nats_url, EmissionReportSubmitted.contract.subject) as submitted:
        first = await world.report("E-1", 2025, world.process(1000))
        again = await world.client.post("/reports", json={"compliance_year": 2025, "sources": world.process(5)},
                                        headers=entity)
        assert again.status_code == 409 and again.json()["article"] == "M-12"
        amended = await world.client.put(f"/reports/{first['report_id']}", json={"sources": world.process(1200)},
                                         headers=entity)
        assert amended.status_code == 200 and amended.json()["reported_emissions"] == 1200
        assert amended.json()["submitted_at"] == first["submitted_at"] and amended.json()["amended_at"]
        events = await eventually(lambda: submitted if len(submitted) == 2 else None)
    assert [e["data"]["reported_emissions"] for e in events] == [1000, 1200]
    assert (await world.case("RPT-E-1-2025"))["report"]["reported_emissions"] == 1200


async def test_m12_invalid_source_is_refused_naming_the_field(world):
    entity = world.svc.auth("entity", "E-1")
    bad_fuel = [{"kind": "fuel", "quantity": "3", "unit": "t", "fuel": "peat"}]
    refused = await world.client.post("/reports", json={"compliance_year": 2025, "sources": bad_fuel},
                                      headers=entity)
    assert refused.status_code == 422 and refused.json()["field"] == "sources[0].fuel"
    negative = await world.client.post("/reports", json={"compliance_year": 2025, "sources": world.process(-1)},
                                       headers=entity)
    assert negative.status_code == 422 and negative.json()["field"] == "sources[0].quantity"
    kind = await world.client.post("/reports", json={"compliance_year": 2025,
                                                     "sources": [{"kind": "steam", "quantity": "1", "unit": "t"}]},
                                   headers=entity)
    assert kind.status_code == 422 and kind.json()["invalid_params"][0]["name"] == "body.sources[0].kind"
    listed = await world.client.get("/reports", headers=world.authority)
    assert listed.json() == []


async def test_m12_role_refusals_another_entity_cannot_read_amend_or_object(world):
    await world.report("E-1", 2025, world.process(1000))
    other = world.svc.auth("entity", "E-2")
    assert (await world.client.get("/reports/RPT-E-1-2025", headers=other)).status_code == 403
    amend = await world.client.put("/reports/RPT-E-1-2025", json={"sources": world.process(1)}, headers=other)
    assert amend.status_code == 403
    objection = await world.client.post("/reports/RPT-E-1-2025/objection", json={"evidence": ["x"]}, headers=other)
    assert objection.status_code == 403
    as_verifier = await world.client.post("/reports", json={"compliance_year": 2025, "sources": world.process(1)},
                                          headers=world.svc.auth("verifier", "V-1"))
    assert as_verifier.status_code == 403
    assert (await world.client.get("/reports", headers=other)).status_code == 403
    assert (await world.client.get("/reports/RPT-E-1-2025", headers=world.svc.auth("verifier", "V-1"))
            ).status_code == 403  # no verification filed by V-1
    own = await world.client.get("/reports/RPT-E-1-2025", headers=world.svc.auth("entity", "E-1"))
    assert own.status_code == 200 and own.json()["report"]["reported_emissions"] == 1000
    assert (await world.case("RPT-E-1-2025"))["report"]["amended_at"] is None
