"""What a published event writes: the outbox payload is the envelope's JSON and the audit detail the data's JSON,
the one cut from the other (`envelope.data_json`) rather than serialised twice — the same text as
`data.model_dump_json()` for every contract, whatever its strings hold; and the datetime columns are written on
SQLite as SQLAlchemy's own DATETIME processing wrote them."""
from __future__ import annotations

import json
import random
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import DateTime, create_engine, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import StaticPool

from ets_shared.contracts.base import CATALOGUE
from ets_shared.contracts.allocation import EntityRegistered
from ets_shared.envelope import MessageContext, data_json, wrap
from ets_shared.persistence.tables import AuditRecord, InboxMessage, OutboxMessage
from ets_shared.persistence.types import UtcDateTime
from ets_shared.unit_of_work import SqlUnitOfWork

TRICKY = ['plain', ',"data":{"x":1}', 'quote " and \\ backslash', '换行\n和制表\t', '\x00\x1f\u2028', '}']


@pytest.mark.parametrize("subject", sorted(CATALOGUE))
def test_the_data_cut_from_the_envelope_is_the_data_serialised_alone(subject):
    data = CATALOGUE[subject].example()
    for correlation_id in TRICKY:
        envelope = wrap(data, producer=data.contract.producer,
                        context=MessageContext(correlation_id, correlation_id, "role:x"))
        payload = envelope.model_dump_json()
        assert data_json(payload) == data.model_dump_json()
        assert payload.endswith(f',"data":{data.model_dump_json()}}}')


def test_the_data_cut_holds_for_strings_in_the_data_itself():
    for name in TRICKY:
        data = EntityRegistered(entity_id=name, name=name, sector=name, registered_at="2025-01-05T02:00:00Z")
        envelope = wrap(data, producer="allocation", context=MessageContext(name, None, "clock"))
        assert data_json(envelope.model_dump_json()) == data.model_dump_json()
        assert json.loads(data_json(envelope.model_dump_json()))["name"] == name


def test_a_published_event_writes_its_envelope_and_audits_its_data():
    engine = create_engine("sqlite://", poolclass=StaticPool)
    OutboxMessage.metadata.create_all(engine)
    sessions = sessionmaker(engine)
    data = EntityRegistered.example()
    with SqlUnitOfWork(sessions, producer="allocation", context=MessageContext.new("clock", "c-1")) as uow:
        envelope = uow.publish(data)
        uow.mark_processed(envelope, "ets.x", datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc))
        uow.commit()
    with sessions() as session:
        payload, created = session.execute(select(OutboxMessage.payload, OutboxMessage.created_at)).one()
        detail = session.execute(select(AuditRecord.detail)).scalar_one()
        text = session.connection().exec_driver_sql("SELECT processed_at FROM inbox_message").scalar_one()
        processed = session.execute(select(InboxMessage.processed_at)).scalar_one()
    assert (payload, detail) == (envelope.model_dump_json(), data.model_dump_json())
    assert created == envelope.occurred_at
    assert (text, processed) == ("2026-01-02 03:04:05.000000", datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc))


def test_utc_datetimes_are_written_on_sqlite_as_sqlalchemy_writes_them():
    dialect = sqlite.dialect()
    ours = UtcDateTime().bind_processor(dialect)
    theirs = DateTime().dialect_impl(dialect).bind_processor(dialect)
    zones = [timezone.utc, ZoneInfo("UTC"), ZoneInfo("Asia/Shanghai"), timezone(timedelta(hours=-5, minutes=-30))]
    rng = random.Random(10)
    start = datetime(1, 1, 2, tzinfo=timezone.utc)
    for _ in range(20_000):
        moment = start + timedelta(seconds=rng.randrange(315_000_000_000),
                                   microseconds=rng.choice([0, rng.randrange(1_000_000)]))
        moment = moment.astimezone(rng.choice(zones))
        assert ours(moment) == theirs(moment.astimezone(timezone.utc).replace(tzinfo=None)), moment
    assert ours(None) is None
    with pytest.raises(ValueError, match="naive"):
        ours(datetime(2026, 1, 1))  # noqa: DTZ001 - the naive value refused


def test_a_delivered_message_position_is_what_nats_py_reads_from_its_reply():
    from nats.aio.msg import Msg

    from ets_shared.messaging.take_over import position

    for reply in ("$JS.ACK.ALLOCATION.mrv--allocation.3.120456.77.1732920000000000000.10",
                  "$JS.ACK.hub.ACCHASH.ALLOCATION.mrv--allocation.1.9.8.1732920000000000000.0.rand",
                  "$JS.ACK.hub.ACCHASH.ALLOCATION.mrv--allocation.2.9.8.1732920000000000000.0"):
        msg = Msg(_client=None, subject="ets.x", reply=reply, data=b"{}")
        meta = Msg(_client=None, subject="ets.x", reply=reply, data=b"{}").metadata
        assert position(msg) == (meta.sequence.stream, meta.sequence.consumer, meta.num_delivered)


def test_a_session_holding_what_it_loads_keeps_it_in_its_identity_map_and_others_do_not(tmp_path):
    import gc

    from ets_shared.persistence.engine import make_engine, make_session_factory
    from ets_shared.persistence.tables import RegulatoryClock
    from ets_shared.unit_of_work import hold_loaded

    engine = make_engine(f"sqlite:///{tmp_path}/held.sqlite")
    OutboxMessage.metadata.create_all(engine)
    sessions = make_session_factory(engine)  # SQLModel's Session, a subclass of SQLAlchemy's
    with sessions() as session:
        session.add(RegulatoryClock(id=1, now=datetime(2026, 1, 1, tzinfo=timezone.utc),
                                    updated_at=datetime(2026, 1, 1, tzinfo=timezone.utc)))
        session.commit()
    for hold in (True, False):
        with sessions() as session:
            held = hold_loaded(session) if hold else None
            if held is not None:
                assert hold_loaded(session) is held  # one list per session, however often asked
            session.get(RegulatoryClock, 1)
            gc.collect()
            assert (len(session.identity_map) == 1) is hold
            assert held is None or len(held) == 1
    engine.dispose()


def test_a_batchs_shared_instant_is_written_as_its_own_text_however_the_values_alternate():
    """`_sqlite_text` answers the value it wrote last from memory (a batch's rows share one `now`): alternating and
    repeated values, equal values of other zones, and None each still get their own text."""
    dialect = sqlite.dialect()
    ours = UtcDateTime().bind_processor(dialect)
    theirs = DateTime().dialect_impl(dialect).bind_processor(dialect)
    now = datetime(2026, 11, 30, 7, 30, 1, 250_000, tzinfo=timezone.utc)
    later = now + timedelta(microseconds=1)
    shanghai = now.astimezone(ZoneInfo("Asia/Shanghai"))  # the same instant, another zone
    whole = datetime(2026, 11, 30, 7, 30, 2, tzinfo=timezone.utc)
    for value in (now, now, later, now, None, now, shanghai, whole, later, later, None, None, whole, now):
        expected = None if value is None else theirs(value.astimezone(timezone.utc).replace(tzinfo=None))
        assert ours(value) == expected, value
    with pytest.raises(ValueError, match="naive"):
        ours(datetime(2026, 1, 1))  # noqa: DTZ001 - the naive value refused, after others were remembered
