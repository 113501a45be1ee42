"""Every connection of an SQLite engine made by `make_engine` is set up alike: WAL, synchronous NORMAL, foreign keys,
the busy timeout, no checkpoint in a commit, and a page cache of up to `CACHE_KIB` (negative: KiB, not pages)."""
from __future__ import annotations

from ets_shared.persistence.engine import CACHE_KIB, make_engine


def test_each_connection_takes_the_platforms_pragmas(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'p.sqlite'}")
    try:
        for _ in range(2):  # a second connection of the pool as well
            with engine.connect() as connection:
                pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
                assert (pragma("journal_mode"), pragma("synchronous"), pragma("foreign_keys")) == ("wal", 1, 1)
                assert (pragma("busy_timeout"), pragma("wal_autocheckpoint")) == (30000, 0)
                assert pragma("cache_size") == -CACHE_KIB == -65536
            engine.pool.dispose()
    finally:
        engine.dispose()
