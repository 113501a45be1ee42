"""The platform as separate processes (the same launcher as `ets up`) on free ports, against a real bundled
nats-server; SQLite by default, a fresh PostgreSQL database per service when ETS_TEST_POSTGRES_URL is set."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

import pytest

from ets_cli.client import PlatformClient
from ets_cli.platform import SERVICES, Platform
from ets_shared.nats_process import free_port
from ets_shared.testing.databases import PostgresServer


@contextmanager
def started_platform(tmp_path_factory, **extra_env: str) -> Iterator[Platform]:
    """The five services and a bundled nats-server on free ports, with these settings besides the tests' own."""
    with ExitStack() as stack:
        urls = {}
        if os.environ.get("ETS_TEST_POSTGRES_URL"):
            server = PostgresServer(os.environ["ETS_TEST_POSTGRES_URL"])
            urls = {s: stack.enter_context(server.database(s)) for s in SERVICES}
        platform = Platform(tmp_path_factory.mktemp("platform"), nats_port=free_port(),
                            ports={s: free_port() for s in SERVICES}, database_urls=urls,
                            extra_env={"ETS_OUTBOX_POLL_SECONDS": "0.2", "ETS_MAX_DELIVERIES": "3", **extra_env})
        stack.callback(platform.stop)
        platform.start(timeout=120)
        yield platform


@pytest.fixture(scope="session")
def platform_with():
    return started_platform


@pytest.fixture(scope="module")
def platform(tmp_path_factory):
    with started_platform(tmp_path_factory) as platform:
        yield platform


@pytest.fixture
async def client(platform):
    async with PlatformClient(urls={s: platform.url(s) for s in SERVICES}, jwt_secret=platform.jwt_secret,
                              nats_url=platform.effective_nats_url,
                              nats_options=platform.nats_options("calendar")) as c:
        yield c
