"""The platform (five services, NATS, and the console as its own process — as `ets up` runs it) on free ports,
SQLite by default, PostgreSQL when ETS_TEST_POSTGRES_URL is set."""
from __future__ import annotations

import os
from contextlib import ExitStack

import pytest

from ets_cli.client import PlatformClient
from ets_cli.platform import SERVICES, Platform
from ets_shared.nats_process import free_port
from ets_shared.testing.databases import PostgresServer


@pytest.fixture(scope="module")
def platform(tmp_path_factory):
    with ExitStack() as stack:
        urls = {}
        if os.environ.get("ETS_TEST_POSTGRES_URL"):
            server = PostgresServer(os.environ["ETS_TEST_POSTGRES_URL"])
            urls = {s: stack.enter_context(server.database(s)) for s in SERVICES}
        platform = Platform(tmp_path_factory.mktemp("platform"), nats_port=free_port(),
                            ports={s: free_port() for s in SERVICES}, database_urls=urls, console_port=free_port(),
                            extra_env={"ETS_OUTBOX_POLL_SECONDS": "0.2", "ETS_MAX_DELIVERIES": "3"})
        stack.callback(platform.stop)
        platform.start(timeout=120)
        yield platform


@pytest.fixture
async def client(platform):
    async with PlatformClient(urls={s: platform.url(s) for s in SERVICES}, jwt_secret=platform.jwt_secret,
                              nats_url=platform.effective_nats_url,
                              nats_options=platform.nats_options("calendar")) as c:
        yield c
