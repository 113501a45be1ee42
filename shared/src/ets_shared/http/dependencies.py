"""FastAPI dependencies shared by every service's routers: the runtime, the caller, role checks, a unit of work.

    @router.post("/things")
    def create(cmd: ThingCreate, caller: Caller, uow: Uow) -> ThingPublic: ...  # Uow: the service's own, typed

`require(Role.AUTHORITY, ...)` refuses other roles with 403 problem+json before the handler runs. The dependencies
are `async def`: they do no I/O, and FastAPI would otherwise run each in the thread pool, a thread hop apiece.
"""
from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPBearer
from sqlalchemy.orm import Session

from ets_shared.auth import Principal, Role, Unauthenticated, decode_token, known_principal
from ets_shared.envelope import MessageContext
from ets_shared.errors import Forbidden
from ets_shared.unit_of_work import SqlUnitOfWork

async def get_runtime(request: Request) -> Any:
    return request.app.state.runtime


class BearerPrincipal(HTTPBearer):
    """The caller, from the request's bearer token (`decode_token`; 401 problem+json without a valid one) — one
    dependency that is also the OpenAPI security scheme, so a request resolves one dependency for its caller, not
    the scheme's credentials model and then the principal."""

    async def __call__(self, request: Request) -> Principal:  # type: ignore[override]
        scheme, _, token = (request.headers.get("authorization") or "").partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise Unauthenticated("this endpoint needs a bearer token")
        settings = request.app.state.runtime.settings
        if settings.jwks_url:  # a token verified before needs no key; else the set may need fetching: off the loop
            known = known_principal(settings, token)
            return known if known is not None else await asyncio.to_thread(decode_token, settings, token)
        return decode_token(settings, token)


get_principal = BearerPrincipal(
    auto_error=False, scheme_name="HTTPBearer",
    description="JWT of the identity provider (RS256/ES256, verified with its key set); the embedded platform "
                "signs HS256 with its shared secret (`./ets token`)")


Caller = Annotated[Principal, Depends(get_principal)]


def require(*roles: Role) -> Callable[[Principal], Awaitable[Principal]]:
    allowed = ", ".join(r.value for r in roles)

    async def check(principal: Caller) -> Principal:
        if principal.role not in roles:
            raise Forbidden(f"role '{principal.role.value}' may not do this; allowed: {allowed}")
        return principal

    return check


def context_for(request: Request, principal: Principal) -> MessageContext:
    return MessageContext(correlation_id=request.state.correlation_id, causation_id=None, actor=principal.actor)


async def get_uow(request: Request, principal: Caller) -> SqlUnitOfWork:
    """A fresh (not yet entered) unit of work acting for the caller; use it as `with uow: ...`. Each service types
    it as its own in `<package>/entrypoints/dependencies.py`:
    `Uow = Annotated[<Service>UnitOfWork, Depends(get_uow)]`."""
    return request.app.state.runtime.uow(context_for(request, principal))


def get_read_session(request: Request) -> Iterator[Session]:
    with request.app.state.runtime.read_session_factory() as session:
        yield session


ReadSession = Annotated[Session, Depends(get_read_session)]
