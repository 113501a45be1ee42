"""The whole platform for a test, as `ets up` runs it: the five services (and, when asked, the web console) as
separate processes on free ports, with a bundled nats-server; SQLite by default, a fresh PostgreSQL database per
service when ETS_TEST_POSTGRES_URL is set. The end-to-end, console and browser tests all start it from here
(fixtures `platform`, `platform_with` and `client` of `ets_shared.testing.plugin`)."""
from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from contextlib import ExitStack, asynccontextmanager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ets_shared.nats_process import PortInUse, free_port
from ets_shared.testing.databases import PostgresServer

if TYPE_CHECKING:
    from ets_cli.client import PlatformClient
    from ets_cli.platform import Platform

PORT_ATTEMPTS = 3  # a platform whose picked port was taken before it started gets new ports this often

#: what the tests change of a platform's defaults: a quicker outbox relay, dead letters after three attempts
TEST_ENV = {"ETS_OUTBOX_POLL_SECONDS": "0.2", "ETS_MAX_DELIVERIES": "3"}


@contextmanager
def started_platform(directory: Path, *, console: bool = False, **extra_env: str) -> Iterator[Platform]:
    """The platform in `directory`, with these settings besides the tests' own; stopped on leaving."""
    from ets_cli.platform import SERVICES, Platform  # the launcher of `ets up` (ets-cli[platform])

    with ExitStack() as stack:
        urls = {}
        if os.environ.get("ETS_TEST_POSTGRES_URL"):
            server = PostgresServer(os.environ["ETS_TEST_POSTGRES_URL"])
            urls = {s: stack.enter_context(server.database(s)) for s in SERVICES}
        for attempt in range(1, PORT_ATTEMPTS + 1):
            platform = Platform(directory, nats_port=free_port(), ports={s: free_port() for s in SERVICES},
                                database_urls=urls, console_port=free_port() if console else None,
                                extra_env={**TEST_ENV, **extra_env})
            try:
                platform.start(timeout=120)  # stops what it started when it fails
            except PortInUse:  # taken since it was picked (by another test's server): new ports, from scratch
                if attempt == PORT_ATTEMPTS:
                    raise
                continue
            break
        stack.callback(platform.stop)
        yield platform


@asynccontextmanager
async def platform_client(platform: Platform) -> AsyncIterator[PlatformClient]:
    """A client of every service of `platform` (tokens signed with its secret; ticks published as the calendar)."""
    from ets_cli.client import PlatformClient
    from ets_cli.platform import SERVICES

    async with PlatformClient(urls={s: platform.url(s) for s in SERVICES}, jwt_secret=platform.jwt_secret,
                              nats_url=platform.effective_nats_url,
                              nats_options=platform.nats_options("calendar")) as client:
        yield client
