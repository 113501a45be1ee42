"""`ets-console`: serve the console with uvicorn on ETS_CONSOLE_PORT (8100)."""
from __future__ import annotations

import logging

import uvicorn

from ets_console.app import create_app
from ets_console.settings import ConsoleSettings


def run() -> None:
    settings = ConsoleSettings()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s console %(levelname)s %(name)s: %(message)s")
    uvicorn.run(create_app(settings), host=settings.host, port=settings.console_port, log_level="info",
                access_log=False, timeout_graceful_shutdown=10)
