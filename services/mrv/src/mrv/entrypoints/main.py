"""Process entry point: `ets-mrv` runs the service; `app` / `asyncapi` serve uvicorn and `faststream docs gen`."""
from __future__ import annotations

from ets_shared.serve import serve
from mrv.bootstrap import build_runtime

runtime = build_runtime()
app = runtime.http
asyncapi = runtime.asyncapi


def run() -> None:
    serve(build_runtime)
