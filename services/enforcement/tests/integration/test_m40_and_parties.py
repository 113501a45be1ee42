"""M-40 measures reach the government systems as events (a plain nats-py subscriber receives them), only for the
violations M-40 names; officer-opened cases under M-37 and M-41; and each caller acts and sees only what its role
allows."""
from __future__ import annotations

import pytest

from ets_shared.contracts.calendar import CalendarTick
from ets_shared.contracts.enforcement import CaseClosed, CreditRecordEntered, DepartmentsNotified, MeasuresApplied
from ets_shared.testing.service import eventually, running_service, subject_listener
from enforcement.bootstrap import build_runtime

pytestmark = pytest.mark.asyncio


def m39_case(entity_id: str) -> dict:
    return {"article": "M-39", "party_kind": "covered_entity", "party_id": entity_id, "compliance_year": 2025,
            "shortfall_tonnes": 1200}


async def _clock(svc, want: str):  # noqa: ANN001, ANN202
    return (await svc.client.get("/clock")).json()["now"] == want


async def test_m40_measures_publish_credit_record_and_notify_departments(settings, nats_url, publish):
    async with running_service(build_runtime, settings) as svc, \
            subject_listener(nats_url, CreditRecordEntered.contract.subject) as credit, \
            subject_listener(nats_url, DepartmentsNotified.contract.subject) as notified, \
            subject_listener(nats_url, MeasuresApplied.contract.subject) as applied:
        await publish(CalendarTick(now="2026-08-05T10:00:00+08:00"))
        await eventually(lambda: _clock(svc, "2026-08-05T02:00:00Z"))
        case_id = (await svc.client.post("/cases", json=m39_case("E-0010"),
                                         headers=svc.auth("enforcement_officer"))).json()["case_id"]
        body = {"measures": ["credit_record", "special_fund_ineligible", "award_ineligible",
                             "project_assessment_refused"], "published": True}
        assert (await svc.client.post(f"/cases/{case_id}/measures", json=body,
                                      headers=svc.auth("entity", "E-0010"))).status_code == 403
        r = await svc.client.post(f"/cases/{case_id}/measures", json=body, headers=svc.auth("authority"))
        assert r.status_code == 200, r.text
        assert r.json()["measures_applied"] == body["measures"]
        assert {m["effect"] for m in r.json()["measures"]} == {
            "credit_record_entered", "departments_notified", "published", "special_fund_ineligible",
            "award_ineligible", "project_assessment_refused"}
        await eventually(lambda: credit and notified and applied)
        record = credit[0]["data"]
        assert (record["case_id"], record["article"], record["party_id"], record["published"]) == (
            case_id, "M-39", "E-0010", True)
        assert "M-16" in record["violation"]
        assert notified[0]["data"]["departments"] == ["market_regulation", "tax", "finance"]
        years = {m["kind"]: (m["from_year"], m["to_year"], m["department"]) for m in applied[0]["data"]["measures"]}
        assert years == {"special_fund_ineligible": (2026, 2027, "energy_saving_fund"),
                         "award_ineligible": (2026, 2028, "energy_saving_awards"),
                         "project_assessment_refused": (2027, 2027, "project_approval")}
        again = await svc.client.post(f"/cases/{case_id}/measures", json={"measures": ["credit_record"]},
                                      headers=svc.auth("enforcement_officer"))
        assert again.status_code == 409 and again.json()["article"] == "M-40"


async def test_m40_credit_record_unpublished_when_the_authority_so_decides(settings, nats_url):
    async with running_service(build_runtime, settings) as svc, \
            subject_listener(nats_url, CreditRecordEntered.contract.subject) as credit, \
            subject_listener(nats_url, MeasuresApplied.contract.subject) as applied:
        officer = svc.auth("enforcement_officer")
        case_id = (await svc.client.post("/cases", json=m39_case("E-0011"), headers=officer)).json()["case_id"]
        r = await svc.client.post(f"/cases/{case_id}/measures", headers=officer,
                                  json={"measures": ["credit_record"], "published": False})
        assert {m["effect"] for m in r.json()["measures"]} == {"credit_record_entered", "departments_notified"}
        await eventually(lambda: credit)
        assert credit[0]["data"]["published"] is False and applied == []


async def test_m40_refused_for_an_m41_case(settings):
    async with running_service(build_runtime, settings) as svc:
        officer = svc.auth("enforcement_officer")
        wrong = await svc.client.post("/cases", headers=officer, json={
            "article": "M-41", "party_kind": "covered_entity", "party_id": "AG-01", "allegation": "false report"})
        assert wrong.status_code == 422 and wrong.json()["field"] == "party_kind"
        opened = await svc.client.post("/cases", headers=officer, json={
            "article": "M-41", "party_kind": "agency", "party_id": "AG-01", "case_id": "CASE-AG-01-1",
            "allegation": "verification report with a major error for E-0002"})
        assert opened.status_code == 201 and opened.json()["status"] == "order_issued"  # order and fine together
        refused = await svc.client.post("/cases/CASE-AG-01-1/measures", headers=officer,
                                        json={"measures": ["credit_record"], "published": True})
        assert refused.status_code == 422
        assert (refused.json()["article"], refused.json()["field"]) == ("M-40", "measures")
        after = (await svc.client.get("/cases/CASE-AG-01-1", headers=officer)).json()
        assert after["measures_applied"] == [] and after["measures"] == []
        assert (await svc.client.get("/cases/CASE-AG-01-1", headers=svc.auth("agency", "AG-01"))).status_code == 200
        assert (await svc.client.get("/cases/CASE-AG-01-1", headers=svc.auth("agency", "AG-02"))).status_code == 403


async def test_m37_order_then_correction_in_time_closes_without_fine(settings, nats_url):
    async with running_service(build_runtime, settings) as svc, \
            subject_listener(nats_url, CaseClosed.contract.subject) as closed:
        officer = svc.auth("enforcement_officer")
        opened = await svc.client.post("/cases", headers=officer, json={
            "article": "M-37", "party_kind": "covered_entity", "party_id": "E-0012", "case_id": "CASE-37-1",
            "allegation": "2025 emission report not submitted"})
        assert opened.json()["status"] == "opened"  # the officer sets the correction period
        early = await svc.client.post("/cases/CASE-37-1/penalty", headers=officer,
                                      json={"amount": "20000.00", "reasons": "not reported"})
        assert early.status_code == 409  # no order yet: a fine follows an order not complied with
        ordered = await svc.client.post("/cases/CASE-37-1/order", headers=officer, json={})
        assert ordered.json()["status"] == "order_issued" and ordered.json()["order_deadline"]
        corrected = await svc.client.post("/cases/CASE-37-1/correction", headers=officer,
                                          json={"detail": "report submitted"})
        assert (corrected.json()["status"], corrected.json()["closure"]) == ("closed", "corrected")
        await eventually(lambda: closed)
        assert closed[0]["data"]["article"] == "M-37" and closed[0]["data"]["outcome"].startswith("corrected")


async def test_m39_party_may_not_decide_or_record_its_fine_nor_see_others_cases(settings):
    async with running_service(build_runtime, settings) as svc:
        officer, own, other = svc.auth("enforcement_officer"), svc.auth("entity", "E-0013"), svc.auth("entity", "E-0014")
        assert (await svc.client.post("/cases", json=m39_case("E-0013"), headers=own)).status_code == 403
        case_id = (await svc.client.post("/cases", json=m39_case("E-0013"), headers=officer)).json()["case_id"]
        fine = {"amount": "60000.00", "reasons": "shortfall"}
        for who in (own, svc.auth("authority")):
            assert (await svc.client.post(f"/cases/{case_id}/penalty", json=fine, headers=who)).status_code == 403
        assert (await svc.client.post(f"/cases/{case_id}/penalty", json=fine, headers=officer)).status_code == 200
        paying = await svc.client.post(f"/cases/{case_id}/payment", json={"amount": "60000.00"}, headers=own)
        assert paying.status_code == 403
        assert (await svc.client.get(f"/cases/{case_id}", headers=officer)).json()["fine_paid"] is False
        assert (await svc.client.get(f"/cases/{case_id}", headers=other)).status_code == 403
        assert (await svc.client.get("/cases", params={"party_id": "E-0013"}, headers=other)).status_code == 403
        mine = await svc.client.get(f"/cases/{case_id}", headers=own)
        assert mine.status_code == 200 and [s["kind"] for s in mine.json()["history"]] == [
            "opened", "order_issued", "fine_decided"]
        assert [c["case_id"] for c in (await svc.client.get("/cases", headers=own)).json()] == [case_id]
        assert (await svc.client.get("/cases", headers=other)).json() == []
        assert (await svc.client.get("/cases", headers=svc.auth("verifier", "V-1"))).status_code == 403
