"""RFC 9457 problem details for every error a service returns.

`type` is a stable URN per kind of problem (`urn:ets:problem:<code>`); validation problems (422) list every bad
field in `invalid_params` ({"name": "body.amount", "reason": ...}) and name the first in `detail`.
"""
from __future__ import annotations

import decimal
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from ets_shared.errors import DomainError

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("ets.http")


def problem(status: int, code: str, title: str, detail: str, **extra: Any) -> JSONResponse:
    body = {"type": f"urn:ets:problem:{code}", "title": title, "status": status, "detail": detail}
    body.update({k: v for k, v in extra.items() if v is not None})
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _field_name(loc: tuple) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts[-1:] = [f"{parts[-1]}[{item}]"] if parts else [f"[{item}]"]
        else:
            parts.append(str(item))
    return ".".join(parts)


async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
    params = [{"name": _field_name(tuple(e["loc"])), "reason": e["msg"]} for e in exc.errors()]
    first = params[0]["name"] if params else "request"
    return problem(422, "validation-error", "The request is not valid",
                   f"invalid field '{first}': {params[0]['reason'] if params else ''}".strip(),
                   field=first if params else None, invalid_params=params)


async def _domain(_: Request, exc: DomainError) -> JSONResponse:
    params = [{"name": exc.field, "reason": exc.detail}] if exc.field else None
    return problem(exc.status, exc.code, exc.title, exc.detail, field=exc.field, article=exc.article,
                   invalid_params=params)


async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
    return problem(exc.status_code, f"http-{exc.status_code}", str(exc.detail), str(exc.detail))


async def _out_of_range(request: Request, exc: Exception) -> JSONResponse:
    """A safety net behind the bounds of `ets_shared.bounds` and the input guard: arithmetic or a database that
    cannot hold a value the request brought is the request's fault (422), not the service's (nothing was changed:
    the transaction rolled back)."""
    log.warning("out-of-range input on %s %s: %r", request.method, request.url.path, exc)
    return problem(422, "out-of-range", "A value in the request is out of range",
                   f"a value in the request is out of the range this service can hold ({type(exc).__name__})",
                   field="request")


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem(500, "internal-error", "Internal error", "The service failed; the error was logged.")


def install_problem_handlers(app: FastAPI) -> None:
    # FastAPI's decorator form: Starlette's `add_exception_handler` types every handler as taking `Exception`.
    app.exception_handler(RequestValidationError)(_validation)
    app.exception_handler(DomainError)(_domain)
    app.exception_handler(StarletteHTTPException)(_http)
    for kind in (OverflowError, decimal.InvalidOperation, decimal.Overflow, DataError):
        app.add_exception_handler(kind, _out_of_range)
    app.add_exception_handler(Exception, _unexpected)
