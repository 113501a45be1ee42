"""Process entry point, one factory for everything that runs the service (nothing is built at import):
`ets-verifier-oversight` → `run()`; `uvicorn --factory verifier_oversight.entrypoints.main:app` serves the HTTP API;
`faststream docs gen --factory verifier_oversight.entrypoints.main:asyncapi`
(and `./ets asyncapi`) writes its event contracts."""
from __future__ import annotations

from fastapi import FastAPI
from faststream import FastStream

from verifier_oversight.bootstrap import build_runtime
from ets_shared.serve import serve


def app() -> FastAPI:
    """The HTTP API of a runtime built for it (an ASGI app factory)."""
    return build_runtime().http


def asyncapi() -> FastStream:
    """The AsyncAPI application of a runtime built for it: the events this service publishes and consumes."""
    return build_runtime().asyncapi


def run() -> None:
    serve(build_runtime)
