"""Multi-row writes straight to a table (`ets_shared.persistence.bulk`): updates by primary key grouped by the columns
they set, and the same rows whatever the grouping."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import event, select

from ets_shared.clock import utcnow
from ets_shared.persistence.bulk import insert_rows, set_by_key, update_rows
from ets_shared.persistence.engine import make_engine, make_session_factory
from ets_shared.persistence.tables import OutboxMessage, PlatformTable, PolicySetting


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


def test_many_rows_are_one_statement_in_their_order_with_nulls_and_utc_times(database_url):
    """On PostgreSQL many rows go as one `unnest` statement: the serial keys follow the rows' order (the outbox's
    `seq` is its publishing order), NULLs and aware datetimes arrive as given, and `set_by_key` updates by key."""
    engine = make_engine(database_url("bulk"))
    PlatformTable.metadata.create_all(engine)
    sessions = make_session_factory(engine)
    now = utcnow()
    rows = [{"event_id": f"e-{n:03d}", "subject": "s", "payload": "{}", "created_at": now + timedelta(seconds=n),
             "correlation_id": None if n % 2 else f"c-{n}", "headers": None} for n in range(250)]
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    with sessions() as session:
        insert_rows(session, OutboxMessage, rows)
        session.commit()
    assert len([s for s in statements if s.lstrip().upper().startswith("INSERT")]) == 1
    with sessions() as session:
        stored = list(session.execute(select(OutboxMessage).order_by(OutboxMessage.seq)).scalars())
        assert [(r.event_id, r.correlation_id, r.created_at) for r in stored] == [
            (r["event_id"], r["correlation_id"], r["created_at"]) for r in rows]
        set_by_key(session, OutboxMessage, "seq", "subject", [(r.seq, f"t-{r.event_id}") for r in stored[:3]])
        session.commit()
        subjects = list(session.execute(select(OutboxMessage.subject).order_by(OutboxMessage.seq).limit(4)).scalars())
    assert subjects == ["t-e-000", "t-e-001", "t-e-002", "s"]
    engine.dispose()


def test_sqlite_rows_go_to_the_driver_as_processed_tuples_and_a_left_out_default_still_applies(tmp_path):
    """SQLite: the rows are one executemany of a statement built once per table and columns, each row a tuple of
    bind-processed values (no SQLAlchemy compiled statement and parameter dict per row); a column left out that has
    a client-side default is filled by SQLAlchemy's own INSERT, as before."""
    from sqlalchemy import Column, Integer, MetaData, String, Table

    engine = make_engine(f"sqlite:///{tmp_path}/bulk.sqlite")
    PlatformTable.metadata.create_all(engine)
    counted = Table("counted", MetaData(), Column("key", String, primary_key=True), Column("n", Integer, default=7))
    counted.metadata.create_all(engine)
    sessions = make_session_factory(engine)
    now = utcnow()
    calls: list[tuple[bool, bool, object]] = []
    event.listen(engine, "before_cursor_execute",
                 lambda conn, cursor, statement, parameters, context, many: calls.append(
                     (many, context.compiled is None, parameters)) if statement.startswith("INSERT") else None)
    rows = [{"event_id": f"e-{n}", "subject": "s", "payload": "{}", "created_at": now, "correlation_id": None,
             "headers": None} for n in range(3)]
    with sessions() as session:
        insert_rows(session, OutboxMessage, rows)
        insert_rows(session, counted, [{"key": "a"}, {"key": "b"}])
        session.commit()
        stored = [(r.event_id, r.created_at) for r in session.execute(
            select(OutboxMessage).order_by(OutboxMessage.seq)).scalars()]
        defaults = list(session.execute(select(counted.c.n)).scalars())
    assert calls[0][:2] == (True, True) and all(isinstance(p, tuple) for p in calls[0][2])
    assert calls[1][1] is False  # the default's column: SQLAlchemy's statement
    assert stored == [(f"e-{n}", now) for n in range(3)] and defaults == [7, 7]
    engine.dispose()


def test_sqlite_rows_go_to_the_driver_as_they_are_bind_processed_and_python_defaults_still_filled(tmp_path):
    """On SQLite the rows go to the driver's executemany as its own tuples (no compiled statement building each
    row's parameters: that cost more than SQLite's writing them), each column bind-processed (UTC datetimes stored
    as the column stores them); a table whose left-out column has a Python default still gets it."""
    from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table

    engine = make_engine(f"sqlite:///{tmp_path}/bulk.sqlite")
    PlatformTable.metadata.create_all(engine)
    defaulted = Table("defaulted", MetaData(), Column("id", Integer, primary_key=True), Column("name", String(10)),
                      Column("kind", String(10), default="plain"), Column("at", DateTime))
    defaulted.metadata.create_all(engine)
    compiled: list[bool] = []
    event.listen(engine, "before_cursor_execute",
                 lambda _c, _cur, statement, _p, context, _many: statement.startswith(("INSERT", "UPDATE"))
                 and compiled.append(context.compiled is not None))
    sessions = make_session_factory(engine)
    now = utcnow()
    rows = [{"event_id": f"e-{n}", "subject": "s", "payload": "{}", "created_at": now + timedelta(seconds=n),
             "correlation_id": None, "headers": None} for n in range(3)]
    with sessions() as session:
        insert_rows(session, OutboxMessage, rows)
        insert_rows(session, defaulted, [{"name": "a"}, {"name": "b"}])
        session.commit()
        seqs = list(session.execute(select(OutboxMessage.seq).order_by(OutboxMessage.seq)).scalars())
        update_rows(session, OutboxMessage, [{"seq": seqs[0], "created_at": now - timedelta(hours=1),
                                              "correlation_id": "c-0"}])
        session.commit()
        stored = list(session.execute(select(OutboxMessage).order_by(OutboxMessage.seq)).scalars())
        kinds = list(session.execute(select(defaulted.c.kind)).scalars())
    assert compiled == [False, True, False], "the outbox's rows as they are (inserted, then updated); the defaulted " \
        "table through its compiled path"
    assert [(r.event_id, r.created_at, r.correlation_id) for r in stored] == [
        ("e-0", now - timedelta(hours=1), "c-0"), *((r["event_id"], r["created_at"], None) for r in rows[1:])]
    assert kinds == ["plain", "plain"]
    engine.dispose()


def test_keys_present_are_those_of_the_given_values_the_table_holds_and_set_where_present_updates_them(tmp_path):
    from ets_shared.persistence.bulk import keys_present, set_where_present
    from ets_shared.persistence.tables import InboxMessage
    from ets_shared.testing.databases import postgres_server, sqlite_url

    def check(url: str) -> None:
        engine = make_engine(url)
        PlatformTable.metadata.create_all(engine)
        sessions = make_session_factory(engine)
        held = [f"E-{n}" for n in range(0, 600, 2)]
        with sessions() as session:
            insert_rows(session, InboxMessage, [{"event_id": e, "subject": "s", "correlation_id": "c",
                                                 "processed_at": utcnow()} for e in held])
            asked = [f"E-{n}" for n in range(300, 700)] + ['quote"d', "ünï", ""]
            assert keys_present(session, InboxMessage, "event_id", asked) == {f"E-{n}" for n in range(300, 600, 2)}
            assert keys_present(session, InboxMessage, "event_id", []) == set()
            moved = utcnow() - timedelta(days=3)
            set_where_present(session, InboxMessage, "event_id", asked, "processed_at", moved)
            set_where_present(session, InboxMessage, "event_id", [], "processed_at", utcnow())
            session.commit()
            stamped = {e: at for e, at in session.execute(select(InboxMessage.event_id, InboxMessage.processed_at))}
        assert {e for e, at in stamped.items() if at == moved} == {f"E-{n}" for n in range(300, 600, 2)}
        assert len(stamped) == 300 and sum(at > moved for at in stamped.values()) == 150
        engine.dispose()

    check(sqlite_url(tmp_path, "keys"))
    with postgres_server() as server:
        if not isinstance(server, str):
            with server.database("keys") as url:
                check(url)
