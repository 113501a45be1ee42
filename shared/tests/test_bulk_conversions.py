"""A multi-row write's bind processing (`ets_shared.persistence.bulk`) converts a column holding one object in every
row once: what is stored must be, byte for byte, what SQLAlchemy's own compiled statements store — for one shared
object, different values, equal values that are different objects (equal instants in two time zones are different
texts in a plain DATETIME column), naive datetimes (refused) and NULLs — on SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import Column, Date, DateTime, Integer, MetaData, String, Table, insert, update
from sqlalchemy.exc import StatementError

from ets_shared.persistence.bulk import insert_rows, set_by_key, update_rows
from ets_shared.persistence.engine import make_engine, make_session_factory
from ets_shared.persistence.types import UtcDateTime

UTC = timezone.utc
EAST = timezone(timedelta(hours=3))
NOW = datetime(2026, 11, 30, 22, 15, 1, 250000, tzinfo=UTC)
DAY = date(2026, 11, 30)


def _table(name: str, metadata: MetaData) -> Table:
    """Processed columns between plain ones, so that the driver's parameter order differs from the columns'."""
    return Table(name, metadata, Column("id", Integer, primary_key=True), Column("at", UtcDateTime(), nullable=True),
                 Column("label", String(20)), Column("day", Date, nullable=True),
                 Column("local", DateTime, nullable=True), Column("n", Integer))


def _row(n: int, at: datetime | None, day: date | None, local: datetime | None) -> dict:
    return {"id": n, "at": at, "label": f"r{n}", "day": day, "local": local, "n": n * 10}


def _equal_instants(count: int) -> list[datetime]:
    """The same instant, alternately in UTC and three hours east: equal, different objects, different wall times."""
    return [NOW if n % 2 else NOW.astimezone(EAST) for n in range(count)]


ROW_SETS = {
    "one object in every row": [_row(n, NOW, DAY, NOW) for n in range(5)],
    "different values": [_row(n, NOW + timedelta(microseconds=n), DAY + timedelta(days=n),
                              NOW - timedelta(seconds=n)) for n in range(5)],
    "equal values, different objects": [_row(n, at, date(2026, 11, 30), at)
                                        for n, at in enumerate(_equal_instants(5))],
    "shared then different": [_row(n, NOW, DAY, NOW if n < 4 else NOW.astimezone(EAST)) for n in range(5)],
    "NULLs in every row": [_row(n, None, None, None) for n in range(5)],
    "NULLs among values": [_row(n, None if n % 2 else NOW, None if n % 2 else DAY, NOW) for n in range(5)],
    "a whole second": [_row(n, NOW.replace(microsecond=0), DAY, NOW.replace(microsecond=0)) for n in range(5)],
}


@pytest.fixture
def tables(database_url):
    engine = make_engine(database_url("conversions"))
    metadata = MetaData()
    fast, compiled = _table("fast", metadata), _table("compiled", metadata)
    metadata.create_all(engine)
    yield engine, make_session_factory(engine), fast, compiled
    engine.dispose()


def _stored(session, table: Table) -> list[tuple]:
    """Every column as the database's own text of what it holds (no result processing)."""
    columns = ", ".join(f"CAST({c.name} AS TEXT)" for c in table.c)
    return list(session.connection().exec_driver_sql(f"SELECT {columns} FROM {table.name} ORDER BY id").all())


@pytest.mark.parametrize("rows", ROW_SETS.values(), ids=ROW_SETS.keys())
def test_rows_are_stored_as_sqlalchemys_statements_store_them(tables, rows):
    engine, sessions, fast, compiled = tables
    changes = [{"id": r["id"], "at": r["local"], "local": r["at"] or NOW, "day": r["day"]} for r in rows]
    with sessions() as session:
        insert_rows(session, fast, rows)
        session.connection().execute(insert(compiled), rows)
        assert _stored(session, fast) == _stored(session, compiled)
        update_rows(session, fast, changes)
        for change in changes:
            session.connection().execute(update(compiled).where(compiled.c.id == change["id"]).values(
                {k: v for k, v in change.items() if k != "id"}))
        assert _stored(session, fast) == _stored(session, compiled)
        set_by_key(session, fast, "id", "at", [(r["id"], r["at"]) for r in rows])
        for r in rows:
            session.connection().execute(update(compiled).where(compiled.c.id == r["id"]).values(at=r["at"]))
        assert _stored(session, fast) == _stored(session, compiled)


REFUSED = (ValueError, StatementError)  # raised as it is, or wrapped by SQLAlchemy's compiled path


@pytest.mark.parametrize("naive_from", [0, 3])
def test_a_naive_datetime_is_refused_whether_every_row_holds_it_or_only_some(tables, naive_from):
    _engine, sessions, fast, _compiled = tables
    naive = NOW.replace(tzinfo=None)
    rows = [_row(n, naive if n >= naive_from else NOW, DAY, NOW) for n in range(5)]
    with sessions() as session, pytest.raises(REFUSED, match="naive datetime"):
        insert_rows(session, fast, rows)
    with sessions() as session:
        insert_rows(session, fast, [_row(n, NOW, DAY, NOW) for n in range(5)])
        with pytest.raises(REFUSED, match="naive datetime"):
            update_rows(session, fast, [{"id": r["id"], "at": r["at"]} for r in rows])
        with pytest.raises(REFUSED, match="naive datetime"):
            set_by_key(session, fast, "id", "at", [(r["id"], r["at"]) for r in rows])


def test_one_object_in_every_row_is_converted_once_and_each_different_one_on_its_own(tmp_path):
    """What makes the writes cheaper: a batch's shared instant converted once, not once per row."""
    from sqlalchemy.types import TypeDecorator

    converted: list[object] = []

    class Counted(TypeDecorator):
        impl = String(40)
        cache_ok = True

        def process_bind_param(self, value, dialect):
            converted.append(value)
            return None if value is None else f"<{value}>"

    engine = make_engine(f"sqlite:///{tmp_path}/counted.sqlite")
    counted = Table("counted", MetaData(), Column("id", Integer, primary_key=True), Column("v", Counted()))
    counted.metadata.create_all(engine)
    shared, other = "x" * 5, "".join(["x"] * 5)  # equal, different objects
    with make_session_factory(engine)() as session:
        insert_rows(session, counted, [{"id": n, "v": shared} for n in range(100)])
        assert converted == [shared]
        insert_rows(session, counted, [{"id": 100 + n, "v": shared if n else other} for n in range(3)])
        assert converted[1:] == [other, shared, shared]
        stored = list(session.connection().exec_driver_sql("SELECT DISTINCT v FROM counted").scalars())
    assert stored == ["<xxxxx>"]
    engine.dispose()


def test_updates_apply_in_the_rows_order_whatever_order_each_gives_its_columns_in(tables):
    """Rows setting the same columns, their keys given in different orders, are one group applied in the rows' order
    (a key changed twice keeps its last value), as one compiled UPDATE per row leaves them."""
    _engine, sessions, fast, compiled = tables
    rows = [_row(n, NOW, DAY, NOW) for n in range(4)]
    later = NOW + timedelta(hours=1)
    changes = [{"id": 1, "label": "a", "n": 1}, {"n": 2, "label": "b", "id": 1}, {"label": "c", "id": 0},
               {"id": 2, "n": 3, "label": "d"}, {"at": later, "id": 3}, {"id": 1, "n": 4, "label": "e"}]
    with sessions() as session:
        insert_rows(session, fast, rows)
        session.connection().execute(insert(compiled), rows)
        update_rows(session, fast, changes)
        for change in changes:
            session.connection().execute(update(compiled).where(compiled.c.id == change["id"]).values(
                {k: v for k, v in change.items() if k != "id"}))
        assert _stored(session, fast) == _stored(session, compiled)
        labels = [row[2] for row in _stored(session, fast)]
    assert labels == ["c", "e", "d", "r3"]
