"""Fixtures (auto-loaded through the `pytest11` entry point of ets-shared):

- `nats_url`: a real bundled `nats-server` with JetStream on a free port, fresh for each test (it starts in
  about 0.1 s; a fresh server means no durable consumer or stream carries state from one test into another). It
  has the platform's NATS users and permissions (`messaging.nats_auth`, keys in `nats_keys_dir`): the services
  connect with their own keys and are held to their permissions; a connection without credentials is the test
  `harness`, which may publish anything, so a test can play the other services. `strict_nats_server` has no
  harness: a connection without credentials is refused, as on the embedded and production platforms.
- `database_backend`: parametrised over "sqlite" and "postgres"; the PostgreSQL variant is skipped — with the
  reason shown — when no server is available.
- `database_url(label)`: a fresh, empty database of the current backend for one service.
- `token(role, party_id=None)`: a bearer token signed with the test settings' secret.
- `platform`: the whole platform as `ets up` runs it, one per test module (with the web console when the folder's
  conftest overrides `platform_console`); `platform_with(**settings)` starts one with settings of its own; `client`
  talks to `platform` (`ets_shared.testing.platform`).
"""
from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from ets_shared.auth import issue_token
from ets_shared.messaging.nats_auth import HARNESS, authorization, ensure_keys
from ets_shared.nats_process import NatsServerProcess
from ets_shared.settings import PlatformSettings
from ets_shared.testing.databases import PostgresServer, postgres_server, sqlite_url
from ets_shared.testing.platform import platform_client, started_platform

if TYPE_CHECKING:
    from ets_cli.client import PlatformClient
    from ets_cli.platform import Platform

TEST_JWT_SECRET = "test-secret-for-the-ets-platform-suite-0123456789"


@pytest.fixture(scope="session")
def nats_keys_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A seed per NATS identity, made once for the session."""
    path = tmp_path_factory.mktemp("nats-keys")
    ensure_keys(path)
    return path


def _server(tmp_path_factory: pytest.TempPathFactory, keys_dir: Path, harness: bool) -> Iterator[NatsServerProcess]:
    auth = authorization(ensure_keys(keys_dir), harness_password="harness-" + keys_dir.name if harness else None)
    server = NatsServerProcess(tmp_path_factory.mktemp("nats"), authorization=auth,
                               no_auth_user=HARNESS if harness else None)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def nats_server(tmp_path_factory: pytest.TempPathFactory, nats_keys_dir: Path) -> Iterator[NatsServerProcess]:
    yield from _server(tmp_path_factory, nats_keys_dir, harness=True)


@pytest.fixture
def strict_nats_server(tmp_path_factory: pytest.TempPathFactory, nats_keys_dir: Path
                       ) -> Iterator[NatsServerProcess]:
    yield from _server(tmp_path_factory, nats_keys_dir, harness=False)


@pytest.fixture
def nats_url(nats_server: NatsServerProcess) -> str:
    return nats_server.url


@pytest.fixture(scope="session")
def _postgres() -> Iterator[PostgresServer | str]:
    with postgres_server() as server:
        yield server


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgres":
        server = request.getfixturevalue("_postgres")
        if isinstance(server, str):
            pytest.skip(server)
    return request.param


@pytest.fixture
def database_url(database_backend: str, tmp_path: Path,
                 request: pytest.FixtureRequest) -> Iterator[Callable[[str], str]]:
    from contextlib import ExitStack

    with ExitStack() as stack:
        def make(label: str) -> str:
            if database_backend == "sqlite":
                return sqlite_url(tmp_path, label)
            server: PostgresServer = request.getfixturevalue("_postgres")
            return stack.enter_context(server.database(label))

        yield make


@pytest.fixture
def test_settings_overrides(nats_url: str, nats_keys_dir: Path) -> dict:
    return {"nats_url": nats_url, "nats_keys_dir": nats_keys_dir, "jwt_secret": TEST_JWT_SECRET,
            "outbox_poll_seconds": 0.05, "max_deliveries": 3}


@pytest.fixture
def token() -> Callable[..., str]:
    settings = PlatformSettings(jwt_secret=TEST_JWT_SECRET)

    def make(role: str, party_id: str | None = None, subject: str | None = None) -> str:
        return issue_token(settings, subject=subject or f"{role}-user", role=role, party_id=party_id)

    return make


# -- the whole platform (ets_shared.testing.platform) ------------------------------------------------------------
@pytest.fixture(scope="module")
def platform_console() -> bool:
    """Whether `platform` runs the web console too: a test folder's conftest overrides it with True."""
    return False


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory, platform_console: bool) -> Iterator[Platform]:
    """The platform as `ets up` runs it, one per test module."""
    with started_platform(tmp_path_factory.mktemp("platform"), console=platform_console) as running:
        yield running


@pytest.fixture(scope="session")
def platform_with(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., AbstractContextManager[Platform]]:
    """`with platform_with(console=False, ETS_SETTING="value") as platform:` a platform with settings of its own."""
    def start(*, console: bool = False, **extra_env: str) -> AbstractContextManager[Platform]:
        return started_platform(tmp_path_factory.mktemp("platform"), console=console, **extra_env)

    return start


@pytest.fixture
async def client(platform: Platform) -> AsyncIterator[PlatformClient]:
    """A client of every service of `platform`."""
    async with platform_client(platform) as c:
        yield c
