"""One request header read straight from the ASGI scope, for the platform's middlewares.

`starlette.datastructures.Headers(scope=scope).get(name)` copies the header list and, for a header the request
does not carry (most requests carry no `X-Correlation-Id` or `Idempotency-Key`), raises and catches a `KeyError`
— a cost every request paid in each layer (issue 10). Same answer: the first value of that name, latin-1 decoded
(ASGI servers give header names in lower case)."""
from __future__ import annotations

from starlette.types import Scope


def header(scope: Scope, name: bytes, default: str = "") -> str:
    """The first value of the lower-case header `name` in the request, or `default` when it has none."""
    for key, value in scope["headers"]:
        if key == name:
            return value.decode("latin-1")
    return default
