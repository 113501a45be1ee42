"""The platform (five services, NATS, and the console as its own process — as `ets up` runs it) on free ports,
SQLite by default, PostgreSQL when ETS_TEST_POSTGRES_URL is set: the shared plugin's `platform` and `client`
(`ets_shared.testing.platform`), with the console."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def platform_console() -> bool:
    return True
