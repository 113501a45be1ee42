"""A covered entity's own pages (role `entity`, its own party id only — `Viewer.require_party`; the services
refuse another entity's records too): obligations and deadlines, holdings by vintage and unit type with the
account statement, monitoring plans and emission reports (file, correct, object; the computed tCO2e and the
factor set), surrenders, and its enforcement cases with what it owes and by when.

Orders and trades are the exchange member's (`pages/member.py`): a covered entity trades as member `M-<entity>`
(admitted automatically, M-21), and the exchange accepts orders only from members.
"""
from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from ets_console import nav
from ets_console.api import ApiProblem, UserApi
from ets_console.forms import as_values, rows
from ets_console.web import DoneQuery, FormErrors, Look, RecordId, YearPath, form_of, render
from ets_shared.auth import Role

router = APIRouter(prefix="/entity/{entity_id}")

nav.register(Role.ENTITY, home=lambda p: f"/entity/{p.party_id}", links=[
    nav.Link("nav.entity", lambda p: f"/entity/{p.party_id}"),
    nav.Link("entity.nav.holdings", lambda p: f"/entity/{p.party_id}/holdings"),
    nav.Link("entity.nav.reports", lambda p: f"/entity/{p.party_id}/reports"),
    nav.Link("entity.nav.surrenders", lambda p: f"/entity/{p.party_id}/surrenders"),
    nav.Link("entity.nav.cases", lambda p: f"/entity/{p.party_id}/cases"),
])

SOURCE_ROWS = 4  # empty source rows a report form offers (rows left empty are not sent)
SOURCE_FIELDS = ("kind", "quantity", "unit", "fuel", "description")
PLAN_SOURCE_ROWS = 3
PLAN_SOURCE_FIELDS = ("name", "kind", "method", "instruments", "frequency")
STAFF_ROWS = 2
STAFF_FIELDS = ("name", "role")
# the plan form's inputs named apart from the report form's; a list refused as a whole points at its first row
PLAN_INPUTS = {"compliance_year": "plan_year", "sources": "plan_sources[0].name",
               "responsible_staff": "responsible_staff[0].name"}
SURRENDER_ROWS = 3
SURRENDER_FIELDS = ("unit_type", "vintage", "quantity", "project_id")


async def optional(call: Any) -> Any:
    """An API read that may find nothing yet (404): None instead of an error page."""
    try:
        return await call
    except ApiProblem as problem:
        if problem.status == 404:
            return None
        raise


async def platform_year(api: UserApi) -> int:
    """The current year of the platform's regulatory clock (the calendar's ticks), else of the wall clock."""
    clock = await api.get("allocation", "/clock")
    now = datetime.fromisoformat(clock["now"]) if clock and clock.get("now") else datetime.now(UTC)
    return now.year


async def years_of(api: UserApi, entity: dict) -> list[int]:
    """The compliance years the entity has been covered for, newest first."""
    current = await platform_year(api)
    first = entity.get("first_compliance_year") or current
    return list(range(current, min(first, current) - 1, -1))[:10]


async def obligations(api: UserApi, entity_id: str, years: list[int]) -> list[dict]:
    found = await asyncio.gather(*(optional(api.get("allocation", f"/entities/{entity_id}/obligations/{y}"))
                                   for y in years))
    return [o for o in found if o]


async def report_cases(api: UserApi, entity_id: str, years: list[int]) -> list[dict]:
    found = await asyncio.gather(*(optional(api.get("mrv", f"/reports/RPT-{entity_id}-{y}")) for y in years))
    return [c for c in found if c]


@router.get("")
async def overview(request: Request, look: Look, entity_id: RecordId) -> Response:
    """Obligations with their surrender deadlines (M-16), the report cases' deadlines (M-12..M-15), open cases."""
    look.require_party(entity_id, Role.ENTITY)
    entity = await look.api.get("allocation", f"/entities/{entity_id}")
    years = await years_of(look.api, entity)
    owed, cases, open_cases = await asyncio.gather(
        obligations(look.api, entity_id, years), report_cases(look.api, entity_id, years),
        look.api.get("enforcement", "/cases", party_id=entity_id, limit=100))
    return render(request, "entity/overview.html", entity=entity, entity_id=entity_id, obligations=owed,
                  report_cases=cases, cases=[c for c in open_cases if not c.get("closed_at")])


@router.get("/holdings")
async def holdings(request: Request, look: Look, entity_id: RecordId) -> Response:
    """M-32: holdings by unit type and vintage, lot by lot, and the account statement (transactions, serials)."""
    look.require_party(entity_id, Role.ENTITY)
    entity = await look.api.get("allocation", f"/entities/{entity_id}")
    held, lots = await asyncio.gather(look.api.get("allocation", f"/entities/{entity_id}/holdings"),
                                      look.api.get("allocation", f"/entities/{entity_id}/holdings/lots"))
    statement = None
    if entity.get("account_id"):
        statement = await look.api.get("allocation", f"/registry/accounts/{entity['account_id']}/statement",
                                       as_of=datetime.now(UTC).isoformat(), limit=200)
    return render(request, "entity/holdings.html", entity=entity, entity_id=entity_id, holdings=held, lots=lots,
                  statement=statement)


# reports ---------------------------------------------------------------------------------------------------------

@router.get("/reports")
async def reports(request: Request, look: Look, entity_id: RecordId, done: DoneQuery = None) -> Response:
    look.require_party(entity_id, Role.ENTITY)
    return await _reports_page(request, look, entity_id, done=done)


async def _reports_page(request: Request, look: Look, entity_id: str, *, status: int = 200,
                        errors: FormErrors | None = None, values: dict | None = None,
                        done: DoneQuery = None) -> Response:
    entity = await look.api.get("allocation", f"/entities/{entity_id}")
    years = await years_of(look.api, entity)
    cases, plans = await asyncio.gather(report_cases(look.api, entity_id, years),
                                        look.api.get("mrv", "/monitoring-plans", entity_id=entity_id, limit=100))
    values = values or {"compliance_year": str(years[1] if len(years) > 1 else years[0]),
                        "plan_year": str(years[0] + 1)}
    return render(request, "entity/reports.html", status=status, entity=entity, entity_id=entity_id,
                  report_cases=cases, plans=plans, source_rows=range(SOURCE_ROWS), errors=errors or FormErrors(),
                  values=values, plan_source_rows=range(PLAN_SOURCE_ROWS), staff_rows=range(STAFF_ROWS),
                  done=done)


@router.post("/monitoring-plans")
async def file_plan(request: Request, look: Look, entity_id: RecordId) -> Response:
    """M-11: file the monitoring plan for a year (boundary, sources with method, instruments and frequency,
    responsible staff), due 31 December of the year before; filed again for the same year it is a new version
    with the reason for the change (M-11 ¶2)."""
    look.require_party(entity_id, Role.ENTITY)
    data = await form_of(request)
    # the page's report form has `sources[i]` inputs too: the plan's are `plan_sources[i]` (one id per input)
    sources = rows(data, "plan_sources", PLAN_SOURCE_FIELDS, PLAN_SOURCE_ROWS, required=("name",))
    staff = rows(data, "responsible_staff", STAFF_FIELDS, STAFF_ROWS, required=("name",))
    content = {"boundary": data.get("boundary", ""), "sources": sources, "responsible_staff": staff}
    year = data.get("plan_year", "").strip()
    plans = await look.api.get("mrv", "/monitoring-plans", entity_id=entity_id, limit=100)
    # mrv keeps a plan record, without versions, for a year whose plan is owed and not filed (M-11 ¶1)
    existing = next((p for p in plans if str(p["compliance_year"]) == year and p["versions"]), None)
    try:
        if existing is None:
            await look.api.post("mrv", "/monitoring-plans", {**content, "compliance_year": year},
                                idempotency_key=data.get("idempotency_key"))
        else:
            await look.api.put("mrv", f"/monitoring-plans/{existing['plan_id']}", {
                **content, "change_reason": data.get("change_reason", ""),
                "major_change": data.get("major_change") == "on"})
    except ApiProblem as problem:
        fields = {f"sources[{i}].{n}" for i in range(PLAN_SOURCE_ROWS) for n in PLAN_SOURCE_FIELDS} | {
            f"responsible_staff[{i}].{n}" for i in range(STAFF_ROWS) for n in STAFF_FIELDS} | {
            "boundary", "sources", "responsible_staff", "change_reason", "compliance_year"}
        errors = FormErrors.of(problem, fields)
        errors.by_field = {PLAN_INPUTS.get(name, "plan_" + name if name.startswith("sources") else name): reasons
                           for name, reasons in errors.by_field.items()}
        values = as_values("responsible_staff", staff, as_values("plan_sources", sources, data))
        return await _reports_page(request, look, entity_id, status=problem.status, errors=errors,
                                   values={**values, "form": "plan"})
    return RedirectResponse(f"/entity/{entity_id}/reports?done=plan_filed", status_code=303)


def _source_fields() -> set[str]:
    return {f"sources[{i}].{name}" for i in range(SOURCE_ROWS) for name in SOURCE_FIELDS} | {"sources"}


@router.post("/reports")
async def file_report(request: Request, look: Look, entity_id: RecordId) -> Response:
    """M-12: file the year's report; the service computes tCO2e from the activity data with its factor set."""
    look.require_party(entity_id, Role.ENTITY)
    data = await form_of(request)
    sources = rows(data, "sources", SOURCE_FIELDS, SOURCE_ROWS, required=("quantity",))
    body = {"compliance_year": data.get("compliance_year", ""), "sources": sources}
    try:
        filed = await look.api.post("mrv", "/reports", body, idempotency_key=data.get("idempotency_key"))
    except ApiProblem as problem:
        return await _reports_page(request, look, entity_id, status=problem.status,
                                   values=as_values("sources", sources, data),
                                   errors=FormErrors.of(problem, _source_fields() | {"compliance_year"}))
    return RedirectResponse(f"/entity/{entity_id}/reports/{filed['compliance_year']}?done=filed", status_code=303)


@router.get("/reports/{year}")
async def report(request: Request, look: Look, entity_id: RecordId, year: YearPath, done: DoneQuery = None) -> Response:
    look.require_party(entity_id, Role.ENTITY)
    return await _report_page(request, look, entity_id, year, done=done)


async def _report_page(request: Request, look: Look, entity_id: str, year: int, *, status: int = 200,
                       errors: FormErrors | None = None, values: dict | None = None, form: str | None = None,
                       done: DoneQuery = None) -> Response:
    case = await look.api.get("mrv", f"/reports/RPT-{entity_id}-{year}")
    if values is None and case.get("report"):
        values = {f"sources[{i}].{k}": str(v or "") for i, s in enumerate(case["report"]["sources"])
                  for k, v in s.items()}
    return render(request, "entity/report.html", status=status, case=case, entity_id=entity_id, year=year,
                  source_rows=range(max(SOURCE_ROWS, len((case.get("report") or {}).get("sources", [])) + 1)),
                  errors=errors or FormErrors(), values=values or {}, form=form, done=done)


@router.post("/reports/{year}/correction")
async def correct_report(request: Request, look: Look, entity_id: RecordId, year: YearPath) -> Response:
    """M-12 ¶3: correct the report's activity data until the verification is filed."""
    look.require_party(entity_id, Role.ENTITY)
    data = await form_of(request)
    indexes = [int(m.group(1)) for k in data if (m := re.match(r"^sources\[(\d{1,2})\]\.", k))]
    count = max([SOURCE_ROWS, *(i + 1 for i in indexes)])
    sources = rows(data, "sources", SOURCE_FIELDS, count, required=("quantity",))
    try:
        await look.api.put("mrv", f"/reports/RPT-{entity_id}-{year}", {"sources": sources})
    except ApiProblem as problem:
        fields = {f"sources[{i}].{n}" for i in range(count) for n in SOURCE_FIELDS} | {"sources"}
        return await _report_page(request, look, entity_id, year, status=problem.status,
                                  values=as_values("sources", sources, data),
                                  errors=FormErrors.of(problem, fields), form="correction")
    return RedirectResponse(f"/entity/{entity_id}/reports/{year}?done=corrected", status_code=303)


@router.post("/reports/{year}/objection")
async def object_to_verification(request: Request, look: Look, entity_id: RecordId, year: YearPath) -> Response:
    """M-15 ¶2(3): object to the verification report, with evidence (one reference per line)."""
    look.require_party(entity_id, Role.ENTITY)
    data = await form_of(request)
    evidence = [line.strip() for line in data.get("evidence", "").splitlines() if line.strip()]
    try:
        await look.api.post("mrv", f"/reports/RPT-{entity_id}-{year}/objection", {"evidence": evidence},
                            idempotency_key=data.get("idempotency_key"))
    except ApiProblem as problem:
        errors = FormErrors.of(problem, {"evidence"})
        for name in [n for n in errors.by_field if n.startswith("evidence[")]:
            errors.by_field.setdefault("evidence", []).extend(errors.by_field.pop(name))
        return await _report_page(request, look, entity_id, year, status=problem.status, values=data,
                                  errors=errors, form="objection")
    return RedirectResponse(f"/entity/{entity_id}/reports/{year}?done=objected", status_code=303)


# surrenders ------------------------------------------------------------------------------------------------------

@router.get("/surrenders")
async def surrenders(request: Request, look: Look, entity_id: RecordId, done: DoneQuery = None) -> Response:
    look.require_party(entity_id, Role.ENTITY)
    return await _surrenders_page(request, look, entity_id, done=done)


async def _surrenders_page(request: Request, look: Look, entity_id: str, *, status: int = 200,
                           errors: FormErrors | None = None, values: dict | None = None,
                           done: DoneQuery = None) -> Response:
    entity = await look.api.get("allocation", f"/entities/{entity_id}")
    years = await years_of(look.api, entity)
    owed, made, held = await asyncio.gather(obligations(look.api, entity_id, years),
                                            look.api.get("allocation", f"/entities/{entity_id}/surrenders"),
                                            look.api.get("allocation", f"/entities/{entity_id}/holdings"))
    open_years = [o["compliance_year"] for o in owed if o["remaining"] > 0]
    if values is None:
        year = open_years[0] if open_years else years[0]
        values = {"compliance_year": str(year), "lines[0].unit_type": "SHEA", "lines[0].vintage": str(year)}
    return render(request, "entity/surrenders.html", status=status, entity=entity, entity_id=entity_id,
                  obligations=owed, surrenders=made, holdings=held, errors=errors or FormErrors(), values=values,
                  line_rows=range(SURRENDER_ROWS), done=done)


@router.post("/surrenders")
async def surrender(request: Request, look: Look, entity_id: RecordId) -> Response:
    """M-16: surrender allowances (vintage ≤ the year) and CCERs (M-17) against the year's obligation."""
    look.require_party(entity_id, Role.ENTITY)
    data = await form_of(request)
    lines = rows(data, "lines", SURRENDER_FIELDS, SURRENDER_ROWS, required=("quantity",))
    body = {"compliance_year": data.get("compliance_year", ""), "lines": lines}
    try:
        await look.api.post("allocation", f"/entities/{entity_id}/surrenders", body,
                            idempotency_key=data.get("idempotency_key"))
    except ApiProblem as problem:
        fields = {f"lines[{i}].{n}" for i in range(SURRENDER_ROWS) for n in SURRENDER_FIELDS}
        return await _surrenders_page(request, look, entity_id, status=problem.status,
                                      values=as_values("lines", lines, data),
                                      errors=FormErrors.of(problem, fields | {"compliance_year", "lines"}))
    return RedirectResponse(f"/entity/{entity_id}/surrenders?done=surrendered", status_code=303)


# cases -----------------------------------------------------------------------------------------------------------

@router.get("/cases")
async def cases(request: Request, look: Look, entity_id: RecordId) -> Response:
    """Its enforcement cases (M-37..M-42): the order and its deadline, the shortfall, the fine and when it is due."""
    look.require_party(entity_id, Role.ENTITY)
    found = await look.api.get("enforcement", "/cases", party_id=entity_id, limit=1000)
    return render(request, "entity/cases.html", entity_id=entity_id, cases=found)
