"""Multi-row writes straight to a table (`ets_shared.persistence.bulk`): updates by primary key grouped by the columns
they set, and the same rows whatever the grouping."""
from __future__ import annotations

from sqlalchemy import select

from ets_shared.clock import utcnow
from ets_shared.persistence.bulk import insert_rows, update_rows
from ets_shared.persistence.engine import make_engine, make_session_factory
from ets_shared.persistence.tables import PlatformTable, PolicySetting


def test_rows_are_inserted_and_updated_by_primary_key_whatever_columns_each_sets(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path}/bulk.sqlite")
    PlatformTable.metadata.create_all(engine)  # a scratch database for this test only; services migrate
    sessions = make_session_factory(engine)
    now = utcnow()
    with sessions() as session:
        insert_rows(session, PolicySetting, [{"compliance_year": y, "document": "{}", "updated_by": "a",
                                              "updated_at": now, "reason": "first"} for y in (2025, 2026, 2027)])
        insert_rows(session, PolicySetting, [])
        update_rows(session, PolicySetting, [{"compliance_year": 2025, "reason": "second"},
                                             {"compliance_year": 2026, "reason": "second", "updated_by": "b"},
                                             {"compliance_year": 2027}])
        session.commit()
        rows = {r.compliance_year: (r.reason, r.updated_by) for r in session.execute(select(PolicySetting)).scalars()}
    assert rows == {2025: ("second", "a"), 2026: ("second", "b"), 2027: ("first", "a")}
    engine.dispose()
