"""Run one service as a process: `ets-<service>` (console script) → `serve(build_runtime)`; a service naming companion
events starts its companion process beside it (`ets_shared.companion`) unless `ETS_COMPANION=inline`.

Both processes shorten Python's switch interval (`ETS_SWITCH_INTERVAL_MS`, 0.5 ms; Python's own is 5): a process's
event loop (receiving requests, sending answers) and its writer threads (the exchange's sequencer, a consumer's
batch) share one interpreter lock, and a thread that wants it waits until the holder's interval runs out. Alternated
at 5,000 orders/s on 2 cores (issue 5's eighth pass, README): ack p99 lower in six pairs of eight, p50 in seven."""
from __future__ import annotations

import logging
import sys
from collections.abc import Callable

import uvicorn

from ets_shared.companion import factory_path
from ets_shared.observability.logs import configure_logging
from ets_shared.runtime import ServiceRuntime


def serve(build_runtime: Callable[[], ServiceRuntime]) -> None:
    runtime = build_runtime()
    sys.setswitchinterval(runtime.settings.switch_interval_ms / 1000)  # `PlatformSettings.switch_interval_ms`
    if runtime.settings.companion == "process":
        runtime.split_off_companion(factory_path(build_runtime))  # the exchange's settlement beside it
    configure_logging(runtime.definition.name, runtime.settings)  # JSON or text, with the request's/event's ids
    logging.getLogger("ets.runtime").info("serving %s on %s:%d", runtime.definition.name, runtime.settings.host,
                                          runtime.settings.port)
    uvicorn.run(runtime.http, host=runtime.settings.host, port=runtime.settings.port, log_config=None,
                log_level=runtime.settings.log_level.lower(), access_log=False, timeout_graceful_shutdown=10)
