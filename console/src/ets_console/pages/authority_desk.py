"""The authority's desk (role `authority`; the enforcement office reads the dead letters too): the determination
queue with its deadlines and triggers and determination in bulk or one by one with the authority's own figure and
basis (M-15, M-43), the year's allocation plan with approval and issuance (M-6..M-8), the verification agencies'
evaluations, inspection draws and inspections (V, 2021 rules), and every service's dead letters with replay."""
from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from fastapi import APIRouter, Path, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from ets_console.api import ApiProblem
from ets_console.i18n import translator
from ets_console import nav
from ets_console.pages.desk_forms import act, idempotency, query_of
from ets_console.web import FormErrors, Look, RecordId, YearPath, form_of, render
from ets_shared.auth import Role

router = APIRouter(prefix="/authority")
Service = Literal["allocation", "mrv", "verifier-oversight", "exchange", "enforcement"]
SERVICES: tuple[str, ...] = get_args(Service)
DeadLetterNo = Annotated[int, Path(ge=1, le=2**62)]
nav.register(Role.AUTHORITY, home=lambda _: "/authority/determinations", links=[
    nav.Link("authority.determinations.title", lambda _: "/authority/determinations"),
    nav.Link("authority.plan.title", lambda _: "/authority/plans"),
    nav.Link("authority.oversight.title", lambda _: "/authority/oversight"),
    nav.Link("desk.cases.title", lambda _: "/desk/cases"),
    nav.Link("desk.timeline.nav", lambda _: "/desk/timeline"),
    nav.Link("authority.dead_letters.title", lambda _: "/authority/dead-letters"),
])


def _year(request: Request) -> str | None:
    year = request.query_params.get("compliance_year", "")
    return year if year.isdigit() and len(year) == 4 else None


# the determination queue (M-15) ---------------------------------------------------------------------------------
async def queue_page(request: Request, look: Look, *, status: int = 200, errors: FormErrors | None = None,
                     values: dict | None = None, form: str | None = None) -> Response:
    filters = query_of(request, "compliance_year", "awaiting", "trigger", "overdue")
    items = await look.api.get("mrv", "/determination-queue", limit=500, **filters)
    return render(request, "authority/determinations.html", status=status, items=items, filters=filters,
                  errors=errors or FormErrors(), values=values or {}, form=form)


@router.get("/determinations")
async def determinations(request: Request, look: Look) -> Response:
    look.require(Role.AUTHORITY)
    return await queue_page(request, look)


@router.post("/determinations/bulk")
async def determine_bulk(request: Request, look: Look) -> Response:
    """The ticked verified cases, determined at their verified figures in one request; each may be refused alone."""
    look.require(Role.AUTHORITY)
    values = await form_of(request)
    chosen = [r for r in (await request.form()).getlist("report_id") if isinstance(r, str) and r][:10_000]
    back = "/authority/determinations" + (f"?{request.url.query}" if request.url.query else "")
    if not chosen:
        return await queue_page(request, look, status=422, form="bulk", values=values,
                                errors=FormErrors(by_field={"report_id": [_t(look, "determine.none_chosen")]}))
    try:
        results = await look.api.post("mrv", "/determinations/bulk", {"items": [{"report_id": r} for r in chosen]},
                                      idempotency_key=idempotency(values))
    except ApiProblem as problem:
        return await queue_page(request, look, status=problem.status, form="bulk", values=values,
                                errors=FormErrors.of(problem, {"report_id"}))
    refused = [r for r in results if r["status"] != "determined"]
    if refused:
        general = [f"{r['report_id']}: {r['problem'].get('detail')}"
                   + (f" ({r['problem']['article']})" if r["problem"].get("article") else "") for r in refused]
        return await queue_page(request, look, status=422, form="bulk", values=values,
                                errors=FormErrors(general=general))
    return RedirectResponse(back, status_code=303)


@router.post("/determinations/{report_id}")
async def determine_one(request: Request, look: Look, report_id: RecordId) -> Response:
    """One case with the authority's own figure: after a re-check, or for an entity found without a report or a
    verification (M-15), with the reasons or the basis it rests on."""
    look.require(Role.AUTHORITY)
    values = await form_of(request)
    body: dict[str, Any] = {"reason": values.get("reason") or None}
    body["emissions"] = values.get("emissions") or None
    call = look.api.post("mrv", f"/reports/{report_id}/determination", body, idempotency_key=idempotency(values))

    async def again(**context: Any) -> Response:
        return await queue_page(request, look, form=f"one-{report_id}", **context)

    return await act(call, "/authority/determinations", again, values, {"emissions", "reason"})


def _t(look: Look, key: str) -> str:
    return translator(look.lang)(key)


# the allocation plan and issuance (M-6..M-8) --------------------------------------------------------------------
async def plan_page(request: Request, look: Look, year: int, *, status: int = 200,
                    errors: FormErrors | None = None, form: str | None = None) -> Response:
    try:
        plan = await look.api.get("allocation", f"/plans/{year}")
        entries = await look.api.get("allocation", f"/plans/{year}/entries")
    except ApiProblem as problem:
        if problem.status != 404:
            raise
        plan, entries = None, []
    return render(request, "authority/plan.html", status=status, year=year, plan=plan, entries=entries,
                  errors=errors or FormErrors(), form=form)


@router.get("/plans")
async def plans(request: Request, look: Look) -> Response:
    look.require(Role.AUTHORITY)
    year = _year(request)
    if year is None:
        return render(request, "authority/plan.html", year=None, plan=None, entries=[])
    return await plan_page(request, look, int(year))


@router.post("/plans/{year}/{step}")
async def plan_step(request: Request, look: Look, year: YearPath,
                    step: Literal["approval", "issuance"]) -> Response:
    look.require(Role.AUTHORITY)
    values = await form_of(request)
    path = step
    call = look.api.post("allocation", f"/plans/{year}/{path}", idempotency_key=idempotency(values))

    async def again(**context: Any) -> Response:
        context.pop("values", None)
        return await plan_page(request, look, year, form=path, **context)

    return await act(call, f"/authority/plans?compliance_year={year}", again, values, set())


# verifier oversight: evaluations, draws, inspections (V) --------------------------------------------------------
@router.get("/oversight")
async def oversight(request: Request, look: Look) -> Response:
    look.require(Role.AUTHORITY)
    year = _year(request)
    evaluations = draws = inspections = []
    if year is not None:
        evaluations = await look.api.get("verifier-oversight", "/evaluations", compliance_year=year)
        draws = await look.api.get("verifier-oversight", "/inspection-draws", compliance_year=year)
        inspections = await look.api.get("verifier-oversight", "/inspections", compliance_year=year)
    return render(request, "authority/oversight.html", year=year, evaluations=evaluations, draws=draws,
                  inspections=inspections)


# dead letters with replay ---------------------------------------------------------------------------------------
async def dead_letters_page(request: Request, look: Look, *, status: int = 200, errors: FormErrors | None = None,
                            form: str | None = None) -> Response:
    letters, unreachable = [], []
    for service in SERVICES:
        try:
            letters += [{**d, "service": service} for d in await look.api.get(service, "/dead-letters", limit=100)]
        except ApiProblem as problem:
            if problem.status in (401, 403):
                raise
            unreachable.append(f"{service}: {problem.detail}")
    letters.sort(key=lambda d: d["dead_at"], reverse=True)
    return render(request, "authority/dead_letters.html", status=status, letters=letters, unreachable=unreachable,
                  errors=errors or FormErrors(), form=form)


@router.get("/dead-letters")
async def dead_letters(request: Request, look: Look) -> Response:
    look.require(Role.AUTHORITY, Role.ENFORCEMENT_OFFICER)
    return await dead_letters_page(request, look)


@router.post("/dead-letters/{service}/{dead_letter_id}/replay")
async def replay(request: Request, look: Look, service: Service,
                 dead_letter_id: DeadLetterNo) -> Response:
    look.require(Role.AUTHORITY)
    values = await form_of(request)
    call = look.api.post(service, f"/dead-letters/{dead_letter_id}/replay", idempotency_key=idempotency(values))

    async def again(**context: Any) -> Response:
        context.pop("values", None)
        return await dead_letters_page(request, look, form=f"{service}-{dead_letter_id}", **context)

    return await act(call, "/authority/dead-letters", again, values, set())
