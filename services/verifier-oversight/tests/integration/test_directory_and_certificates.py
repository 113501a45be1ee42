"""The verifier-oversight service over a real nats-server and database, "before" the verification work (M-14, V):
filing into the public directory, tender selection, verifier certificates, and who may do which of these."""
from __future__ import annotations

import pytest

from ets_shared.contracts.verifier_oversight import (
    AgencyEligibilityChanged, AgencyFiled, VerifierCertificateRevoked, VerifierCertified,
)
from ets_shared.testing.service import eventually, running_service, subject_listener
from verifier_oversight.bootstrap import build_runtime

pytestmark = pytest.mark.asyncio


async def test_m14_filed_agency_appears_in_the_public_directory_without_a_token(settings, nats_url, oversight_of):
    async with running_service(build_runtime, settings) as svc, \
            subject_listener(nats_url, AgencyFiled.contract.subject) as filed:
        o = oversight_of(svc)
        assert (await svc.client.get("/directory")).json() == []
        await o.file("AG-1", n=1)
        listed = (await svc.client.get("/directory")).json()
        assert [(a["agency_id"], a["credit_code"], a["status"], a["selected_years"]) for a in listed] == \
            [("AG-1", "91310000MA1FL0001X", "FILED", [])]
        await o.select("AG-1", 2025)
        assert (await svc.client.get("/directory")).json()[0]["selected_years"] == [2025]
        await eventually(lambda: filed)
        assert filed[0]["data"]["agency_id"] == "AG-1" and len(filed) == 1
        again = await svc.client.post("/agencies", headers=o.authority,
                                      json={"agency_id": "AG-2", "name": "Copy", "credit_code": "91310000MA1FL0001X"})
        assert again.status_code == 409 and again.json()["field"] == "credit_code"
        bad = await svc.client.post("/agencies", headers=o.authority,
                                    json={"agency_id": "AG-3", "name": "Bad", "credit_code": "123"})
        assert bad.status_code == 422 and bad.json()["field"] == "credit_code"


async def test_m14_deregistered_agency_leaves_the_directory_and_its_selected_year(settings, nats_url, oversight_of):
    async with running_service(build_runtime, settings) as svc, \
            subject_listener(nats_url, AgencyEligibilityChanged.contract.subject) as changes:
        o = oversight_of(svc)
        await o.file("AG-1")
        await o.select("AG-1", 2025)
        gone = await svc.client.post("/agencies/AG-1/deregistration", json={"reason": "closed down"},
                                     headers=o.authority)
        assert gone.status_code == 200 and gone.json()["status"] == "DEREGISTERED"
        assert (await svc.client.get("/directory")).json() == []
        await eventually(lambda: len(changes) >= 2)
        assert [(c["data"]["compliance_year"], c["data"]["eligible"]) for c in changes] == [(2025, True), (2025, False)]


async def test_v_tender_award_publishes_eligibility(settings, nats_url, oversight_of):
    async with running_service(build_runtime, settings) as svc, \
            subject_listener(nats_url, AgencyEligibilityChanged.contract.subject) as changes:
        o = oversight_of(svc)
        await o.file("AG-1")
        entity = svc.auth("entity", party_id="E-1")
        before = (await svc.client.get("/agencies/AG-1/eligibility/2025", headers=entity)).json()
        assert before["eligible"] is False and "not selected" in before["reason"]
        await o.select("AG-1", 2025)
        await eventually(lambda: changes)
        data = changes[0]["data"]
        assert (data["agency_id"], data["compliance_year"], data["eligible"], data["reason"]) == \
            ("AG-1", 2025, True, "selected by tender")
        assert (await svc.client.get("/agencies/AG-1/eligibility/2025", headers=entity)).json()["eligible"] is True
        assert (await svc.client.get("/agencies/AG-1/eligibility/2026", headers=entity)).json()["eligible"] is False
        twice = await svc.client.post("/agencies/AG-1/tender-awards", json={"compliance_year": 2025},
                                      headers=o.authority)
        assert twice.status_code == 409


async def test_v_suspension_withdraws_eligibility_and_reinstatement_restores_it(settings, nats_url, oversight_of):
    async with running_service(build_runtime, settings) as svc, \
            subject_listener(nats_url, AgencyEligibilityChanged.contract.subject) as changes:
        o = oversight_of(svc)
        await o.file("AG-1")
        await o.select("AG-1", 2025)
        for action in ("suspension", "reinstatement"):
            r = await svc.client.post(f"/agencies/AG-1/{action}", json={"reason": "panel decision"},
                                      headers=o.authority)
            assert r.status_code == 200, r.text
        await eventually(lambda: len(changes) >= 3)
        assert [c["data"]["eligible"] for c in changes] == [True, False, True]
        assert "SUSPENDED" in changes[1]["data"]["reason"]


async def test_v_certificate_needs_exam_at_least_the_pass_mark_and_publishes_verifier_certified(
        settings, nats_url, oversight_of):
    async with running_service(build_runtime, settings) as svc, \
            subject_listener(nats_url, VerifierCertified.contract.subject) as certified:
        o = oversight_of(svc)
        await o.file("AG-1")
        await o.select("AG-1", 2025)
        agency = svc.auth("agency", party_id="AG-1")
        made = await svc.client.post("/agencies/AG-1/verifiers", json={"verifier_id": "VF-1", "name": "Li"},
                                     headers=agency)
        assert made.status_code == 201
        body = {"compliance_year": 2025, "exam_score": 59, "certificate_no": "HCZ-2025-0001"}
        failed = await svc.client.post("/verifiers/VF-1/certificates", json=body, headers=o.authority)
        assert failed.status_code == 422 and failed.json()["field"] == "exam_score"
        verifier = svc.auth("verifier", party_id="VF-1")
        may = (await svc.client.get("/verifiers/VF-1/eligibility/2025", headers=verifier)).json()
        assert may["may_sign"] is False and "no work certificate" in may["reason"]
        passed = await svc.client.post("/verifiers/VF-1/certificates", json={**body, "exam_score": 60},
                                       headers=o.authority)
        assert passed.status_code == 201 and passed.json()["exam_score"] == 60
        assert (await svc.client.get("/verifiers/VF-1/eligibility/2025", headers=verifier)).json()["may_sign"] is True
        await eventually(lambda: certified)
        assert len(certified) == 1 and certified[0]["data"]["certificate_no"] == "HCZ-2025-0001"
        assert certified[0]["data"]["agency_id"] == "AG-1" and certified[0]["data"]["compliance_year"] == 2025


async def test_v_exam_pass_mark_is_the_years_policy(settings, oversight_of):
    async with running_service(build_runtime, settings) as svc:
        o = oversight_of(svc)
        policy = (await svc.client.get("/policy/2026")).json()
        assert policy["exam_pass_mark"] == 60 and policy["scoring_table"]["RECHECK_CORRECTED"]["points"] == 10
        refused = await svc.client.put("/policy/2026", params={"reason": "stricter exam"},
                                       json={"exam_pass_mark": 70}, headers=svc.auth("panel_expert"))
        assert refused.status_code == 403
        set_ = await svc.client.put("/policy/2026", params={"reason": "stricter exam"}, json={"exam_pass_mark": 70},
                                    headers=o.authority)
        assert set_.status_code == 200 and set_.json()["pass_min"] == 60
        impossible = await svc.client.put("/policy/2026", params={"reason": "typo"},
                                          json={"pass_min": 95, "excellent_min": 90}, headers=o.authority)
        assert impossible.status_code == 422 and impossible.json()["field"] == "pass_min"
        await o.file("AG-1")
        for year in (2025, 2026):
            await o.select("AG-1", year)
        await svc.client.post("/agencies/AG-1/verifiers", json={"verifier_id": "VF-1", "name": "Li"},
                              headers=o.authority)
        cert = {"exam_score": 65, "certificate_no": "HCZ-X"}
        strict = await svc.client.post("/verifiers/VF-1/certificates", json={**cert, "compliance_year": 2026},
                                       headers=o.authority)
        assert strict.status_code == 422 and strict.json()["field"] == "exam_score"
        default = await svc.client.post("/verifiers/VF-1/certificates", json={**cert, "compliance_year": 2025},
                                        headers=o.authority)
        assert default.status_code == 201


async def test_v_certificate_revocation_publishes_and_stops_signing(settings, nats_url, oversight_of):
    async with running_service(build_runtime, settings) as svc, \
            subject_listener(nats_url, VerifierCertificateRevoked.contract.subject) as revoked:
        o = oversight_of(svc)
        await o.file("AG-1")
        await o.select("AG-1", 2025)
        await svc.client.post("/agencies/AG-1/verifiers", json={"verifier_id": "VF-1", "name": "Li"},
                              headers=o.authority)
        await svc.client.post("/verifiers/VF-1/certificates", headers=o.authority,
                              json={"compliance_year": 2025, "exam_score": 80, "certificate_no": "HCZ-1"})
        url = "/verifiers/VF-1/certificates/2025/revocation"
        done = await svc.client.post(url, json={"reason": "left the agency"}, headers=o.authority)
        assert done.status_code == 200 and done.json()["revoked_at"] is not None
        assert (await svc.client.post(url, json={"reason": "again"}, headers=o.authority)).status_code == 409
        await eventually(lambda: revoked)
        assert len(revoked) == 1
        assert (revoked[0]["data"]["certificate_no"], revoked[0]["data"]["reason"]) == ("HCZ-1", "left the agency")
        may = (await svc.client.get("/verifiers/VF-1/eligibility/2025", headers=o.authority)).json()
        assert may["may_sign"] is False and "revoked" in may["reason"]


async def test_v_agency_cannot_award_itself_a_tender_or_certify_and_nothing_changes(settings, nats_url,
                                                                                      oversight_of):
    async with running_service(build_runtime, settings) as svc, \
            subject_listener(nats_url, AgencyEligibilityChanged.contract.subject) as changes:
        o = oversight_of(svc)
        await o.file("AG-1", n=1)
        await o.file("AG-2", n=2)
        itself = svc.auth("agency", party_id="AG-1")
        award = await svc.client.post("/agencies/AG-1/tender-awards", json={"compliance_year": 2025}, headers=itself)
        assert award.status_code == 403
        assert (await svc.client.post("/agencies", headers=itself, json={
            "agency_id": "AG-9", "name": "Self", "credit_code": "91310000MA1FL0009X"})).status_code == 403
        assert (await svc.client.post("/agencies/AG-2/verifiers", json={"verifier_id": "VF-X", "name": "X"},
                                      headers=itself)).status_code == 403
        await o.select("AG-1", 2025)
        await svc.client.post("/agencies/AG-1/verifiers", json={"verifier_id": "VF-1", "name": "Li"}, headers=itself)
        cert = await svc.client.post("/verifiers/VF-1/certificates", headers=itself,
                                     json={"compliance_year": 2025, "exam_score": 90, "certificate_no": "HCZ-1"})
        assert cert.status_code == 403
        assert (await svc.client.get("/agencies/AG-2", headers=itself)).status_code == 403
        assert (await svc.client.get("/agencies/AG-1")).status_code == 401
        mine = (await svc.client.get("/agencies/AG-1", headers=itself)).json()
        assert mine["selected_years"] == [2025] and mine["certificates"] == []
        assert [v["verifier_id"] for v in mine["verifiers"]] == ["VF-1"]
        await eventually(lambda: changes)
        assert [(c["data"]["agency_id"], c["data"]["compliance_year"]) for c in changes] == [("AG-1", 2025)]
        refused = await svc.client.get("/verifiers/VF-1/eligibility/2025", headers=itself)
        assert refused.json()["may_sign"] is False
