"""A verification agency's pages and its verifiers' (roles `agency`, `verifier`): assigned reports, filing
verification reports, the agency's score, deductions and grade."""
from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from ets_console.web import Look, render
from ets_shared.auth import Role

router = APIRouter()


@router.get("/agency/{agency_id}")
async def overview(request: Request, look: Look, agency_id: str) -> Response:
    look.require_party(agency_id, Role.AGENCY)
    agency = await look.api.get("verifier-oversight", f"/agencies/{agency_id}")
    return render(request, "agency/overview.html", agency=agency, agency_id=agency_id)
