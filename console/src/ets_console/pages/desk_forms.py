"""What the desks' pages (authority, case desk, exchange operations) share: a form that calls one API and either
goes back to its page (303, post/redirect/get) or shows that page again with the API's refusal next to the field
it names (and the article), with what the user typed kept."""
from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from ets_console.api import ApiProblem
from ets_console.web import TEMPLATES, FormErrors

# several forms on one page: each its own Idempotency-Key (a key sent to a second endpoint would be refused)
TEMPLATES.env.globals["new_idempotency_key"] = lambda: str(uuid.uuid4())

Page = Callable[..., Awaitable[Response]]  # re-renders the page: page(status=..., errors=..., values=...)


async def act(call: Awaitable[Any], back_to: str, page: Page, values: dict[str, str], fields: set[str]) -> Response:
    try:
        await call
    except ApiProblem as problem:
        if problem.status in (401, 403, 404, 503):
            raise  # the layout's error pages say it (401: sign in again)
        return await page(status=problem.status, errors=FormErrors.of(problem, fields), values=values)
    return RedirectResponse(back_to, status_code=303)


def idempotency(values: dict[str, str]) -> str | None:
    return values.pop("idempotency_key", None) or None


def query_of(request: Request, *names: str) -> dict[str, str]:
    return {n: request.query_params[n] for n in names if request.query_params.get(n)}
