"""Run one service as a process: `ets-<service>` (console script) → `serve(build_runtime)`."""
from __future__ import annotations

import logging
from collections.abc import Callable

import uvicorn

from ets_shared.runtime import ServiceRuntime


def serve(build_runtime: Callable[[], ServiceRuntime]) -> None:
    runtime = build_runtime()
    logging.basicConfig(level=logging.INFO,
                        format=f"%(asctime)s {runtime.definition.name} %(levelname)s %(name)s: %(message)s")
    uvicorn.run(runtime.http, host=runtime.settings.host, port=runtime.settings.port, log_level="info",
                access_log=False, timeout_graceful_shutdown=10)
