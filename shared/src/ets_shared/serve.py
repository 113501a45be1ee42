"""Run one service as a process: `ets-<service>` (console script) → `serve(build_runtime)`.

Before it serves, the process's startup heap (modules, classes, schemas, mappers, the runtime: ~200,000 objects) is
frozen (`gc.freeze`): the cyclic garbage collector's full collections no longer walk it again and again. Under load
one ran every thousand requests or so and walked it all (~150 ms each on a slow host): ~20 % of allocation's CPU
per surrender (issue 10). Frozen objects are still freed by reference counting; only the collector skips them.
"""
from __future__ import annotations

import gc
import logging
from collections.abc import Callable

import uvicorn

from ets_shared.observability.logs import configure_logging
from ets_shared.runtime import ServiceRuntime


def serve(build_runtime: Callable[[], ServiceRuntime]) -> None:
    runtime = build_runtime()
    configure_logging(runtime.definition.name, runtime.settings)  # JSON or text, with the request's/event's ids
    logging.getLogger("ets.runtime").info("serving %s on %s:%d", runtime.definition.name, runtime.settings.host,
                                          runtime.settings.port)
    freeze_startup_heap()
    uvicorn.run(runtime.http, host=runtime.settings.host, port=runtime.settings.port, log_config=None,
                log_level=runtime.settings.log_level.lower(), access_log=False, timeout_graceful_shutdown=10)


def freeze_startup_heap() -> None:
    """Collect what startup left unreachable, then move every surviving object out of the collector's way."""
    gc.collect()
    gc.freeze()
