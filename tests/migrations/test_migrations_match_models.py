"""Each service's Alembic history, applied to an empty database, yields exactly the schema its models declare —
so a table or column added without a migration fails CI. Runs on SQLite and, when available, PostgreSQL."""
from __future__ import annotations

import importlib

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from ets_shared.persistence.engine import make_engine
from ets_shared.persistence.migrations import upgrade
from ets_shared.persistence.tables import PlatformTable
from ets_shared.settings import SERVICE_PORTS


@pytest.mark.parametrize("service", list(SERVICE_PORTS))
def test_migrations_produce_the_models_schema(service, database_url):
    definition = importlib.import_module(f"{service.replace('-', '_')}.bootstrap").definition()
    engine = make_engine(database_url(f"mig_{service}"))
    try:
        upgrade(engine, definition.migrations, definition.metadata)
        upgrade(engine, definition.migrations, definition.metadata)  # idempotent: a restart migrates nothing
        with engine.connect() as conn:
            for metadata in (definition.metadata, PlatformTable.metadata):
                # each history owns its own tables; the other's (and Alembic's version tables) are not compared
                def own(name, type_, _parent, tables=metadata.tables) -> bool:
                    return type_ != "table" or name in tables

                context = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": own})
                diff = compare_metadata(context, metadata)
                assert diff == [], f"{service}: models and migrations differ: {diff}"
    finally:
        engine.dispose()
