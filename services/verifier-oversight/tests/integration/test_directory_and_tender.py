"""M-14 and V (事前) over a real nats-server and database: the public directory with fields of competence and each
entry's public history, and the yearly tender — lots, conditions, bids, scores, awards with reasons — whose awards
reach mrv as TenderAwarded."""
from __future__ import annotations

import pytest

from ets_shared.contracts.verifier_oversight import (
    AgencyEligibilityChanged, AgencyFiled, AgencyFilingChanged, TenderAwarded,
)
from ets_shared.testing.service import eventually, running_service, subject_listener
from verifier_oversight.bootstrap import build_runtime

from .conftest import ok, sh

pytestmark = pytest.mark.asyncio


async def test_m14_directory_lists_fields_and_keeps_every_change_public(settings, nats_url, oversight_of):
    async with running_service(build_runtime, settings) as svc, \
            subject_listener(nats_url, AgencyFiled.contract.subject) as filed, \
            subject_listener(nats_url, AgencyFilingChanged.contract.subject) as changed:
        o = oversight_of(svc)
        await o.file("AG-1", ("industry", "power"))
        patch = await svc.client.patch("/agencies/AG-1", headers=o.authority, json={
            "fields": ["industry", "power", "aviation"], "reason": "new accreditation"})
        assert ok(patch)["version"] == 2
        suspended = await svc.client.post("/agencies/AG-1/suspension", headers=o.authority,
                                          json={"reason": "inquiry"})
        assert ok(suspended)["status"] == "SUSPENDED"
        directory = ok(await svc.client.get("/directory"))  # public, no token
        assert [(a["agency_id"], a["fields"], a["version"]) for a in directory] == [
            ("AG-1", ["aviation", "industry", "power"], 3)]
        history = ok(await svc.client.get("/directory/AG-1/history"))
        assert [(h["version"], h["status"], h["reason"]) for h in history] == [
            (1, "FILED", "filed (备案)"), (2, "FILED", "new accreditation"), (3, "SUSPENDED", "inquiry")]
        await eventually(lambda: filed and len(changed) == 2)
        assert filed[0]["data"]["fields"] == ["industry", "power"]
        assert [(c["data"]["version"], c["data"]["status"]) for c in changed] == [(2, "FILED"), (3, "SUSPENDED")]
        agency = svc.auth("agency", party_id="AG-1")
        refused = await svc.client.patch("/agencies/AG-1", headers=agency, json={"name": "X", "reason": "mine"})
        assert refused.status_code == 403
        bad = await svc.client.post("/agencies", headers=o.authority, json={
            "agency_id": "AG-2", "name": "B", "credit_code": "91310000MA1FL0002X", "fields": ["Power Plants"]})
        assert bad.status_code == 422 and bad.json()["field"] == "fields"
        assert len(ok(await svc.client.get("/directory/AG-1/history"))) == 3


async def test_v_tender_bids_scores_and_awards_are_recorded_with_reasons(settings, nats_url, oversight_of):
    async with running_service(build_runtime, settings) as svc, \
            subject_listener(nats_url, TenderAwarded.contract.subject) as awarded, \
            subject_listener(nats_url, AgencyEligibilityChanged.contract.subject) as eligibility:
        o = oversight_of(svc)
        for agency_id, fields in (("AG-1", ("industry",)), ("AG-2", ("industry", "power")), ("AG-3", ("power",))):
            await o.file(agency_id, fields)
        await o.tick(sh(2025, 1, 10, 9))
        tender = {"tender_id": "T-2025", "compliance_year": 2025, "title": "Verification services 2025",
                  "conditions": ["CMA accreditation", "five verifiers"], "bid_deadline": "2025-01-20",
                  "lots": [{"lot_no": 1, "title": "Industry", "sectors": ["industry"], "expected_volume": 60,
                            "max_winners": 2},
                           {"lot_no": 2, "title": "Power", "sectors": ["power"], "expected_volume": 20}]}
        assert (await svc.client.post("/tenders", headers=svc.auth("agency", "AG-1"), json=tender)).status_code == 403
        ok(await svc.client.post("/tenders", headers=o.authority, json=tender), 201)
        public = ok(await svc.client.get("/tenders/T-2025"))
        assert public["conditions"] == ["CMA accreditation", "five verifiers"] and public["awards"] == []

        async def bid(agency_id: str, lot_no: int, as_: str | None = None, **extra):
            return await svc.client.post("/tenders/T-2025/bids", headers=svc.auth("agency", as_ or agency_id),
                                         json={"agency_id": agency_id, "lot_no": lot_no, "statement": "our team",
                                               **extra})

        b1 = ok(await bid("AG-1", 1, price="300000.00"), 201)
        b2 = ok(await bid("AG-2", 1), 201)
        b3 = ok(await bid("AG-3", 2), 201)
        assert (await bid("AG-1", 1, as_="AG-2")).status_code == 403  # for another agency
        assert (await bid("AG-1", 2)).json()["field"] == "lot_no"  # not competent in power
        assert (await bid("AG-1", 1)).status_code == 409
        floated = (await bid("AG-3", 2, price=1.5)).json()  # an exact amount arrives as a decimal string
        assert floated["status"] == 422 and floated["invalid_params"][0]["name"] == "body.price"
        early = await svc.client.post(f"/tenders/T-2025/bids/{b1['bid_id']}/score", headers=o.authority,
                                      json={"score": "80", "reason": "x"})
        assert early.status_code == 422 and "after the deadline" in early.json()["detail"]
        await o.tick(sh(2025, 1, 21, 9))
        assert (await bid("AG-2", 2)).status_code == 422  # closed
        for b, score in ((b1, "88.50"), (b2, "79"), (b3, "90")):
            ok(await svc.client.post(f"/tenders/T-2025/bids/{b['bid_id']}/score", headers=o.authority,
                                     json={"score": score, "reason": "technical and price evaluation"}))
        won = ok(await svc.client.post("/tenders/T-2025/lots/1/award", headers=o.authority, json={"winners": [
            {"agency_id": "AG-1", "reason": "highest score (88.50)"},
            {"agency_id": "AG-2", "reason": "second lot winner allowed; 79 above the 70 floor"}]}), 201)
        assert [(w["agency_id"], w["winners"], w["sectors"]) for w in won] == [("AG-1", 2, ["industry"]),
                                                                              ("AG-2", 2, ["industry"])]
        ok(await svc.client.post("/tenders/T-2025/lots/2/award", headers=o.authority,
                                 json={"winners": [{"agency_id": "AG-3", "reason": "only bid"}]}), 201)
        again = await svc.client.post("/tenders/T-2025/lots/2/award", headers=o.authority,
                                      json={"winners": [{"agency_id": "AG-3", "reason": "again"}]})
        assert again.status_code == 409
        await eventually(lambda: len(awarded) == 3 and len(eligibility) == 3)
        assert [(a["data"]["agency_id"], a["data"]["lot_no"], a["data"]["reason"]) for a in awarded] == [
            ("AG-1", 1, "highest score (88.50)"), ("AG-2", 1, "second lot winner allowed; 79 above the 70 floor"),
            ("AG-3", 2, "only bid")]
        record = ok(await svc.client.get("/tenders/T-2025/record", headers=o.authority))
        assert [(b["agency_id"], b["score"], b["score_reason"]) for b in record["bids"]] == [
            ("AG-1", "88.50", "technical and price evaluation"), ("AG-2", "79.00", "technical and price evaluation"),
            ("AG-3", "90.00", "technical and price evaluation")]
        own = ok(await svc.client.get("/tenders/T-2025/record", headers=svc.auth("agency", "AG-2")))
        assert [b["agency_id"] for b in own["bids"]] == ["AG-2"]
        assert (await svc.client.get("/tenders/T-2025/record", headers=svc.auth("panel_expert"))).status_code == 403
        directory = ok(await svc.client.get("/directory"))
        assert {a["agency_id"]: a["selected_years"] for a in directory} == {"AG-1": [2025], "AG-2": [2025],
                                                                            "AG-3": [2025]}
        assert ok(await svc.client.get("/agencies/AG-1/eligibility/2025", headers=o.authority))["eligible"] is True
        assert ok(await svc.client.get("/tenders", params={"compliance_year": 2025}))[0]["awards"][0]["reason"] == \
            "highest score (88.50)"
