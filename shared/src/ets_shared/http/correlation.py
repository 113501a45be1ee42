"""`X-Correlation-Id`: taken from the request (or made up) and echoed on the response; events caused by the
request carry it, so a case can be followed from the first HTTP call through every service.

`ets_shared.observability.middleware` (the outermost of the platform's middlewares) takes it with `take` before
anything else runs and echoes it with `echo` as the response starts — one layer and one wrapper of `send` for both
(issue 10: each layer's wrappers cost every request)."""
from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import Message, Scope

from ets_shared.http.raw_headers import header
from ets_shared.ids import ordered_uuid

HEADER = "x-correlation-id"
_RAW = HEADER.encode()


def take(scope: Scope) -> str:
    """The request's correlation id (at most 100 characters; a new one if none is given), kept in its state."""
    given = header(scope, _RAW)
    correlation_id = given[:100] if given.strip() else str(ordered_uuid())
    scope.setdefault("state", {})["correlation_id"] = correlation_id
    return correlation_id


def echo(message: Message, correlation_id: str) -> None:
    """Put the correlation id on a starting response."""
    MutableHeaders(scope=message)[HEADER] = correlation_id
