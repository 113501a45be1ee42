"""Objections and appeals over the running service, recorded with their outcome as events: the party states its
defence before the fine (another party may not), the officer decides it; an appeal against the decision is recorded
and decided — a reduced fine, or the decision revoked with its M-40 measures lifted (the departments undo them)."""
from __future__ import annotations

import pytest

from ets_shared.testing.service import eventually, running_service, subject_listener
from enforcement.bootstrap import build_runtime

pytestmark = pytest.mark.asyncio


def shanghai_day(instant: str) -> str:
    from datetime import datetime

    from ets_shared.clock import regulatory_date
    return regulatory_date(datetime.fromisoformat(instant)).isoformat()


async def test_s8_objection_by_the_party_then_fine_then_appeal_revoking_it(settings, nats_url, office):
    async with running_service(build_runtime, settings) as svc, \
            subject_listener(nats_url, "ets.enforcement.>") as events:
        staff = office(svc)
        opened = await svc.client.post("/cases", headers=staff.li, json={
            "article": "M-38-2", "party_kind": "covered_entity", "party_id": "E-0070", "case_id": "CASE-OBJ",
            "allegation": "refused the verifiers access to the fuel store"})
        assert opened.status_code == 201
        grounds = {"grounds": "the fuel store was closed for a safety inspection that day"}
        assert (await svc.client.post("/cases/CASE-OBJ/objections", json=grounds,
                                      headers=svc.auth("entity", "E-0071"))).status_code == 403
        assert (await svc.client.post("/cases/CASE-OBJ/objections", json=grounds,
                                      headers=svc.auth("finance"))).status_code == 403
        filed = await svc.client.post("/cases/CASE-OBJ/objections", json=grounds,
                                      headers=svc.auth("entity", "E-0070"))
        assert filed.status_code == 201 and filed.json()["challenges"][0]["kind"] == "objection"
        held = await svc.client.post("/cases/CASE-OBJ/penalty", headers=staff.li,
                                     json={"amount": "30000.00", "reasons": "obstruction"})
        assert held.status_code == 409  # the party is heard first
        decided = await svc.client.post("/cases/CASE-OBJ/objections/1/decision", headers=staff.li,
                                        json={"outcome": "rejected", "reasons": "no safety inspection on record"})
        assert decided.json()["challenges"][0]["outcome"] == "rejected"
        fined = await staff.fine("CASE-OBJ", "40000.00", "obstruction of the verification")
        await staff.decide("CASE-OBJ", "measures", {"measures": ["credit_record"], "reasons": "M-13 ¶2 breached"})
        lodged = await svc.client.post("/cases/CASE-OBJ/appeals", headers=staff.li, json={
            "kind": "reconsideration", "body": "Shanghai Municipal People's Government",
            "grounds": "the inspection report was not considered", "filed_on": shanghai_day(fined["fine_decided_at"])})
        assert lodged.status_code == 201
        revoked = await svc.client.post("/cases/CASE-OBJ/appeals/2/decision", headers=staff.li, json={
            "outcome": "decision_revoked", "reasons": "the safety inspection is proven"})
        body = revoked.json()
        assert (body["status"], body["closure"], body["fine_revoked_at"] is not None) == ("closed", "revoked", True)
        assert all(m["lifted_at"] for m in body["measures"])
        credit = await svc.client.get("/entities/E-0070/credit-records", params={"all": True},
                                      headers=svc.auth("credit_platform"))
        assert credit.json()["records"] == []
        await eventually(lambda: any(e["event_type"] == "enforcement.measures.lifted" for e in events))
        kinds = [e["event_type"] for e in events]
        for kind in ("enforcement.objection.filed", "enforcement.objection.decided", "enforcement.appeal.lodged",
                     "enforcement.appeal.decided", "enforcement.measures.lifted", "enforcement.case.closed"):
            assert kind in kinds
        lifted = next(e for e in events if e["event_type"] == "enforcement.measures.lifted")
        assert lifted["data"]["effects"] == ["credit_record_entered", "departments_notified", "published"]
        bad = await svc.client.post("/cases/CASE-OBJ/appeals/2/decision", headers=staff.li,
                                    json={"outcome": "fine_reduced", "reasons": "again", "amount": 1000.0})
        assert bad.status_code == 422  # a float amount is refused before anything else
