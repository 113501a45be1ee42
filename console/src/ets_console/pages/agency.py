"""A verification agency's pages (role `agency`, its own id only) and its verifiers' (role `verifier`): the
reports assigned to the agency (M-13), filing a verification report (a certified verifier of an eligible agency,
V), and the agency's evaluation — score, deductions, grade — and any blacklisting.

A verifier reads a report only once its verification is filed (mrv's rule), so the verifier's page starts from
the engagement (entity and year, listed on the agency's page) and shows whether the verifier may sign for it."""
from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from ets_console import nav
from ets_console.api import ApiProblem
from ets_console.forms import as_values, rows
from ets_console.pages.entity import SOURCE_FIELDS, SOURCE_ROWS, platform_year
from ets_console.web import DoneQuery, FormErrors, Look, RecordId, form_of, render
from ets_shared.auth import Role

router = APIRouter()

nav.register(Role.AGENCY, home=lambda p: f"/agency/{p.party_id}", links=[
    nav.Link("nav.agency", lambda p: f"/agency/{p.party_id}"),
])
nav.register(Role.VERIFIER, home=lambda p: "/verifier", links=[
    nav.Link("verifier.nav", lambda p: "/verifier"),
])

YearQuery = Annotated[int | None, Query(ge=2013, le=2100)]
EntityQuery = Annotated[str | None, Query(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")]


@router.get("/agency/{agency_id}")
async def overview(request: Request, look: Look, agency_id: RecordId, year: YearQuery = None) -> Response:
    """The agency's record, its verifiers and certificates, the engagements of the year, its evaluations."""
    look.require_party(agency_id, Role.AGENCY)
    year = year or await platform_year(look.api) - 1  # verification work in Y+1 is for year Y
    agency, engagements, eligibility = await asyncio.gather(
        look.api.get("verifier-oversight", f"/agencies/{agency_id}"),
        look.api.get("verifier-oversight", f"/assignments/{year}", agency_id=agency_id, limit=1000),
        look.api.get("verifier-oversight", f"/agencies/{agency_id}/eligibility/{year}"))
    return render(request, "agency/overview.html", agency=agency, agency_id=agency_id, year=year,
                  engagements=engagements, eligibility=eligibility, values={"year": str(year)})


@router.get("/verifier")
async def verifier_home(request: Request, look: Look, entity_id: EntityQuery = None, compliance_year: YearQuery = None,
                        done: DoneQuery = None) -> Response:
    """Pick an engagement (entity and year) to verify; see whether the verifier may sign for it."""
    principal = look.require(Role.VERIFIER)
    return await _verifier_page(request, look, principal.party_id or "", entity_id, compliance_year, done=done)


async def _verifier_page(request: Request, look: Look, verifier_id: str, entity_id: str | None,
                         year: int | None, *, status: int = 200, errors: FormErrors | None = None,
                         values: dict | None = None, done: DoneQuery = None) -> Response:
    year = year or await platform_year(look.api) - 1
    signing = await look.api.get("verifier-oversight", f"/verifiers/{verifier_id}/eligibility/{year}",
                                 entity_id=entity_id)
    case = None
    if entity_id:
        try:  # readable to the verifier once its verification is filed (M-13); before, the form is shown
            case = await look.api.get("mrv", f"/reports/RPT-{entity_id}-{year}")
        except ApiProblem as problem:
            if problem.status not in (403, 404):
                raise
    values = values or {"entity_id": entity_id or "", "compliance_year": str(year)}
    return render(request, "agency/verifier.html", status=status, verifier_id=verifier_id, signing=signing,
                  entity_id=entity_id, year=year, case=case, source_rows=range(SOURCE_ROWS),
                  errors=errors or FormErrors(), values=values, done=done)


@router.post("/verifier/verifications")
async def file_verification(request: Request, look: Look) -> Response:
    """M-13: file the verification report (verified activity data, findings) for the entity's year."""
    principal = look.require(Role.VERIFIER)
    data = await form_of(request)
    entity_id, year = data.get("entity_id", "").strip(), data.get("compliance_year", "").strip()
    sources = rows(data, "verified_sources", SOURCE_FIELDS, SOURCE_ROWS, required=("quantity",))
    findings = [line.strip() for line in data.get("findings", "").splitlines() if line.strip()]
    body = {"agency_id": data.get("agency_id", ""), "verified_sources": sources, "findings": findings}
    fields = {f"verified_sources[{i}].{n}" for i in range(SOURCE_ROWS) for n in SOURCE_FIELDS} | {
        "verified_sources", "findings", "agency_id", "entity_id", "compliance_year", "report_id"}
    try:
        if not entity_id or not year.isdigit():
            raise ApiProblem(422, {"detail": "name the entity and the year", "field": "entity_id"})
        await look.api.post("mrv", f"/reports/RPT-{entity_id}-{year}/verification", body,
                            idempotency_key=data.get("idempotency_key"))
    except ApiProblem as problem:
        errors = FormErrors.of(problem, fields)
        if "report_id" in errors.by_field:
            errors.by_field.setdefault("entity_id", []).extend(errors.by_field.pop("report_id"))
        return await _verifier_page(request, look, principal.party_id or "", entity_id or None,
                                    int(year) if year.isdigit() and 2013 <= int(year) <= 2100 else None,
                                    status=problem.status, errors=errors,
                                    values=as_values("verified_sources", sources, data))
    return RedirectResponse(f"/verifier?entity_id={entity_id}&compliance_year={year}&done=verified", status_code=303)
