"""M-41 over a real nats-server and database: an agency violation found by verifier oversight (a false report, a
major error, data misuse) opens one case against the agency with its order to correct, whose fine (30,000-100,000
inclusive) may be decided at once — never twice for the same finding."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from ets_shared.contracts.verifier_oversight import AgencyViolationFound
from ets_shared.testing.service import eventually, running_service, subject_listener
from enforcement.adapters.orm import PenaltyCaseRow
from enforcement.bootstrap import build_runtime
from enforcement.service_layer.handlers import m41_case_id

pytestmark = pytest.mark.asyncio


def violation(finding_id: str = "INSP-7-F2", kind: str = "false_report") -> AgencyViolationFound:
    return AgencyViolationFound(finding_id=finding_id, agency_id="AG-9", compliance_year=2025, violation=kind,
                                item_code="FALSE_REPORT", entity_id="E-0005",
                                description="verified figure copied from the report", evidence=["site log p.4"],
                                found_at="2026-05-12T10:00:00+08:00")


async def test_m41_violation_found_opens_one_case_with_order_and_the_fine_at_once(settings, nats_url, publish):
    async with running_service(build_runtime, settings) as svc, \
            subject_listener(nats_url, "ets.enforcement.>") as received:
        officer = svc.auth("enforcement_officer")
        await publish(violation(), correlation_id="corr-insp-7", copies=2)
        await publish(violation(), correlation_id="corr-again")  # the same finding reported again
        await publish(violation("DED-abc", "data_misuse"), correlation_id="corr-ded")

        async def opened() -> list[dict]:
            cases = (await svc.client.get("/cases", params={"party_id": "AG-9"}, headers=officer)).json()
            return cases if len(cases) == 2 and all(c.get("order_deadline") for c in cases) else []

        cases = await eventually(opened)
        first = next(c for c in cases if c["case_id"] == "CASE-M41-INSP-7-F2")
        assert (first["article"], first["party_kind"], first["compliance_year"]) == ("M-41", "agency", 2025)
        assert first["allegation"].startswith("false or untrue verification report (出具虚假、不实核查报告) at E-0005")
        with svc.runtime.session_factory() as session:
            count = session.execute(select(func.count()).select_from(PenaltyCaseRow)).scalar_one()
        assert count == 2
        below = await svc.client.post("/cases/CASE-M41-INSP-7-F2/penalty", headers=officer,
                                      json={"amount": "29999.99", "reasons": "false report"})
        assert below.status_code == 422 and below.json()["field"] == "amount"
        decided = await svc.client.post("/cases/CASE-M41-INSP-7-F2/penalty", headers=officer,
                                        json={"amount": "30000.00", "reasons": "false report, first offence"})
        assert decided.status_code == 200, decided.text
        await eventually(lambda: len([e for e in received if e["event_type"] == "enforcement.penalty.decided"]))
        of_case = [e for e in received if e["data"].get("case_id") == "CASE-M41-INSP-7-F2"]
        assert [e["event_type"] for e in of_case][:2] == ["enforcement.case.opened", "enforcement.order.issued"]
        assert {e["correlation_id"] for e in of_case[:2]} == {"corr-insp-7"}


def test_m41_case_id_is_the_findings_and_fits_the_column():
    assert m41_case_id("INSP-7-F2") == "CASE-M41-INSP-7-F2"
    long = m41_case_id("X" * 200)
    assert len(long) == 49 and long.startswith("CASE-M41-") and long == m41_case_id("X" * 200)
