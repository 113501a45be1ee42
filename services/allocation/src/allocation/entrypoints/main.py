"""Process entry point: `ets-allocation` runs the service; `app` / `asyncapi` serve uvicorn and
`faststream docs gen`."""
from __future__ import annotations

from allocation.bootstrap import build_runtime
from ets_shared.serve import serve

runtime = build_runtime()
app = runtime.http
asyncapi = runtime.asyncapi


def run() -> None:
    serve(build_runtime)
