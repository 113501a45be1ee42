"""Alembic, run programmatically. Each database carries two histories: the platform tables
(`alembic_version_platform`) and the service's own (`alembic_version`). `env.py` of both is `run_env()` below.
"""
from __future__ import annotations

from pathlib import Path

from alembic import command, context
from alembic.config import Config
from sqlalchemy import Engine, MetaData

PLATFORM_MIGRATIONS = Path(__file__).parent / "platform_migrations"
PLATFORM_VERSION_TABLE = "alembic_version_platform"


def alembic_config(script_location: Path, *, metadata: MetaData, version_table: str, engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(script_location))
    cfg.attributes.update(target_metadata=metadata, version_table=version_table, engine=engine)
    return cfg


def upgrade(engine: Engine, service_migrations: Path, service_metadata: MetaData) -> None:
    """Bring a service database to head: platform tables first, then the service's own."""
    from ets_shared.persistence.tables import PlatformTable

    command.upgrade(
        alembic_config(PLATFORM_MIGRATIONS, metadata=PlatformTable.metadata, version_table=PLATFORM_VERSION_TABLE,
                       engine=engine), "head")
    command.upgrade(
        alembic_config(service_migrations, metadata=service_metadata, version_table="alembic_version",
                       engine=engine), "head")


def run_env() -> None:
    """The body of every env.py: online migrations on the engine handed in through `Config.attributes`.

    On SQLite a batch migration recreates a table (copy, drop, rename); dropping a table that other rows reference
    fails while foreign keys are enforced. As SQLite's own procedure for schema changes prescribes, enforcement is
    switched off for the migration (a pragma that only takes effect outside a transaction, so on the raw connection
    before the migration's transaction begins) and back on after it, once `PRAGMA foreign_key_check` found every
    reference intact."""
    cfg = context.config
    engine: Engine = cfg.attributes["engine"]
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        raw = connection.connection.driver_connection if sqlite else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            context.configure(
                connection=connection,
                target_metadata=cfg.attributes["target_metadata"],
                version_table=cfg.attributes["version_table"],
                render_as_batch=sqlite,
                compare_type=True,
            )
            with context.begin_transaction():
                context.run_migrations()
                if raw is not None and (broken := connection.exec_driver_sql("PRAGMA foreign_key_check").all()):
                    raise RuntimeError(f"migration left broken references: {broken[:5]}")
            connection.commit()
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")


def autogenerate(script_location: Path, metadata: MetaData, version_table: str, message: str) -> None:
    """Write a new revision in `script_location` for whatever `metadata` has that the migrations lack
    (compared on a scratch SQLite database brought to head first)."""
    import tempfile

    from ets_shared.persistence.engine import make_engine

    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{tmp}/scratch.sqlite")
        cfg = alembic_config(script_location, metadata=metadata, version_table=version_table, engine=engine)
        command.upgrade(cfg, "head")
        command.revision(cfg, message=message, autogenerate=True)
        engine.dispose()
