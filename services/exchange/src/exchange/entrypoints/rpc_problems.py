"""The answers of the members' NATS order gateway to a refused request or order: the status and problem+json the
HTTP API would have answered (422 naming the field, the article for a rule)."""
from __future__ import annotations

import json
import logging
from typing import Any

from pydantic import ValidationError

from ets_shared.errors import DomainError

log = logging.getLogger("ets.exchange.rpc")


def problem(status: int, code: str, title: str, detail: str, **extra: Any) -> tuple[int, bytes]:
    body = {"type": f"urn:ets:problem:{code}", "title": title, "status": status, "detail": detail}
    body.update({k: v for k, v in extra.items() if v is not None})
    return status, json.dumps(body).encode()


def refusal(error: Exception, within: str = "") -> tuple[int, bytes]:
    """The (status, problem+json) that answers a refused request or order: what the HTTP API would answer. `within`:
    where the order stands in its request (`orders.3` of a mass order), put before the fields a 422 names."""
    if isinstance(error, ValidationError):
        errors = error.errors()
        before = [within] if within else []
        params = [{"name": ".".join([*before, *(str(p) for p in e["loc"])]) or "request", "reason": e["msg"]}
                  for e in errors]
        first = params[0]["name"] if params else "request"
        return problem(422, "validation-error", "The request is not valid",
                       f"invalid field '{first}': {params[0]['reason'] if params else ''}", field=first,
                       invalid_params=params)
    if isinstance(error, DomainError):
        field = f"{within}.{error.field}" if within and error.field else error.field
        named = [{"name": field, "reason": error.detail}] if field else None
        return problem(error.status, error.code, error.title, error.detail, field=field,
                       article=error.article, invalid_params=named)
    log.error("order request failed", exc_info=error)  # the requester gets an answer, the error goes to the log
    return problem(500, "internal-error", "Internal error", "The service failed; the error was logged.")
