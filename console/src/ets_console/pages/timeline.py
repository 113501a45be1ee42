"""The timeline of one compliance case across the five services (roles `authority`, `enforcement_officer`): every
audit record each service keeps under the case's correlation id (`GET /audit?correlation_id=`), merged in time
order — the report, its verification and determination in mrv, the obligation and surrenders in allocation, the
agency's side in verifier-oversight, trades in the exchange, the penalty case in enforcement."""
from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from ets_console.api import ApiProblem
from ets_console.web import Look, render
from ets_shared.auth import Role

router = APIRouter(prefix="/desk")
SERVICES = ("allocation", "mrv", "verifier-oversight", "exchange", "enforcement")
PER_SERVICE = 500


async def merged(look: Look, correlation_id: str) -> tuple[list[dict], list[str]]:
    """(records of every service in time order, the services that did not answer with why)."""
    records: list[dict] = []
    unreachable: list[str] = []
    for service in SERVICES:
        try:
            found = await look.api.get(service, "/audit", correlation_id=correlation_id, limit=PER_SERVICE)
        except ApiProblem as problem:
            if problem.status in (401, 403):
                raise
            unreachable.append(f"{service}: {problem.detail}")
            continue
        records += [{**r, "service": service} for r in found]
    records.sort(key=lambda r: (r["at"], r["service"], r["id"]))
    return records, unreachable


@router.get("/timeline")
async def search(request: Request, look: Look) -> Response:
    look.require(Role.AUTHORITY, Role.ENFORCEMENT_OFFICER)
    correlation_id = request.query_params.get("correlation_id", "").strip()[:200]
    records, unreachable = await merged(look, correlation_id) if correlation_id else ([], [])
    return render(request, "desk/timeline.html", correlation_id=correlation_id, records=records,
                  unreachable=unreachable)


@router.get("/timeline/{correlation_id:path}")
async def timeline(request: Request, look: Look, correlation_id: str) -> Response:
    look.require(Role.AUTHORITY, Role.ENFORCEMENT_OFFICER)
    records, unreachable = await merged(look, correlation_id[:200])
    return render(request, "desk/timeline.html", correlation_id=correlation_id, records=records,
                  unreachable=unreachable)
