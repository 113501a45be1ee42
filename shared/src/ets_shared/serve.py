"""Run one service as a process: `ets-<service>` (console script) → `serve(build_runtime)`; a service naming companion
events starts its companion process beside it (`ets_shared.companion`) unless `ETS_COMPANION=inline`."""
from __future__ import annotations

import logging
from collections.abc import Callable

import uvicorn

from ets_shared.companion import factory_path
from ets_shared.observability.logs import configure_logging
from ets_shared.runtime import ServiceRuntime


def serve(build_runtime: Callable[[], ServiceRuntime]) -> None:
    runtime = build_runtime()
    if runtime.settings.companion == "process":
        runtime.split_off_companion(factory_path(build_runtime))  # the exchange's settlement beside it
    configure_logging(runtime.definition.name, runtime.settings)  # JSON or text, with the request's/event's ids
    logging.getLogger("ets.runtime").info("serving %s on %s:%d", runtime.definition.name, runtime.settings.host,
                                          runtime.settings.port)
    uvicorn.run(runtime.http, host=runtime.settings.host, port=runtime.settings.port, log_config=None,
                log_level=runtime.settings.log_level.lower(), access_log=False, timeout_graceful_shutdown=10)
