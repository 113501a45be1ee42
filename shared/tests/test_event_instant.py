"""When a unit of work's events occurred: at one instant per transaction, taken at its first publish — the
`occurred_at` of every event it commits and the time of their outbox and audit rows — and a new one for the next
transaction and for each event of a consumed batch, whose effects never precede its taking up."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from ets_shared.clock import utcnow
from ets_shared.contracts.exchange import OrderAccepted, OrderCancelled, TradeExecuted
from ets_shared.envelope import Envelope, MessageContext
from ets_shared.persistence.engine import make_engine, make_session_factory
from ets_shared.persistence.tables import AuditRecord, InboxMessage, OutboxMessage, PlatformTable
from ets_shared.unit_of_work import SqlUnitOfWork


def _sessions(database_url, label: str):
    engine = make_engine(database_url(label))
    PlatformTable.metadata.create_all(engine)
    return engine, make_session_factory(engine)


def test_the_events_of_one_transaction_occurred_at_its_one_instant_as_their_outbox_and_audit_rows_say(database_url):
    engine, sessions = _sessions(database_url, "instant")
    before = utcnow()
    with SqlUnitOfWork(sessions, producer="exchange", context=MessageContext.new("role:member:M-E-0001")) as uow:
        first = uow.publish(OrderAccepted.example())
        uow.context = MessageContext.new("role:member:M-E-0002")  # another order of the batch, its own request's ids
        others = [uow.publish(TradeExecuted.example()), uow.publish(OrderCancelled.example(), audit=False)]
        uow.commit()
    after = utcnow()
    assert before <= first.occurred_at <= after
    assert all(e.occurred_at is first.occurred_at for e in others)
    with sessions() as session:
        created = session.execute(select(OutboxMessage.created_at).order_by(OutboxMessage.seq)).scalars().all()
        audited = session.execute(select(AuditRecord.at).order_by(AuditRecord.id)).scalars().all()
    assert created == [first.occurred_at] * 3 and audited == [first.occurred_at] * 2
    engine.dispose()


def test_each_transaction_of_a_unit_of_work_takes_its_own_instant_committed_or_rolled_back(database_url):
    engine, sessions = _sessions(database_url, "instants")
    uow = SqlUnitOfWork(sessions, producer="exchange", context=MessageContext.new("role:member:M-E-0001"))
    with uow:
        committed = uow.publish(OrderAccepted.example())
        uow.commit()
        taken = _later_than(committed)
        undone = uow.publish(OrderAccepted.example())
        uow.rollback()
        _later_than(undone)
        again = uow.publish(OrderAccepted.example())
        uow.commit()
        _later_than(again)
    with uow:  # entered again: a new transaction
        last = uow.publish(OrderAccepted.example())
    assert committed.occurred_at < taken <= undone.occurred_at < again.occurred_at < last.occurred_at
    engine.dispose()


def test_the_events_a_consumed_event_causes_occur_after_it_was_taken_up(database_url):
    """As `apply_batch` goes: one transaction, each consumed event acted for and marked processed at the time its
    handler started — the events its handler publishes are not older than that, so a case's timeline shows the
    consumed event before its effects."""
    engine, sessions = _sessions(database_url, "consumed")
    consumed = [_envelope(n) for n in range(3)]
    with SqlUnitOfWork(sessions, producer="exchange", context=MessageContext.caused_by(consumed[0])) as uow:
        for envelope in consumed:
            uow.act_for(MessageContext.caused_by(envelope))
            started = utcnow()
            _later_than_time(started)
            effects = [uow.publish(OrderCancelled.example()), uow.publish(OrderCancelled.example())]
            uow.mark_processed(envelope, "ets.allocation.x.v1", started)
            assert started < effects[0].occurred_at and effects[1].occurred_at is effects[0].occurred_at
        uow.commit()
    with sessions() as session:
        taken_up = dict(session.execute(select(InboxMessage.correlation_id, InboxMessage.processed_at)).all())
        published = session.execute(select(OutboxMessage.correlation_id, OutboxMessage.created_at)).all()
    assert len(published) == 6 and all(at > taken_up[correlation_id] for correlation_id, at in published)
    engine.dispose()


def _envelope(n: int) -> Envelope:
    from ets_shared.envelope import wrap

    return wrap(TradeExecuted.example(), producer="exchange", context=MessageContext.new("test", f"case-{n}"))


def _later_than(envelope: Envelope) -> datetime:
    return _later_than_time(envelope.occurred_at)


def _later_than_time(moment: datetime) -> datetime:
    """Wait until the clock has moved past `moment` (a microsecond's resolution), and say when it is."""
    while (now := utcnow()) <= moment:
        pass
    return now
