"""M-40 measures reach the government systems as events (a plain nats-py subscriber receives them) with their first
and last day, under the case's correlation id, only for the violations M-40 names; the credit record is always
published; officer-opened cases under M-37 and M-41; and each caller acts and sees only what its role allows."""
from __future__ import annotations

import pytest

from ets_shared.contracts.calendar import CalendarTick
from ets_shared.contracts.enforcement import CaseClosed, CreditRecordEntered, DepartmentsNotified, MeasuresApplied
from ets_shared.testing.service import eventually, running_service, subject_listener
from enforcement.bootstrap import build_runtime

pytestmark = pytest.mark.asyncio


def shanghai_day(instant: str) -> str:
    from datetime import datetime

    from ets_shared.clock import regulatory_date
    return regulatory_date(datetime.fromisoformat(instant)).isoformat()
ALL = ["credit_record", "special_fund_ineligible", "award_ineligible", "project_assessment_refused"]


def m39_case(entity_id: str) -> dict:
    return {"article": "M-39", "party_kind": "covered_entity", "party_id": entity_id, "compliance_year": 2025,
            "shortfall_tonnes": 1200}


async def _clock(svc, want: str):
    return (await svc.client.get("/clock")).json()["now"] == want


async def test_m40_measures_publish_credit_record_and_notify_departments_with_their_windows(
        settings, nats_url, publish, office):
    async with running_service(build_runtime, settings) as svc, \
            subject_listener(nats_url, CreditRecordEntered.contract.subject) as credit, \
            subject_listener(nats_url, DepartmentsNotified.contract.subject) as notified, \
            subject_listener(nats_url, MeasuresApplied.contract.subject) as applied:
        staff = office(svc)
        await publish(CalendarTick(now="2026-08-05T10:00:00+08:00"))
        await eventually(lambda: _clock(svc, "2026-08-05T02:00:00Z"))
        opened = await svc.client.post("/cases", json=m39_case("E-0010"), headers=staff.li)
        case_id, correlation = opened.json()["case_id"], opened.json()["correlation_id"]
        body = {"measures": ALL, "reasons": "shortfall not made good"}
        for role, party in (("entity", "E-0010"), ("tax", None), ("finance", None)):
            refused = await svc.client.post(f"/cases/{case_id}/measures", json=body, headers=svc.auth(role, party))
            assert refused.status_code == 403
        assert (await staff.case(case_id))["measures_applied"] == []
        r = await staff.decide(case_id, "measures", body, approver=staff.wang)
        assert r["measures_applied"] == ALL
        windows = {m["effect"]: (m["starts_on"], m["ends_on"]) for m in r["measures"]}
        assert windows == {"credit_record_entered": ("2026-08-05", "2029-08-04"),
                           "departments_notified": ("2026-08-05", "2029-08-04"),
                           "published": ("2026-08-05", "2029-08-04"),
                           "special_fund_ineligible": ("2026-08-05", "2027-12-31"),
                           "award_ineligible": ("2026-08-05", "2029-08-04"),
                           "project_assessment_refused": ("2027-01-01", "2027-12-31")}
        await eventually(lambda: credit and notified and applied)
        record = credit[0]["data"]
        assert (record["case_id"], record["article"], record["party_id"], record["published"]) == (
            case_id, "M-39", "E-0010", True)
        assert (record["starts_on"], record["ends_on"]) == ("2026-08-05", "2029-08-04")
        assert "M-16" in record["violation"]
        assert notified[0]["data"]["departments"] == ["market_regulation", "tax", "finance"]
        years = {m["kind"]: (m["from_year"], m["to_year"], m["department"], m["ends_on"])
                 for m in applied[0]["data"]["measures"]}
        assert years == {"special_fund_ineligible": (2026, 2027, "energy_saving_fund", "2027-12-31"),
                         "award_ineligible": (2026, 2029, "energy_saving_awards", "2029-08-04"),
                         "project_assessment_refused": (2027, 2027, "project_approval", "2027-12-31")}
        assert {e["correlation_id"] for e in credit + notified + applied} == {correlation}
        again = await svc.client.post(f"/cases/{case_id}/measures", headers=staff.li,
                                      json={"measures": ["credit_record"], "reasons": "again"})
        assert again.status_code == 409 and again.json()["article"] == "M-40"


async def test_m40_publication_is_not_optional(settings):
    async with running_service(build_runtime, settings) as svc:
        officer = svc.auth("enforcement_officer")
        case_id = (await svc.client.post("/cases", json=m39_case("E-0011"), headers=officer)).json()["case_id"]
        no_reasons = await svc.client.post(f"/cases/{case_id}/measures", headers=officer,
                                           json={"measures": ["credit_record"]})
        assert no_reasons.status_code == 422 and no_reasons.json()["invalid_params"][0]["name"] == "body.reasons"
        unpublished = await svc.client.post(f"/cases/{case_id}/measures", headers=officer,
                                            json={"measures": ["credit_record"], "reasons": "M-40(1)",
                                                  "published": False})
        assert unpublished.status_code == 422  # M-40(1) bundles the publication with the record
        assert unpublished.json()["invalid_params"][0]["name"] == "body.published"
        assert (await svc.client.get(f"/cases/{case_id}", headers=officer)).json()["proposals"] == []


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
                                        json={"measures": ["credit_record"], "reasons": "M-40"})
        assert refused.status_code == 422
        assert (refused.json()["article"], refused.json()["field"]) == ("M-40", "measures")
        after = (await svc.client.get("/cases/CASE-AG-01-1", headers=officer)).json()
        assert after["measures_applied"] == [] and after["measures"] == [] and after["proposals"] == []
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
        assert closed[0]["data"]["article"] == "M-37" and closed[0]["data"]["closure"] == "corrected"


async def test_m39_party_may_not_decide_or_record_its_fine_nor_see_others_cases(settings, office):
    async with running_service(build_runtime, settings) as svc:
        staff = office(svc)
        own, other = svc.auth("entity", "E-0013"), svc.auth("entity", "E-0014")
        assert (await svc.client.post("/cases", json=m39_case("E-0013"), headers=own)).status_code == 403
        case_id = (await svc.client.post("/cases", json=m39_case("E-0013"), headers=staff.li)).json()["case_id"]
        fine = {"amount": "60000.00", "reasons": "shortfall"}
        for who in (own, svc.auth("authority"), svc.auth("finance")):
            assert (await svc.client.post(f"/cases/{case_id}/penalty", json=fine, headers=who)).status_code == 403
        decided = await staff.fine(case_id, "60000.00", "shortfall")
        no = decided["proposals"][-1]["no"]
        assert (await svc.client.post(f"/cases/{case_id}/decisions/{no}/approval", json={"reasons": "x"},
                                      headers=own)).status_code == 403
        served_on = shanghai_day((await staff.case(case_id))["fine_decided_at"])
        await svc.client.post(f"/cases/{case_id}/penalty/notification", headers=staff.li,
                              json={"served_on": served_on, "method": "post"})
        paying = await svc.client.post(f"/cases/{case_id}/payment", json={"amount": "60000.00"}, headers=own)
        assert paying.status_code == 403
        assert (await svc.client.get(f"/cases/{case_id}", headers=staff.li)).json()["fine_paid"] is False
        assert (await svc.client.get(f"/cases/{case_id}", headers=other)).status_code == 403
        assert (await svc.client.get("/cases", params={"party_id": "E-0013"}, headers=other)).status_code == 403
        mine = await svc.client.get(f"/cases/{case_id}", headers=own)
        assert mine.status_code == 200 and [s["kind"] for s in mine.json()["history"]][:3] == [
            "opened", "order_issued", "decision_proposed"]
        assert [c["case_id"] for c in (await svc.client.get("/cases", headers=own)).json()] == [case_id]
        assert (await svc.client.get("/cases", headers=other)).json() == []
        for role, party in (("verifier", "V-1"), ("tax", None)):
            assert (await svc.client.get("/cases", headers=svc.auth(role, party))).status_code == 403
