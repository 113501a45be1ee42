"""M-5 / M-12 ¶2 over the real service: coverage is a consequence of the year's thresholds applied to the emissions
the authority knows, or of an approved voluntary application; emitters of 10,000 t and more that are not covered are
on the reporting-only list; the list of a year is published (a public API without a token, and an event)."""
from __future__ import annotations

import hashlib
import uuid

import pytest

from ets_shared.contracts.allocation import CoverageApplicationDecided, CoveredListPublished, EntityRegistered
from ets_shared.contracts.mrv import EmissionReportSubmitted
from ets_shared.envelope import MessageContext, wrap
from ets_shared.testing.service import eventually

pytestmark = pytest.mark.asyncio


def emitter(entity_id: str, sector: str, tonnes: int, **extra) -> dict:
    return {"entity_id": entity_id, "name": f"Emitter {entity_id}", "sector": sector, "annual_emissions": tonnes,
            "compliance_year": 2026, **extra}


async def register(world, *emitters: dict, status: int = 201) -> list[dict]:
    made = await world.svc.client.post("/entities/batch", json={"entities": list(emitters)}, headers=world.authority)
    assert made.status_code == status, made.text
    return made.json()


async def test_m5_threshold_at_the_figure_covers_one_tonne_under_reports_only(world):
    await world.tick("2026-01-05T10:00:00+08:00")
    async with world.listen(EntityRegistered.contract.subject) as registered:
        made = await register(world, emitter("AT", "industry", 20_000), emitter("UNDER", "industry", 19_999),
                              emitter("TCE", "industry", 15_000, energy_tce=10_000),
                              emitter("DC", "data_centre", 20_000), emitter("SHIP", "water_transport", 99_999))
        await eventually(lambda: len(registered) == 5)
    coverage = {e["entity_id"]: (e["coverage"], e["coverage_basis"], e["account_id"]) for e in made}
    assert coverage == {
        "AT": ("covered", "threshold", "ACC-AT"), "TCE": ("covered", "threshold", "ACC-TCE"),
        "DC": ("covered", "threshold", "ACC-DC"),
        "UNDER": ("reporting_only", "reporting_threshold", None),
        "SHIP": ("reporting_only", "reporting_threshold", None)}
    events = {e["data"]["entity_id"]: e["data"] for e in registered}
    assert (events["AT"]["covered"], events["AT"]["first_compliance_year"], events["AT"]["coverage_basis"]) == \
        (True, 2026, "threshold")
    assert (events["UNDER"]["covered"], events["UNDER"]["coverage_basis"]) == (False, "reporting_threshold")
    only = await world.svc.client.get("/entities", params={"coverage": "reporting_only"}, headers=world.authority)
    assert [e["entity_id"] for e in only.json()] == ["SHIP", "UNDER"]


async def test_m12_reporting_threshold_10000_t_inclusive_and_below_both_refused(world):
    await world.tick("2026-01-05T10:00:00+08:00")
    made = await register(world, emitter("R-AT", "commerce", 10_000))
    assert made[0]["coverage"] == "reporting_only"
    refused = await register(world, emitter("OK", "industry", 50_000), emitter("R-UNDER", "commerce", 9_999),
                             status=422)
    assert refused["field"] == "entities[1].annual_emissions" and refused["article"] == "M-5"
    assert "coverage-applications" in refused["detail"]
    assert (await world.svc.client.get("/entities/OK", headers=world.authority)).status_code == 404  # all or none
    single = await world.svc.client.post("/entities", json=emitter("R-UNDER", "commerce", 9_999),
                                         headers=world.authority)
    assert single.status_code == 422 and single.json()["field"] == "annual_emissions"


async def test_m5_thresholds_are_a_per_year_policy(world):
    await world.tick("2026-01-05T10:00:00+08:00")
    policy = (await world.svc.client.get("/policy/2026")).json()
    policy["inclusion_thresholds"] = [{"sector": "industry", "min_emissions_t": 30_000}]
    put = await world.svc.client.put("/policy/2026", params={"reason": "2026 list rules"}, json=policy,
                                     headers=world.authority)
    assert put.status_code == 200, put.text
    made = await register(world, emitter("I-29", "industry", 29_999), emitter("I-30", "industry", 30_000))
    assert [e["coverage"] for e in made] == ["reporting_only", "covered"]
    assert (await register(world, {**emitter("I-25", "industry", 25_000), "compliance_year": 2027}))[0][
        "coverage"] == "covered"  # 2027 keeps the default 20,000 t


async def test_m5_voluntary_application_decided_by_the_authority(world):
    client = world.svc.client
    await world.tick("2026-01-05T10:00:00+08:00")
    await register(world, emitter("SMALL", "commerce", 12_000))  # reporting-only
    body = {"name": "Songjiang Logistics", "sector": "road_freight", "compliance_year": 2026,
            "statement": "we want to trade and to be measured", "annual_emissions": 4_000}
    assert (await client.post("/coverage-applications", json=body, headers=world.authority)).status_code == 403
    filed = await client.post("/coverage-applications", json=body, headers=world.entity("APPLICANT"))
    assert filed.status_code == 201 and filed.json()["status"] == "pending"
    again = await client.post("/coverage-applications", json=body, headers=world.entity("APPLICANT"))
    assert again.status_code == 409 and again.json()["field"] == "compliance_year"
    past = await client.post("/coverage-applications", json={**body, "compliance_year": 2025},
                             headers=world.entity("OTHER"))
    assert past.status_code == 422 and past.json()["field"] == "compliance_year"
    small = await client.post("/coverage-applications", json={**body, "name": "Small shop", "sector": "commerce"},
                              headers=world.entity("SMALL"))
    assert small.status_code == 201
    assert (await client.get("/coverage-applications", headers=world.entity("SMALL"))).json()[0]["entity_id"] == \
        "SMALL"
    assert (await client.get("/coverage-applications", params={"entity_id": "APPLICANT"},
                             headers=world.entity("SMALL"))).status_code == 403
    decision = {"approve": True, "reason": "supports the district plan"}
    app_id = filed.json()["application_id"]
    assert (await client.post(f"/coverage-applications/{app_id}/decision", json=decision,
                              headers=world.entity("APPLICANT"))).status_code == 403
    async with world.listen(CoverageApplicationDecided.contract.subject) as decided, \
            world.listen(EntityRegistered.contract.subject) as registered:
        approved = await client.post(f"/coverage-applications/{app_id}/decision", json=decision,
                                     headers=world.authority)
        assert approved.status_code == 200 and approved.json()["status"] == "approved"
        twice = await client.post(f"/coverage-applications/{app_id}/decision", json=decision, headers=world.authority)
        assert twice.status_code == 409
        upgraded = await client.post("/coverage-applications/APP-SMALL-2026/decision", json=decision,
                                     headers=world.authority)
        assert upgraded.status_code == 200
        await eventually(lambda: len(decided) == 2 and len(registered) == 2)
    assert decided[0]["correlation_id"] == filed.headers["x-correlation-id"]  # the application's case
    entity = (await client.get("/entities/APPLICANT", headers=world.authority)).json()
    assert (entity["coverage"], entity["coverage_basis"], entity["first_compliance_year"], entity["account_id"]) == \
        ("covered", "voluntary", 2026, "ACC-APPLICANT")
    small_entity = (await client.get("/entities/SMALL", headers=world.authority)).json()
    assert (small_entity["coverage"], small_entity["coverage_basis"]) == ("covered", "voluntary")
    assert {e["data"]["entity_id"]: e["data"]["covered"] for e in registered} == {"APPLICANT": True, "SMALL": True}
    rejected = await client.post("/coverage-applications", json=body, headers=world.entity("REJECTED"))
    no = await client.post(f"/coverage-applications/{rejected.json()['application_id']}/decision",
                           json={"approve": False, "reason": "no metering in place"}, headers=world.authority)
    assert no.json()["status"] == "rejected"
    assert (await client.get("/entities/REJECTED", headers=world.authority)).status_code == 404


async def report_submitted(world, entity_id: str, year: int, tonnes: int) -> None:
    data = EmissionReportSubmitted(report_id=f"RPT-{entity_id}-{year}", entity_id=entity_id, compliance_year=year,
                                   reported_emissions=tonnes, factor_set_id="SH-2022", late=False,
                                   submitted_at="2027-03-20T02:00:00Z")
    envelope = wrap(data, producer="mrv", context=MessageContext.new("test", f"case-{uuid.uuid4()}"))
    await world.publish(EmissionReportSubmitted.contract.subject, envelope.model_dump_json().encode(),
                        [str(envelope.event_id)])
    await eventually(lambda: world.processed(str(envelope.event_id)))


async def test_m5_published_list_applies_the_thresholds_to_known_emissions_and_is_public(world):
    client = world.svc.client
    await world.tick("2026-01-05T10:00:00+08:00")
    await register(world, emitter("BIG", "industry", 80_000), emitter("GROWING", "industry", 15_000),
                   emitter("STEADY", "industry", 12_000))
    assert (await client.get("/public/covered-lists/2026")).status_code == 404
    async with world.listen(CoveredListPublished.contract.subject) as published:
        assert (await client.post("/covered-lists/2026/publication",
                                  headers=world.entity("BIG"))).status_code == 403
        first = await client.post("/covered-lists/2026/publication", headers=world.authority)
        assert first.status_code == 201 and first.json()["covered_count"] == 1
        again = await client.post("/covered-lists/2026/publication", headers=world.authority)
        assert again.status_code == 409  # unchanged
        await eventually(lambda: published)
    public = await client.get("/public/covered-lists/2026")  # no token
    assert public.status_code == 200
    body = public.json()
    assert [e["entity_id"] for e in body["entities"]] == ["BIG"] and body["version"] == 1
    assert body["digest"] == hashlib.sha256(b"BIG").hexdigest() == published[0]["data"]["digest"]
    assert published[0]["data"] | {"published_at": None} == {
        "compliance_year": 2026, "version": 1, "covered_count": 1, "reporting_only_count": 2, "added": 1,
        "removed": 0, "digest": body["digest"], "path": "/public/covered-lists/2026", "published_at": None}

    await world.tick("2027-04-02T10:00:00+08:00")
    await report_submitted(world, "GROWING", 2026, 20_000)  # mrv: its 2026 report reaches the threshold
    await report_submitted(world, "STEADY", 2026, 19_999)  # one tonne under
    known = await client.get("/entities/GROWING/emissions", headers=world.authority)
    assert [(k["year"], k["tonnes"], k["source"]) for k in known.json()] == [(2025, 15_000, "declared"),
                                                                           (2026, 20_000, "reported")]
    draft = (await client.get("/covered-lists/2028/draft", headers=world.authority)).json()
    assert [(d["entity_id"], d["emissions"]["tonnes"]) for d in draft["to_cover"]] == [("GROWING", 20_000)]
    async with world.listen(EntityRegistered.contract.subject) as registered:
        second = await client.post("/covered-lists/2028/publication", headers=world.authority)
        assert second.status_code == 201 and second.json()["covered_count"] == 2
        await eventually(lambda: registered)
    assert (registered[0]["data"]["entity_id"], registered[0]["data"]["covered"],
            registered[0]["data"]["first_compliance_year"]) == ("GROWING", True, 2028)
    listed = (await client.get("/public/covered-lists/2028")).json()
    assert [(e["entity_id"], e["first_compliance_year"]) for e in listed["entities"]] == [("BIG", 2026),
                                                                                          ("GROWING", 2028)]
    assert (await client.get("/public/covered-lists/2026", params={"version": 2})).status_code == 404
    versions = (await client.get("/public/covered-lists")).json()
    assert [(v["compliance_year"], v["version"]) for v in versions] == [(2026, 1), (2028, 1)]
    assert (await client.get("/entities/STEADY", headers=world.authority)).json()["coverage"] == "reporting_only"


async def test_m5_authority_declares_known_emissions_others_may_not(world):
    client = world.svc.client
    await world.tick("2026-01-05T10:00:00+08:00")
    await register(world, emitter("E-1", "commerce", 12_000))
    body = {"year": 2025, "tonnes": 12_500, "energy_tce": 4_000}
    for caller in (world.entity("E-1"), world.svc.auth("enforcement_officer")):
        assert (await client.post("/entities/E-1/emissions", json=body, headers=caller)).status_code == 403
        assert (await client.get("/covered-lists/2026/draft", headers=caller)).status_code == 403
    assert [k["tonnes"] for k in (await client.get("/entities/E-1/emissions", headers=world.authority)).json()] == \
        [12_000]  # the refused declarations changed nothing
    made = await client.post("/entities/E-1/emissions", json=body, headers=world.authority)
    assert made.status_code == 201 and made.json()["source"] == "declared"
    bad = await client.post("/entities/E-1/emissions", json={"year": 2025, "tonnes": -1}, headers=world.authority)
    assert bad.status_code == 422 and bad.json()["invalid_params"][0]["name"] == "body.tonnes"
    assert (await client.post("/entities/NOBODY/emissions", json=body, headers=world.authority)).status_code == 404
    assert (await client.get("/entities/E-1/emissions", headers=world.entity("E-2"))).status_code == 403
    mine = await client.get("/entities/E-1/emissions", headers=world.entity("E-1"))
    assert [(k["year"], k["tonnes"]) for k in mine.json()] == [(2025, 12_500)]
