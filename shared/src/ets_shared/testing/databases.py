"""Databases for tests: SQLite always; PostgreSQL when `ETS_TEST_POSTGRES_URL` names a server (CI does), else a
testcontainers PostgreSQL when a Docker engine answers, else the PostgreSQL variant is skipped with that reason."""
from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import make_url

from ets_shared.persistence.engine import normalise_url


def docker_engine_available() -> bool:
    """True only when a Docker engine answers (a docker client alone is not enough)."""
    try:
        import docker

        client = docker.from_env(timeout=3)
        client.ping()
        return True
    except Exception:  # noqa: BLE001 - no engine, no socket, no permission: all mean no Docker
        return False


class PostgresServer:
    """One PostgreSQL server on which each test gets fresh, uniquely named databases."""

    def __init__(self, admin_url: str) -> None:
        self.admin_url = normalise_url(admin_url)

    @contextmanager
    def database(self, label: str):
        import psycopg

        name = f"ets_t_{label.replace('-', '_')}_{uuid.uuid4().hex[:10]}"
        admin = make_url(self.admin_url)
        conninfo = admin.set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        try:
            yield admin.set(database=name).render_as_string(hide_password=False)
        finally:
            with psycopg.connect(conninfo, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def postgres_server():
    """Yields a PostgresServer, or a str saying why there is none."""
    url = os.environ.get("ETS_TEST_POSTGRES_URL")
    if url:
        yield PostgresServer(url)
        return
    if docker_engine_available():
        from testcontainers.postgres import PostgresContainer

        with PostgresContainer("postgres:16-alpine") as container:
            yield PostgresServer(container.get_connection_url())
        return
    yield "no PostgreSQL: ETS_TEST_POSTGRES_URL is unset and no Docker engine answers for testcontainers"


def sqlite_url(directory: Path, label: str) -> str:
    return f"sqlite:///{(directory / f'{label}.sqlite').as_posix()}"
