"""The timeline of one compliance case across the five services (roles `authority`, `enforcement_officer`): each
service's `GET /timeline` — the events it published and consumed and its audit records — asked with the user's own
token and merged in order by the shared `ets_shared.observability.timeline.case_timeline` (the same function as
`./ets timeline`); by the case's correlation id, or by an entity and a compliance year."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from ets_console.api import ApiProblem
from ets_console.i18n import translator
from ets_console.web import FormErrors, Look, RecordId, render
from ets_shared.auth import Role
from ets_shared.observability.timeline import CaseTimeline, case_timeline

router = APIRouter(prefix="/desk")
LIMIT = 1000  # entries per service


def _fetcher(look: Look):
    async def fetch(service: str, params: list[tuple[str, str]]) -> dict[str, Any]:
        query: dict[str, Any] = {}
        for name, value in params:  # a repeated name (correlation_id) becomes a list
            query[name] = [*query[name], value] if isinstance(query.get(name), list) else (
                [query[name], value] if name in query else value)
        return await look.api.get(service, "/timeline", **query)

    return fetch


async def _page(request: Request, look: Look, *, correlation_id: str = "", entity_id: str = "",
                year: str = "") -> Response:
    look.require(Role.AUTHORITY, Role.ENFORCEMENT_OFFICER)
    timeline: CaseTimeline | None = None
    errors = FormErrors()
    try:
        if correlation_id:
            timeline = await case_timeline(_fetcher(look), correlation_id=correlation_id, limit=LIMIT)
        elif entity_id and year.isdigit() and len(year) == 4:
            timeline = await case_timeline(_fetcher(look), entity_id=entity_id, year=int(year), limit=LIMIT)
        elif entity_id or year:
            t = translator(look.lang)
            errors = FormErrors(by_field={"year": [t("desk.timeline.need_year")]} if entity_id
                                else {"entity_id": [t("desk.timeline.need_entity")]})
    except ApiProblem as problem:
        if problem.status in (401, 403):
            raise
        errors = FormErrors.of(problem, {"correlation_id", "entity_id", "year"})
    return render(request, "desk/timeline.html", status=422 if errors else 200, timeline=timeline,
                  errors=errors, values={"correlation_id": correlation_id, "entity_id": entity_id, "year": year})


@router.get("/timeline")
async def search(request: Request, look: Look) -> Response:
    q = request.query_params
    return await _page(request, look, correlation_id=q.get("correlation_id", "").strip()[:100],
                       entity_id=q.get("entity_id", "").strip()[:64], year=q.get("year", "").strip()[:4])


@router.get("/timeline/{correlation_id}")
async def timeline(request: Request, look: Look, correlation_id: RecordId) -> Response:
    return await _page(request, look, correlation_id=correlation_id[:100])
