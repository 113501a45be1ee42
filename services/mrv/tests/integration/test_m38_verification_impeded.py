"""M-13 ¶2 / M-38 over the running service: the agency assigned to the entity-year (or its certified verifier)
records that the entity gave false documents or concealed information (M-38 ¶1) or refused documents or obstructed
the work (M-38 ¶2); the record is published for enforcement under the report's correlation id. Anyone else is
refused (403) and nothing is recorded."""
from __future__ import annotations

import pytest

from ets_shared.contracts.mrv import VerificationImpeded
from ets_shared.testing.service import eventually, subject_listener

pytestmark = pytest.mark.asyncio


def record(kind: str = "documents_refused", **extra) -> dict:
    return {"kind": kind, "description": "fuel purchase ledgers withheld twice",
            "evidence": ["site visit minutes 2026-04-08", "email of 2026-04-10"], "occurred_on": "2026-04-10",
            **extra}


async def test_m38_assigned_agency_records_an_impeded_verification(world, nats_url, correlation):
    await world.tick(world.sh(2026, 4, 10, 12))
    await world.register("E-1")
    await world.signatory("V-1", "AG-1", 2025)
    await world.report("E-1", 2025, world.process(10_000), **{"X-Correlation-Id": correlation})
    async with subject_listener(nats_url, VerificationImpeded.contract.subject) as published:
        by_verifier = await world.client.post("/reports/RPT-E-1-2025/impediments", json=record(agency_id="AG-1"),
                                              headers=world.svc.auth("verifier", "V-1"))
        assert by_verifier.status_code == 201, by_verifier.text
        assert (by_verifier.json()["impediment_id"], by_verifier.json()["article"]) == ("VI-RPT-E-1-2025-1",
                                                                                       "M-38-2")
        by_agency = await world.client.post("/reports/RPT-E-1-2025/impediments", json=record("false_documents"),
                                            headers=world.svc.auth("agency", "AG-1"))
        assert by_agency.status_code == 201 and by_agency.json()["article"] == "M-38-1"
        await eventually(lambda: len(published) == 2)
    first = published[0]
    assert (first["correlation_id"], first["data"]["entity_id"], first["data"]["agency_id"],
            first["data"]["kind"], first["data"]["recorded_by"]) == (
        correlation, "E-1", "AG-1", "documents_refused", "verifier:verifier-user@V-1")
    listed = await world.client.get("/reports/RPT-E-1-2025/impediments", headers=world.svc.auth("entity", "E-1"))
    assert [i["impediment_id"] for i in listed.json()] == ["VI-RPT-E-1-2025-1", "VI-RPT-E-1-2025-2"]


async def test_m38_only_the_assigned_agency_records_and_a_bad_record_is_refused(world):
    await world.tick(world.sh(2026, 4, 10, 12))
    await world.register("E-1")
    await world.signatory("V-1", "AG-1", 2025)
    await world.signatory("V-2", "AG-2", 2025, assigns=False)  # selected, certified, not assigned E-1
    await world.report("E-1", 2025, world.process(10_000))
    refusals = [(world.svc.auth("agency", "AG-2"), record(), 403),
                (world.svc.auth("verifier", "V-2"), record(agency_id="AG-2"), 403),
                (world.svc.auth("verifier", "V-9"), record(agency_id="AG-1"), 403),  # uncertified
                (world.svc.auth("entity", "E-1"), record(), 403),
                (world.svc.auth("verifier", "V-1"), record(), 422),  # names no agency
                (world.svc.auth("agency", "AG-1"), record(occurred_on="2026-04-11"), 422),  # after today
                (world.svc.auth("agency", "AG-1"), record(occurred_on="2026-03-01"), 422),  # before the report
                (world.svc.auth("agency", "AG-1"), record(evidence=[]), 422),
                (world.svc.auth("agency", "AG-1"), record(kind="bribery"), 422)]
    for headers, body, status in refusals:
        r = await world.client.post("/reports/RPT-E-1-2025/impediments", json=body, headers=headers)
        assert r.status_code == status, (body, r.text)
    listed = await world.client.get("/reports/RPT-E-1-2025/impediments", headers=world.authority)
    assert listed.json() == []
    assert (await world.client.get("/reports/RPT-E-1-2025/impediments",
                                   headers=world.svc.auth("entity", "E-2"))).status_code == 403
