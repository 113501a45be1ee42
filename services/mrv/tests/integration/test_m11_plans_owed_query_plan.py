"""M-11 at scale: each tick asks which covered entities owe a monitoring plan for the year and have none
(`MonitoringPlanRepository.owing`, and `not_filed` for the authority's list) — a lookup of each entity's plan of the
year. With only single-column indexes SQLite took the year's and read every plan of the year for each entity, so a
tick cost entities × plans: 0.4 s a tick with 4,000 entities, and the second year of `ets bench` on the same
platform slowed with the entities the first left. The plan shows the lookup by (entity, year)."""
from __future__ import annotations

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from ets_shared.persistence.engine import make_engine
from ets_shared.persistence.migrations import upgrade
from mrv.adapters.monitoring_repository import MonitoringPlanRepository
from mrv.bootstrap import definition


@pytest.fixture
def migrated(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'mrv.sqlite'}")
    mrv = definition()
    upgrade(engine, mrv.migrations, mrv.metadata)
    yield engine
    engine.dispose()


def query_plan(engine, ask) -> str:
    """The SQLite query plan of the one statement `ask(repository)` runs."""
    seen: list[tuple[str, object]] = []

    def capture(conn, cursor, statement, parameters, context, executemany) -> None:
        seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        with engine.connect() as conn:
            ask(MonitoringPlanRepository(Session(bind=conn)))
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    [(statement, parameters)] = [s for s in seen if s[0].lstrip().upper().startswith("SELECT")]
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
    return "\n".join(row[-1] for row in rows)


@pytest.mark.parametrize("ask", [lambda plans: plans.owing(2026), lambda plans: plans.not_filed(2026, 0, 100)],
                         ids=["owing", "not_filed"])
def test_m11_each_entitys_plan_of_the_year_is_found_by_the_entity_year_index(migrated, ask):
    plan = query_plan(migrated, ask)
    assert "ix_monitoring_plan_entity_year (entity_id=? AND compliance_year=?)" in plan, plan
    assert "ix_monitoring_plan_compliance_year" not in plan, plan
