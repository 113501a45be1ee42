"""The verifier-oversight service over a real nats-server and database, "during" and "after" the verification work
(V): the 100-point evaluation, its grade and the 5-year blacklist, deductions from mrv's events, the seeded
inspection draw and on-site inspections."""
from __future__ import annotations

import pytest

from ets_shared.contracts.mrv import EmissionsDetermined, VerificationFiled
from ets_shared.contracts.verifier_oversight import AgencyEligibilityChanged
from ets_shared.testing.service import eventually, running_service, subject_listener
from verifier_oversight.bootstrap import build_runtime

pytestmark = pytest.mark.asyncio


def determined(entity_id: str, agency_id: str = "AG-1", year: int = 2025, basis: str = "recheck",
               determined_t: int = 130_000, verified_t: int = 118_000, revision: int = 2) -> EmissionsDetermined:
    return EmissionsDetermined(
        determination_id=f"DET-{entity_id}-{revision}", entity_id=entity_id, compliance_year=year,
        determined_emissions=determined_t, basis=basis, triggers=["DISCREPANCY"] if basis == "recheck" else [],
        revision=revision, reported_emissions=determined_t, verified_emissions=verified_t, agency_id=agency_id,
        determined_at="2026-05-20T02:00:00Z")


async def test_v_evaluation_starts_at_100_deductions_accumulate_and_fail_blacklists_for_5_years(
        settings, nats_url, oversight_of):
    async with running_service(build_runtime, settings) as svc, \
            subject_listener(nats_url, AgencyEligibilityChanged.contract.subject) as changes:
        o = oversight_of(svc)
        await o.file("AG-1")
        await o.select("AG-1", 2025)
        panel = svc.auth("panel_expert")
        first = await o.deduct("AG-1", 2025, "INSPECTION_MAJOR", headers=panel, deduction_id="D-1")
        assert first.status_code == 201 and first.json()["score"] == 90
        assert (await o.deduct("AG-1", 2025, "CONFIDENTIALITY_BREACH")).json()["score"] == 50
        withdrawn = await svc.client.delete("/evaluations/AG-1/2025/deductions/D-1", headers=o.authority)
        assert withdrawn.status_code == 200 and withdrawn.json()["score"] == 60
        assert (await o.deduct("AG-1", 2025, "INSPECTION_MINOR")).json()["score"] == 58
        unknown = await o.deduct("AG-1", 2025, "NOT_IN_TABLE")
        assert unknown.status_code == 422 and unknown.json()["field"] == "code"
        assert (await svc.client.post("/evaluations/AG-1/2025/finalisation", headers=panel)).status_code == 403
        final = await svc.client.post("/evaluations/AG-1/2025/finalisation", headers=o.authority)
        assert final.status_code == 200
        result = final.json()
        assert (result["final_score"], result["grade"]) == (58, "FAIL")
        assert (result["blacklist"]["from_year"], result["blacklist"]["to_year"]) == (2026, 2030)
        await eventually(lambda: len(changes) >= 6)
        barred = [(c["data"]["compliance_year"], c["data"]["eligible"]) for c in changes[1:]]
        assert barred == [(year, False) for year in range(2026, 2031)]
        assert all(c["data"]["reason"].startswith("blacklisted") for c in changes[1:])
        public = (await svc.client.get("/blacklist", params={"compliance_year": 2030})).json()
        assert [(e["agency_id"], e["evaluated_year"]) for e in public] == [("AG-1", 2025)]
        assert (await svc.client.get("/blacklist", params={"compliance_year": 2031})).json() == []
        award = await svc.client.post("/agencies/AG-1/tender-awards", json={"compliance_year": 2030},
                                      headers=o.authority)
        assert award.status_code == 422
        assert (await svc.client.post("/agencies/AG-1/tender-awards", json={"compliance_year": 2031},
                                      headers=o.authority)).status_code == 201


async def test_v_grades_excellent_at_90_and_pass_at_60(settings, oversight_of):
    async with running_service(build_runtime, settings) as svc:
        o = oversight_of(svc)
        for n, agency_id in enumerate(("AG-A", "AG-B", "AG-C"), start=1):
            await o.file(agency_id, n=n)
            await o.select(agency_id, 2025)
        await o.deduct("AG-A", 2025, "INSPECTION_MAJOR")
        for _ in range(4):
            await o.deduct("AG-B", 2025, "INSPECTION_MAJOR")
        grades = {}
        for agency_id in ("AG-A", "AG-B", "AG-C"):
            r = await svc.client.post(f"/evaluations/{agency_id}/2025/finalisation", headers=o.authority)
            grades[agency_id] = (r.json()["final_score"], r.json()["grade"], r.json()["blacklist"])
        assert grades == {"AG-A": (90, "EXCELLENT", None), "AG-B": (60, "PASS", None),
                          "AG-C": (100, "EXCELLENT", None)}
        listed = (await svc.client.get("/evaluations", params={"compliance_year": 2025},
                                       headers=svc.auth("panel_expert"))).json()
        assert [(e["agency_id"], e["grade"]) for e in listed] == [("AG-A", "EXCELLENT"), ("AG-B", "PASS"),
                                                                  ("AG-C", "EXCELLENT")]
        assert (await svc.client.get("/evaluations", params={"compliance_year": 2025},
                                     headers=svc.auth("agency", party_id="AG-A"))).status_code == 403


async def test_v_finalised_evaluation_refuses_changes(settings, oversight_of):
    async with running_service(build_runtime, settings) as svc:
        o = oversight_of(svc)
        await o.file("AG-1")
        await o.select("AG-1", 2025)
        await o.deduct("AG-1", 2025, "LATE_REPORT", deduction_id="D-1")
        assert (await svc.client.post("/evaluations/AG-1/2025/finalisation", headers=o.authority)).status_code == 200
        assert (await o.deduct("AG-1", 2025, "INSPECTION_MINOR")).status_code == 409
        withdraw = await svc.client.delete("/evaluations/AG-1/2025/deductions/D-1", headers=o.authority)
        assert withdraw.status_code == 409
        assert (await svc.client.post("/evaluations/AG-1/2025/finalisation", headers=o.authority)).status_code == 409
        evaluation = await o.evaluation("AG-1", 2025)
        assert (evaluation["final_score"], evaluation["grade"], len(evaluation["deductions"])) == (95, "EXCELLENT", 1)
        not_selected = await o.deduct("AG-1", 2026, "LATE_REPORT")
        assert not_selected.status_code == 422 and not_selected.json()["field"] == "agency_id"


async def test_v_recheck_correction_event_deducts_once_even_when_redelivered(settings, nats_url, oversight_of,
                                                                             publish_event):
    async with running_service(build_runtime, settings) as svc:
        o = oversight_of(svc)
        await o.file("AG-1")
        await o.select("AG-1", 2025)
        await publish_event(nats_url, determined("E-1"), "mrv", copies=2)
        await publish_event(nats_url, determined("E-1"), "mrv")  # re-published under a new event id
        await publish_event(nats_url, determined("E-2", basis="verification", determined_t=118_000), "mrv")
        await publish_event(nats_url, determined("E-3", determined_t=118_000), "mrv")  # re-check confirmed it
        await publish_event(nats_url, determined("E-4", agency_id="AG-9"), "mrv")  # not selected: ignored
        late = VerificationFiled(verification_id="VER-5", report_id="RPT-5", entity_id="E-5", compliance_year=2025,
                                 agency_id="AG-1", verifier_id="VF-1", verified_emissions=1, late=True,
                                 filed_at="2026-05-02T02:00:00Z")
        await publish_event(nats_url, late, "mrv", copies=2)
        audit = "/audit?subject_ref=evaluation:AG-9:2025"

        async def settled():  # noqa: ANN202
            ignored = (await svc.client.get(audit, headers=o.authority)).json()
            evaluation = await o.evaluation("AG-1", 2025)
            return evaluation if ignored and evaluation and len(evaluation["deductions"]) >= 2 else None

        evaluation = await eventually(settled)
        await publish_event(nats_url, determined("E-1", revision=3), "mrv")  # a later revision of the same report
        await eventually(lambda: _inbox_count(svc, 7))  # distinct event ids published
        evaluation = await o.evaluation("AG-1", 2025)
        assert sorted((d["code"], d["points"], d["source"]) for d in evaluation["deductions"]) == \
            [("LATE_REPORT", 5, "other"), ("RECHECK_CORRECTED", 10, "determination")]
        assert evaluation["score"] == 85
        recheck = next(d for d in evaluation["deductions"] if d["code"] == "RECHECK_CORRECTED")
        assert recheck["reference"] == "DET-E-1-2"
        assert (await svc.client.get("/dead-letters", headers=o.authority)).json() == []


async def _inbox_count(svc, n: int) -> bool:  # noqa: ANN001
    from sqlalchemy import func, select

    from ets_shared.persistence.tables import InboxMessage

    with svc.runtime.read_session_factory() as session:
        return session.execute(select(func.count()).select_from(InboxMessage)).scalar_one() >= n


async def test_v_events_after_finalisation_are_ignored_and_audited(settings, nats_url, oversight_of, publish_event):
    async with running_service(build_runtime, settings) as svc:
        o = oversight_of(svc)
        await o.file("AG-1")
        await o.select("AG-1", 2025)
        await svc.client.post("/evaluations/AG-1/2025/finalisation", headers=o.authority)
        await publish_event(nats_url, determined("E-1"), "mrv")
        audit = "/audit?subject_ref=evaluation:AG-1:2025"

        async def ignored():  # noqa: ANN202
            actions = [a["action"] for a in (await svc.client.get(audit, headers=o.authority)).json()]
            return "verifier-oversight.evaluation.deduction-ignored" in actions

        await eventually(ignored)
        assert (await o.evaluation("AG-1", 2025))["deductions"] == []


async def test_v_inspection_draw_is_reproducible_from_its_seed(settings, oversight_of):
    async with running_service(build_runtime, settings) as svc:
        o = oversight_of(svc)
        population = [f"E-{n:03d}" for n in range(30)]
        body = {"compliance_year": 2025, "population": population, "targeted": ["E-007", "E-011"], "seed": 42}
        first = (await svc.client.post("/inspection-draws", json=body, headers=o.authority)).json()
        second = (await svc.client.post("/inspection-draws", json=body, headers=o.authority)).json()
        assert first["draw_id"] != second["draw_id"] and first["seed"] == second["seed"] == 42
        assert first["selected"] == second["selected"] and first["random"] == second["random"]
        assert first["targeted"] == ["E-007", "E-011"] and len(first["random"]) == 3  # ceil(10% of 28)
        assert set(first["selected"]) == {"E-007", "E-011", *first["random"]}
        other = (await svc.client.post("/inspection-draws", json={**body, "seed": 43}, headers=o.authority)).json()
        assert other["random"] != first["random"]
        unseeded = await svc.client.post("/inspection-draws", json={**body, "seed": None, "draw_id": "DRAW-X"},
                                         headers=o.authority)
        assert unseeded.status_code == 201 and isinstance(unseeded.json()["seed"], int)
        recorded = (await svc.client.get("/inspection-draws/DRAW-X", headers=svc.auth("panel_expert"))).json()
        assert recorded["reproduced"] is True and recorded["population"] == population
        replay = {**body, "seed": recorded["seed"]}
        again = (await svc.client.post("/inspection-draws", json=replay, headers=o.authority)).json()
        assert again["selected"] == recorded["selected"]
        outside = await svc.client.post("/inspection-draws", json={**body, "targeted": ["E-999"]},
                                        headers=o.authority)
        assert outside.status_code == 422 and outside.json()["field"] == "targeted"
        assert (await svc.client.post("/inspection-draws", json=body,
                                      headers=svc.auth("panel_expert"))).status_code == 403


async def test_v_inspection_needs_two_experts_and_its_findings_become_deductions(settings, oversight_of):
    async with running_service(build_runtime, settings) as svc:
        o = oversight_of(svc)
        await o.file("AG-1")
        await o.select("AG-1", 2025)
        draw = (await svc.client.post("/inspection-draws", headers=o.authority, json={
            "compliance_year": 2025, "population": ["E-1", "E-2", "E-3"], "targeted": ["E-1"], "seed": 7})).json()
        panel = svc.auth("panel_expert")
        body = {"inspection_id": "INS-1", "agency_id": "AG-1", "entity_id": "E-1", "compliance_year": 2025,
                "experts": ["Expert Wang"], "record": "on-site record", "draw_id": draw["draw_id"],
                "findings": [{"severity": "MAJOR", "description": "boundary wrong"},
                             {"severity": "MINOR", "description": "typo in table 3"}]}
        alone = await svc.client.post("/inspections", json=body, headers=panel)
        assert alone.status_code == 422 and alone.json()["field"] == "experts"
        same_twice = await svc.client.post("/inspections", json={**body, "experts": ["Wang", " Wang "]}, headers=panel)
        assert same_twice.status_code == 422 and same_twice.json()["field"] == "experts"
        assert (await svc.client.get("/inspections", headers=panel)).json() == []
        assert await o.evaluation("AG-1", 2025) is None
        not_drawn = next(e for e in ("E-2", "E-3") if e not in draw["selected"])
        undrawn = await svc.client.post("/inspections", json={**body, "experts": ["Wang", "Zhao"],
                                                              "entity_id": not_drawn}, headers=panel)
        assert undrawn.status_code == 422 and undrawn.json()["field"] == "entity_id"
        done = await svc.client.post("/inspections", json={**body, "experts": ["Wang", "Zhao"]}, headers=panel)
        assert done.status_code == 201, done.text
        assert done.json()["evaluation"]["score"] == 88
        assert [d["deduction_id"] for d in done.json()["evaluation"]["deductions"]] == ["INS-1/1", "INS-1/2"]
        again = await svc.client.post("/inspections", json={**body, "experts": ["Wang", "Zhao"]}, headers=panel)
        assert again.status_code == 409
        assert (await o.evaluation("AG-1", 2025))["score"] == 88
        listed = (await svc.client.get("/inspections", params={"agency_id": "AG-1"}, headers=o.authority)).json()
        assert [(i["inspection_id"], i["experts"]) for i in listed] == [("INS-1", ["Wang", "Zhao"])]
        assert (await svc.client.post("/inspections", json={**body, "inspection_id": "INS-2"},
                                      headers=svc.auth("agency", party_id="AG-1"))).status_code == 403
