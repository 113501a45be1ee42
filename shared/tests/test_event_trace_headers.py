"""The trace context an event's outbox row carries (`headers`) is the one current where it was published: none outside
any OpenTelemetry context (the unit of work skips asking for it then), none in a context without a span, and the
span's `traceparent` inside one — whether the span was started here or extracted from a caller's headers."""
from __future__ import annotations

from opentelemetry import context as otel_context
from opentelemetry import trace
from sqlalchemy import select

from ets_shared.contracts.exchange import OrderAccepted
from ets_shared.envelope import MessageContext
from ets_shared.observability.tracing import PROPAGATOR
from ets_shared.persistence.engine import make_engine, make_session_factory
from ets_shared.persistence.tables import OutboxMessage, PlatformTable
from ets_shared.unit_of_work import SqlUnitOfWork

CALLER = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"


def _published_headers(sessions) -> str | None:
    with SqlUnitOfWork(sessions, producer="exchange", context=MessageContext.new("role:x")) as uow:
        event_id = str(uow.publish(OrderAccepted.example()).event_id)
        uow.commit()
    with sessions() as session:
        return session.execute(select(OutboxMessage.headers).where(OutboxMessage.event_id == event_id)).scalar_one()


def _within(ctx, sessions) -> str | None:
    token = otel_context.attach(ctx)
    try:
        return _published_headers(sessions)
    finally:
        otel_context.detach(token)


def test_an_events_trace_headers_are_those_of_the_context_it_was_published_in(database_url):
    engine = make_engine(database_url("trace-headers"))
    PlatformTable.metadata.create_all(engine)
    sessions = make_session_factory(engine)
    assert not otel_context.get_current()
    assert _published_headers(sessions) is None
    assert _within(otel_context.set_value("unrelated", 1), sessions) is None  # a context, no span
    assert _within(PROPAGATOR.extract({"traceparent": CALLER}), sessions) == f'{{"traceparent": "{CALLER}"}}'
    span = trace.NonRecordingSpan(trace.SpanContext(0x1234, 0x5678, is_remote=False,
                                                    trace_flags=trace.TraceFlags(1)))
    assert _within(trace.set_span_in_context(span), sessions) == (
        '{"traceparent": "00-00000000000000000000000000001234-0000000000005678-01"}')
    engine.dispose()
