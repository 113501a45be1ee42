"""The enforcement office's case desk (roles `enforcement_officer`, `authority`): the cases (M-37 to M-42) filtered by
status, article, party and year; one case with its order, fine, measures, proposals and steps; and the officer's
acts through enforcement's API — an order with its deadline, a fine (refused outside the article's range, the
reason and article shown next to the amount), M-40 measures, the decision served and the fine paid — each proposal
approved or rejected by a second person (four eyes, M-43: the API refuses the proposer's own approval)."""
from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Request
from starlette.responses import Response

from ets_console import nav
from ets_console.pages.desk_forms import act, idempotency, query_of
from ets_console.web import FormErrors, Look, RecordId, form_of, render
from ets_shared.auth import Role

router = APIRouter(prefix="/desk")
DESK = (Role.ENFORCEMENT_OFFICER, Role.AUTHORITY)
MEASURES = ("credit_record", "special_fund_ineligible", "award_ineligible", "project_assessment_refused")
Act = Literal["order", "penalty", "decline", "measures", "notification", "payment"]
DecisionNo = Annotated[int, Path(ge=1, le=10_000)]
SERVICE_METHODS = ("electronic", "in_person", "post", "public_notice")
nav.register(Role.ENFORCEMENT_OFFICER, home=lambda _: "/desk/cases", links=[
    nav.Link("desk.cases.title", lambda _: "/desk/cases"),
    nav.Link("desk.timeline.nav", lambda _: "/desk/timeline"),
    nav.Link("authority.dead_letters.title", lambda _: "/authority/dead-letters"),
])

# the officer's acts: form fields → enforcement's request body
ACTS: dict[str, tuple[str, Any]] = {
    "order": ("order", lambda f, _: {"deadline": f.get("deadline") or None}),
    "penalty": ("penalty", lambda f, _: {"amount": f.get("amount", ""), "reasons": f.get("reasons", "")}),
    "decline": ("penalty/decline", lambda f, _: {"reasons": f.get("reasons", "")}),
    "measures": ("measures", lambda f, m: {"measures": m, "reasons": f.get("reasons", "")}),
    "notification": ("penalty/notification", lambda f, _: {"served_on": f.get("served_on", ""),
                                                           "method": f.get("method", "")}),
    "payment": ("payment", lambda f, _: {"amount": f.get("amount", "")}),
}


@router.get("/cases")
async def cases(request: Request, look: Look) -> Response:
    look.require(*DESK)
    filters = query_of(request, "status", "article", "party_id", "compliance_year")
    found = await look.api.get("enforcement", "/cases", limit=200, **filters)
    return render(request, "desk/cases.html", cases=found, filters=filters)


async def case_page(request: Request, look: Look, case_id: str, *, status: int = 200, errors: FormErrors | None = None,
                    values: dict | None = None, form: str | None = None) -> Response:
    case = await look.api.get("enforcement", f"/cases/{case_id}")
    return render(request, "desk/case.html", status=status, case=case, errors=errors or FormErrors(),
                  values=values or {}, form=form, measures=MEASURES, methods=SERVICE_METHODS)


@router.get("/cases/{case_id}")
async def case(request: Request, look: Look, case_id: RecordId) -> Response:
    look.require(*DESK)
    return await case_page(request, look, case_id)


@router.post("/cases/{case_id}/acts/{kind}")
async def case_act(request: Request, look: Look, case_id: RecordId, kind: Act) -> Response:
    look.require(Role.ENFORCEMENT_OFFICER, *(() if kind != "measures" else (Role.AUTHORITY,)))
    values = await form_of(request)
    key = idempotency(values)
    chosen = [m for m in (await request.form()).getlist("measures") if m in MEASURES]
    path, body = ACTS[kind]
    call = look.api.post("enforcement", f"/cases/{case_id}/{path}", body(values, chosen), idempotency_key=key)

    async def again(**context: Any) -> Response:
        return await case_page(request, look, case_id, form=kind, **context)

    return await act(call, f"/desk/cases/{case_id}", again, values,
                     {"deadline", "amount", "reasons", "measures", "served_on", "method"})


@router.post("/cases/{case_id}/decisions/{no}/{verdict}")
async def review(request: Request, look: Look, case_id: RecordId, no: DecisionNo,
                 verdict: Literal["approval", "rejection"]) -> Response:
    look.require(*DESK)
    values = await form_of(request)
    key = idempotency(values)
    call = look.api.post("enforcement", f"/cases/{case_id}/decisions/{no}/{verdict}",
                         {"reasons": values.get("reasons", "")}, idempotency_key=key)

    async def again(**context: Any) -> Response:
        return await case_page(request, look, case_id, form=f"review-{no}", **context)

    return await act(call, f"/desk/cases/{case_id}", again, values, {"reasons"})
