"""The outbox's unpublished index serves both of its readers without reading the table's rows: the relay (the
unpublished events in commit order) and `GET /backlog` (how many are unpublished, and the oldest's time), which
`ets bench` polls every 0.2 s while a service publishes a tick's thousands of events — reading each unpublished row
for it cost enforcement 27 ms a poll at 12,000 unpublished. Shown by SQLite's query plan."""
from __future__ import annotations

from sqlalchemy import select

from ets_shared.persistence.engine import make_engine
from ets_shared.persistence.tables import OutboxMessage, PlatformTable
from ets_shared.runtime import UNPUBLISHED


def query_plan(tmp_path, statement) -> str:
    engine = make_engine(f"sqlite:///{tmp_path / 'outbox.sqlite'}")
    try:
        PlatformTable.metadata.create_all(engine)
        compiled = statement.compile(engine)
        with engine.connect() as conn:
            rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", tuple(compiled.params.values())).all()
        return "\n".join(row[-1] for row in rows)
    finally:
        engine.dispose()


def test_the_backlog_counts_unpublished_events_from_the_index_alone(tmp_path):
    plan = query_plan(tmp_path, UNPUBLISHED)
    assert "COVERING INDEX ix_outbox_unpublished (published_at=?)" in plan, plan


def test_the_relay_reads_unpublished_events_in_commit_order_by_the_index(tmp_path):
    relay = (select(OutboxMessage.event_id, OutboxMessage.payload).where(OutboxMessage.published_at.is_(None))
             .order_by(OutboxMessage.seq).limit(256))
    plan = query_plan(tmp_path, relay)
    assert "USING INDEX ix_outbox_unpublished (published_at=?)" in plan and "TEMP B-TREE" not in plan, plan
