"""V (事前: 培训及核查证发放) over a real nats-server and database: training sessions, attendance, exam results, the
work certificate only for those who attended and passed (one by one or for a whole session), revocation with a
reason, each published for mrv; refusals change nothing."""
from __future__ import annotations

import pytest

from ets_shared.contracts.verifier_oversight import VerifierCertificateRevoked, VerifierCertified
from ets_shared.testing.service import eventually, running_service, subject_listener
from verifier_oversight.bootstrap import build_runtime

from .conftest import ok

pytestmark = pytest.mark.asyncio


async def test_v_certificate_only_for_verifiers_who_attended_and_passed(settings, nats_url, oversight_of):
    async with running_service(build_runtime, settings) as svc, \
            subject_listener(nats_url, VerifierCertified.contract.subject) as certified:
        o = oversight_of(svc)
        await o.file("AG-1")
        await o.file("AG-2")
        await o.select(2025, {"AG-1": ("industry",)})
        for verifier_id, agency_id in (("VF-1", "AG-1"), ("VF-2", "AG-1"), ("VF-3", "AG-1"), ("VF-9", "AG-2")):
            ok(await svc.client.post(f"/agencies/{agency_id}/verifiers", headers=svc.auth("agency", agency_id),
                                     json={"verifier_id": verifier_id, "name": "Li"}), 201)
        session = {"training_id": "TR-2025-1", "compliance_year": 2025, "title": "Verification 2025",
                   "held_on": "2025-01-25"}
        by_agency = await svc.client.post("/trainings", headers=svc.auth("agency", "AG-1"), json=session)
        assert by_agency.status_code == 403
        ok(await svc.client.post("/trainings", headers=o.authority, json=session), 201)
        not_selected = await svc.client.post("/trainings/TR-2025-1/attendance", headers=o.authority,
                                             json={"verifier_ids": ["VF-1", "VF-9"]})
        assert not_selected.status_code == 422 and not_selected.json()["field"] == "verifier_ids[1]"
        ok(await svc.client.post("/trainings/TR-2025-1/attendance", headers=o.authority,
                                 json={"verifier_ids": ["VF-1", "VF-2"]}))
        absent = await svc.client.post("/verifiers/VF-3/certificates", headers=o.authority,
                                       json={"compliance_year": 2025})
        assert absent.status_code == 422 and "attended no training" in absent.json()["detail"]
        no_result = await svc.client.post("/verifiers/VF-1/certificates", headers=o.authority,
                                          json={"compliance_year": 2025})
        assert "no exam result" in no_result.json()["detail"]
        results = await svc.client.post("/trainings/TR-2025-1/exam-results", headers=o.authority, json={"results": [
            {"verifier_id": "VF-1", "score": 60}, {"verifier_id": "VF-2", "score": 59}]})
        assert ok(results)["results"] == {"VF-1": 60, "VF-2": 59}
        again = await svc.client.post("/trainings/TR-2025-1/exam-results", headers=o.authority,
                                      json={"results": [{"verifier_id": "VF-2", "score": 90}]})
        assert again.status_code == 409
        failed = await svc.client.post("/verifiers/VF-2/certificates", headers=o.authority,
                                       json={"compliance_year": 2025})
        assert failed.status_code == 422 and "59 is below the pass mark 60" in failed.json()["detail"]
        bulk = ok(await svc.client.post("/trainings/TR-2025-1/certificates", headers=o.authority), 201)
        assert [(c["verifier_id"], c["certificate_no"], c["exam_score"], c["training_id"]) for c in bulk["issued"]] \
            == [("VF-1", "HCZ-2025-VF-1", 60, "TR-2025-1")]
        assert "59 is below" in bulk["skipped"]["VF-2"]
        assert ok(await svc.client.post("/trainings/TR-2025-1/certificates", headers=o.authority), 201)["issued"] \
            == []
        await eventually(lambda: certified)
        assert [(c["data"]["verifier_id"], c["data"]["certificate_no"]) for c in certified] == [
            ("VF-1", "HCZ-2025-VF-1")]
        may = ok(await svc.client.get("/verifiers/VF-1/eligibility/2025", headers=svc.auth("verifier", "VF-1")))
        assert may["may_sign"] is True
        o.verifiers.add("VF-2")  # registered above
        resit = await o.certify("VF-2", "AG-1", 2025, score=75)  # another session of the year
        assert ok(resit, 201)["exam_score"] == 75


async def test_v_exam_pass_mark_is_the_years_policy(settings, oversight_of):
    async with running_service(build_runtime, settings) as svc:
        o = oversight_of(svc)
        refused = await svc.client.put("/policy/2025", params={"reason": "stricter exam"},
                                       json={"exam_pass_mark": 70}, headers=svc.auth("panel_expert"))
        assert refused.status_code == 403
        ok(await svc.client.put("/policy/2025", params={"reason": "stricter exam"}, json={"exam_pass_mark": 70},
                                headers=o.authority))
        impossible = await svc.client.put("/policy/2025", params={"reason": "typo"},
                                          json={"pass_min": 95, "excellent_min": 90}, headers=o.authority)
        assert impossible.status_code == 422 and impossible.json()["field"] == "pass_min"
        too_early = await svc.client.put("/policy/2025", params={"reason": "typo"},
                                         json={"evaluation_opens_on": "2025-06-01"}, headers=o.authority)
        assert too_early.status_code == 422 and too_early.json()["field"] == "evaluation_opens_on"
        unknown = await svc.client.put("/policy/2025", params={"reason": "typo"}, json={"scoring_table": {}},
                                       headers=o.authority)
        assert unknown.status_code == 422
        assert ok(await svc.client.get("/policy/2025"))["exam_pass_mark"] == 70
        await o.file("AG-1")
        await o.select(2025, {"AG-1": ("industry",)})
        strict = await o.certify("VF-1", "AG-1", 2025, score=69)
        assert strict.status_code == 422 and "below the pass mark 70" in strict.json()["detail"]


async def test_v_revocation_with_reason_is_published_and_final(settings, nats_url, oversight_of):
    async with running_service(build_runtime, settings) as svc, \
            subject_listener(nats_url, VerifierCertificateRevoked.contract.subject) as revoked:
        o = oversight_of(svc)
        await o.file("AG-1")
        await o.select(2025, {"AG-1": ("industry",)})
        ok(await o.certify("VF-1", "AG-1", 2025), 201)
        url = "/verifiers/VF-1/certificates/2025/revocation"
        assert (await svc.client.post(url, json={"reason": "x"}, headers=svc.auth("agency", "AG-1"))).status_code == 403
        done = ok(await svc.client.post(url, json={"reason": "left the agency"}, headers=o.authority))
        assert done["revoked_at"] is not None and done["revocation_reason"] == "left the agency"
        assert (await svc.client.post(url, json={"reason": "again"}, headers=o.authority)).status_code == 409
        await eventually(lambda: revoked)
        assert len(revoked) == 1 and revoked[0]["data"]["reason"] == "left the agency"
        may = ok(await svc.client.get("/verifiers/VF-1/eligibility/2025", headers=o.authority))
        assert may["may_sign"] is False and "revoked" in may["reason"]
        second = await svc.client.post("/verifiers/VF-1/certificates", headers=o.authority,
                                       json={"compliance_year": 2025, "certificate_no": "HCZ-NEW"})
        assert second.status_code == 409  # one certificate per verifier and year: a revoked one is not replaced
