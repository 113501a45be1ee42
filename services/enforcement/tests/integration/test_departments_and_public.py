"""The department query API (M-40): each department's system asks with its own role what concerns it — special funds
and awards (finance), project assessments (project approval), credit records (credit platform, market regulation,
tax, finance) — and every answer names the case behind it; other roles are refused. Public disclosure: the
violations and measures in force, without a token."""
from __future__ import annotations

import pytest

from ets_shared.contracts.calendar import CalendarTick
from ets_shared.testing.service import eventually, running_service
from enforcement.bootstrap import build_runtime

pytestmark = pytest.mark.asyncio
ALL = ["credit_record", "special_fund_ineligible", "award_ineligible", "project_assessment_refused"]


async def sanctioned(svc, publish, office) -> str:
    """E-0050's M-39 case with a fine and every M-40 measure, decided on 5 August 2026."""
    await publish(CalendarTick(now="2026-08-05T10:00:00+08:00"))
    await eventually(lambda: _at(svc, "2026-08-05T02:00:00Z"))
    staff = office(svc)
    case_id = (await svc.client.post("/cases", headers=staff.li, json={
        "article": "M-39", "party_kind": "covered_entity", "party_id": "E-0050", "compliance_year": 2025,
        "shortfall_tonnes": 4_000})).json()["case_id"]
    await staff.fine(case_id, "90000.00", "4,000 t short, no surrender by the deadline")
    await staff.decide(case_id, "measures", {"measures": ALL, "reasons": "second year in shortfall"})
    return case_id


async def _at(svc, want: str) -> bool:
    return (await svc.client.get("/clock")).json()["now"] == want


async def ask(svc, role: str, path: str, **params):
    return await svc.client.get(path, params=params, headers=svc.auth(role))


async def test_m40_departments_query_api_answers_each_department_with_the_case_behind_it(settings, publish, office):
    async with running_service(build_runtime, settings) as svc:
        case_id = await sanctioned(svc, publish, office)
        funds = "/entities/E-0050/special-fund-eligibility"
        for year, allowed in ((2025, True), (2026, False), (2027, False), (2028, True)):
            answer = (await ask(svc, "finance", funds, year=year)).json()
            assert answer["answer"] is allowed, year
        refused = (await ask(svc, "finance", funds, year=2027)).json()
        assert [(b["case_id"], b["measure"], b["article"], b["ends_on"]) for b in refused["because"]] == [
            (case_id, "special_fund_ineligible", "M-40(2)", "2027-12-31")]
        awards = "/entities/E-0050/award-eligibility"
        for day, allowed in (("2026-08-04", True), ("2026-08-05", False), ("2029-08-04", False),
                             ("2029-08-05", True)):
            assert (await ask(svc, "finance", awards, on=day)).json()["answer"] is allowed, day
        assert (await ask(svc, "finance", awards)).json()["on"] == "2026-08-05"  # default: today (the clock)
        projects = "/entities/E-0050/project-assessment"
        assert [(await ask(svc, "project_approval", projects, year=y)).json()["answer"] for y in (2026, 2027, 2028)
                ] == [True, False, True]
        for role in ("credit_platform", "market_regulation", "tax", "finance"):
            records = (await ask(svc, role, "/entities/E-0050/credit-records")).json()
            assert [(r["case_id"], r["starts_on"], r["ends_on"]) for r in records["records"]] == [
                (case_id, "2026-08-05", "2029-08-04")], role
        assert (await ask(svc, "tax", "/entities/E-0050/credit-records", on="2029-08-05")).json()["records"] == []
        clean = (await ask(svc, "credit_platform", "/entities/E-0999/special-fund-eligibility", year=2026)).json()
        assert (clean["answer"], clean["because"]) == (True, [])


@pytest.mark.parametrize("role,path,params", [
    ("tax", "/entities/E-0050/special-fund-eligibility", {"year": 2026}),
    ("market_regulation", "/entities/E-0050/award-eligibility", {}),
    ("project_approval", "/entities/E-0050/special-fund-eligibility", {"year": 2026}),
    ("finance", "/entities/E-0050/project-assessment", {"year": 2027}),
    ("project_approval", "/entities/E-0050/credit-records", {}),
    ("entity", "/entities/E-0050/credit-records", {}),
    ("exchange_operator", "/entities/E-0050/award-eligibility", {}),
])
async def test_m40_each_department_sees_only_what_concerns_it(settings, role, path, params):
    async with running_service(build_runtime, settings) as svc:
        headers = svc.auth(role, "E-0050" if role == "entity" else None)
        refused = await svc.client.get(path, params=params, headers=headers)
        assert refused.status_code == 403
        assert (await svc.client.get(path, params=params)).status_code == 401


async def test_m40_query_api_refuses_bad_input_naming_the_field(settings):
    async with running_service(build_runtime, settings) as svc:
        bad = await svc.client.get("/entities/E-1/special-fund-eligibility", params={"year": 1999},
                                   headers=svc.auth("finance"))
        assert bad.status_code == 422 and bad.json()["invalid_params"][0]["name"] == "query.year"
        bad = await svc.client.get("/entities/E-1/award-eligibility", params={"on": "next week"},
                                   headers=svc.auth("finance"))
        assert bad.status_code == 422


async def test_m40_public_disclosure_lists_violations_and_measures_in_force_without_a_token(settings, publish,
                                                                                           office):
    async with running_service(build_runtime, settings) as svc:
        case_id = await sanctioned(svc, publish, office)
        undecided = (await svc.client.post("/cases", headers=svc.auth("enforcement_officer"), json={
            "article": "M-39", "party_kind": "covered_entity", "party_id": "E-0051", "compliance_year": 2025,
            "shortfall_tonnes": 10})).json()["case_id"]
        violations = (await svc.client.get("/public/violations")).json()
        assert [v["case_id"] for v in violations] == [case_id]  # an allegation not yet decided is not published
        [v] = violations
        assert (v["article"], v["party_id"], v["decided_on"], v["fine_amount"]) == (
            "M-39", "E-0050", "2026-08-05", "90000.00")
        assert {m["effect"] for m in v["measures_in_force"]} == {
            "credit_record_entered", "departments_notified", "published", "special_fund_ineligible",
            "award_ineligible"}  # the project refusal starts on 1 January 2027
        later = (await svc.client.get("/public/measures", params={"on": "2027-06-01"})).json()
        assert {m["effect"] for m in later} == {"credit_record_entered", "departments_notified", "published",
                                                "special_fund_ineligible", "award_ineligible",
                                                "project_assessment_refused"}
        assert (await svc.client.get("/public/violations", params={"on": "2029-08-05"})).json() == []
        assert undecided not in [m["case_id"] for m in later]
        assert (await svc.client.get("/public/measures", params={"limit": 5000})).status_code == 422
