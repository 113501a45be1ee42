"""A covered entity's own pages (role `entity`, its own party id only): obligations and deadlines, holdings,
monitoring plan and emission reports, objections, surrenders, orders and trades, and its cases."""
from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from ets_console.web import Look, render
from ets_shared.auth import Role

router = APIRouter(prefix="/entity/{entity_id}")


@router.get("")
async def overview(request: Request, look: Look, entity_id: str) -> Response:
    look.require_party(entity_id, Role.ENTITY)
    entity = await look.api.get("allocation", f"/entities/{entity_id}")
    return render(request, "entity/overview.html", entity=entity, entity_id=entity_id)
