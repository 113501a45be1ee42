"""V (事中) over a real nats-server and database: the year's panel with declared conflicts, the inspection draw made
from the agency's actual engagements (random with a recorded seed and ratio, plus targeted selections with reasons),
the on-site record signed by the whole team, whose findings become deductions — and a false report an M-41 event."""
from __future__ import annotations

import pytest

from ets_shared.contracts.verifier_oversight import AgencyViolationFound
from ets_shared.testing.service import eventually, running_service, subject_listener
from verifier_oversight.bootstrap import build_runtime

from .conftest import ok

pytestmark = pytest.mark.asyncio
ENTITIES = [f"E-{n:03d}" for n in range(1, 21)]


async def engaged(o, agency_id: str = "AG-1") -> None:
    await o.file(agency_id)
    for entity_id in ENTITIES:
        await o.entity(entity_id)
    await o.select(2025, {agency_id: ("industry",)})
    proposal = ok(await o.client.post("/assignments/2025/proposals", headers=o.authority, json={}), 201)
    ok(await o.client.post(f"/assignment-proposals/{proposal['proposal_id']}/confirmation", headers=o.authority,
                           json={}))


async def appoint(o, member_id: str, kind: str = "expert", conflicts=()) -> dict:
    return ok(await o.client.post("/panels/2025/members", headers=o.authority, json={
        "member_id": member_id, "name": f"Member {member_id}", "kind": kind, "affiliation": "Fudan University",
        "conflicts": list(conflicts)}), 201)


def inspection(draw_id: str | None, entity_id: str, team: list[str], **extra) -> dict:
    return {"inspection_id": "INSP-1", "kind": "on_site", "agency_id": "AG-1", "entity_id": entity_id,
            "compliance_year": 2025, "inspected_on": "2026-04-08", "team": team, "draw_id": draw_id,
            "checklist": [{"item": "monitoring plan followed", "result": "non_compliant", "note": "meter M3"},
                          {"item": "fuel invoices sampled", "result": "compliant"}],
            "findings": [{"code": "INSPECTION_MAJOR", "description": "fuel data not checked against invoices",
                          "evidence": ["photo 3", "invoice list"]},
                         {"code": "FALSE_REPORT", "description": "verified figure copied from the report",
                          "evidence": ["site log p.4"]}],
            "record": "inspected the boiler house and the metering room", **extra}


async def test_v_random_draw_from_the_agencys_engagements_reproduced_from_its_seed(settings, oversight_of):
    async with running_service(build_runtime, settings) as svc:
        o = oversight_of(svc)
        await engaged(o)
        body = {"draw_id": "D-1", "agency_id": "AG-1", "compliance_year": 2025, "seed": 20251,
                "targeted": [{"entity_id": "E-005", "reason": "complaint by the entity's staff"}]}
        assert (await svc.client.post("/inspection-draws", headers=svc.auth("panel_expert"), json=body)
                ).status_code == 403
        caller_list = await svc.client.post("/inspection-draws", headers=o.authority,
                                            json={**body, "population": ["E-999"]})
        assert caller_list.status_code == 422  # the population is the agency's engagements, never the caller's
        outside = await svc.client.post("/inspection-draws", headers=o.authority, json={
            **body, "targeted": [{"entity_id": "E-999", "reason": "tip-off"}]})
        assert outside.status_code == 422 and outside.json()["field"] == "targeted[0].entity_id"
        drawn = ok(await svc.client.post("/inspection-draws", headers=o.authority, json=body), 201)
        assert (drawn["population_size"], drawn["seed"], drawn["random_ratio"]) == (20, 20251, "0.10")
        assert len(drawn["random"]) == 2 and "E-005" not in drawn["random"]  # ceil(10% of 19)
        assert drawn["selected"] == sorted(["E-005", *drawn["random"]])
        detail = ok(await svc.client.get("/inspection-draws/D-1", headers=svc.auth("panel_expert")))
        assert detail["reproduced"] is True and detail["population"] == ENTITIES
        twin = ok(await svc.client.post("/inspection-draws", headers=o.authority, json={**body, "draw_id": "D-2"}),
                  201)
        assert twin["random"] == drawn["random"]  # the same seed over the same engagements: the same entities
        unseeded = ok(await svc.client.post("/inspection-draws", headers=o.authority,
                                            json={"agency_id": "AG-1", "compliance_year": 2025}), 201)
        assert unseeded["seed"] >= 0 and len(unseeded["random"]) == 2  # chosen, and recorded


async def test_v_conflicted_or_too_few_experts_refused_and_the_signed_record_deducts(settings, nats_url,
                                                                                    oversight_of):
    async with running_service(build_runtime, settings) as svc, \
            subject_listener(nats_url, AgencyViolationFound.contract.subject) as violations:
        o = oversight_of(svc)
        await engaged(o)
        await appoint(o, "X1")
        await appoint(o, "X2")
        await appoint(o, "S1", "authority_staff")
        await appoint(o, "X3", conflicts=[{"agency_id": "AG-1", "description": "worked for AG-1 until 2024"}])
        drawn = ok(await svc.client.post("/inspection-draws", headers=o.authority, json={
            "draw_id": "D-1", "agency_id": "AG-1", "compliance_year": 2025, "seed": 7,
            "targeted": [{"entity_id": "E-005", "reason": "complaint"}]}), 201)
        panel = svc.auth("panel_expert", party_id="X1")
        conflicted = await svc.client.post("/inspections", headers=panel, json=inspection("D-1", "E-005", ["X1", "X3"]))
        assert conflicted.status_code == 422 and conflicted.json()["field"] == "team[1]"
        assert "conflict of interest" in conflicted.json()["detail"]
        too_few = await svc.client.post("/inspections", headers=panel, json=inspection("D-1", "E-005", ["X1", "S1"]))
        assert too_few.status_code == 422 and "at least 2 experts" in too_few.json()["detail"]
        not_drawn = next(e for e in ENTITIES if e not in drawn["selected"])
        undrawn = await svc.client.post("/inspections", headers=panel,
                                        json=inspection("D-1", not_drawn, ["X1", "X2"]))
        assert undrawn.status_code == 422 and undrawn.json()["field"] == "entity_id"
        assert (await svc.client.get("/inspections", headers=panel)).json() == []  # refusals changed nothing

        recorded = ok(await svc.client.post("/inspections", headers=panel,
                                            json=inspection("D-1", "E-005", ["X1", "X2", "S1"])), 201)
        assert recorded["completed_at"] is None and await o.evaluation("AG-1", 2025) is None
        first = ok(await svc.client.post("/inspections/INSP-1/signatures", headers=panel))
        assert first["evaluation"] is None and [s["member_id"] for s in first["signatures"]] == ["X1"]
        outsider = await svc.client.post("/inspections/INSP-1/signatures", headers=svc.auth("panel_expert",
                                                                                           party_id="X9"))
        assert outsider.status_code == 422
        assert (await svc.client.post("/inspections/INSP-1/signatures", headers=panel)).status_code == 409
        ok(await svc.client.post("/inspections/INSP-1/signatures", headers=svc.auth("panel_expert", party_id="X2")))
        last = ok(await svc.client.post("/inspections/INSP-1/signatures",
                                        headers=svc.auth("authority", party_id="S1")))
        assert last["completed_at"] is not None
        evaluation = last["evaluation"]
        assert evaluation["score"] == 49  # 100 - 10 (major) - 41 (false report)
        assert [(d["deduction_id"], d["code"], d["points"], d["source"]) for d in evaluation["deductions"]] == [
            ("INSP-1-F1", "INSPECTION_MAJOR", 10, "inspection"), ("INSP-1-F2", "FALSE_REPORT", 41, "inspection")]
        assert evaluation["deductions"][0]["evidence"] == ["inspection INSP-1", "photo 3", "invoice list"]
        await eventually(lambda: violations)
        assert len(violations) == 1
        data = violations[0]["data"]
        assert (data["finding_id"], data["agency_id"], data["violation"], data["entity_id"]) == (
            "INSP-1-F2", "AG-1", "false_report", "E-005")
        spot = inspection(None, not_drawn, ["X1", "X2"], inspection_id="SPOT-1", kind="spot_check", findings=[],
                          reason="verification report looked templated")
        assert ok(await svc.client.post("/inspections", headers=panel, json=spot), 201)["kind"] == "spot_check"
        no_reason = await svc.client.post("/inspections", headers=panel, json={**spot, "inspection_id": "SPOT-2",
                                                                               "reason": None})
        assert no_reason.status_code == 422 and no_reason.json()["field"] == "reason"


async def test_v_panel_members_declare_their_own_conflicts(settings, oversight_of):
    async with running_service(build_runtime, settings) as svc:
        o = oversight_of(svc)
        await appoint(o, "X1")
        declare = {"conflicts": [{"entity_id": "E-002", "description": "advises E-002"}]}
        url = "/panels/2025/members/X1/conflicts"
        assert (await svc.client.post(url, headers=svc.auth("panel_expert", party_id="X2"), json=declare)
                ).status_code == 403
        member = ok(await svc.client.post(url, headers=svc.auth("panel_expert", party_id="X1"), json=declare))
        assert member["conflicts"] == [{"agency_id": None, "entity_id": "E-002", "description": "advises E-002"}]
        assert (await svc.client.post("/panels/2025/members", headers=svc.auth("panel_expert"), json={
            "member_id": "X5", "name": "x", "kind": "expert", "affiliation": "x"})).status_code == 403
        assert [m["member_id"] for m in ok(await svc.client.get("/panels/2025", headers=o.authority))] == ["X1"]
