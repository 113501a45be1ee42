"""OpenTelemetry tracing across HTTP → outbox → NATS → consumer → database.

A service's spans:
- `HTTP <method> <route>` (server span, `observability.middleware`), the root of a request's trace, or the child of
  the caller's `traceparent` header;
- `db <statement>` for every SQL statement its engine runs (`instrument_engine`), children of whatever span is
  current in the thread that runs them;
- `publish <subject>` (producer span, the outbox relay) when a committed event goes out: its parent is the trace
  context the unit of work stored in the outbox row's `headers` when it wrote the event (`current_headers`) — the
  relay bypasses FastStream's middleware and runs long after the request, so the context travels in the row; the
  published message carries the publish span's own `traceparent`;
- `consume <subject>` (consumer span, `messaging.consumers`), the child of the message's `traceparent`; the handler's
  SQL and the events it publishes continue the trace.

One trace thus runs from a report's submission in mrv to the obligation allocation records and the case enforcement
opens. Exporters (settings `ETS_TRACE_EXPORTER`): `none` (default: nothing is recorded, the tracer is a no-op),
`otlp` (OTLP/HTTP to `ETS_OTLP_ENDPOINT`, e.g. Jaeger in docker-compose.yml), `file` (one JSON object per span and
line in `ETS_TRACE_FILE`, default `<data_dir>/traces/<service>.jsonl`: tests and offline reading).

Each service runtime has its own `TracerProvider` (several services can share one test process); the propagator
is the W3C Trace Context one.
"""
from __future__ import annotations

import json
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor, SpanExporter, SpanExportResult
from opentelemetry.sdk.trace.sampling import ParentBased, TraceIdRatioBased
from opentelemetry.trace import SpanKind, Tracer
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator
from sqlalchemy import event
from sqlalchemy.engine import Engine

PROPAGATOR = TraceContextTextMapPropagator()
TRACE_HEADERS = ("traceparent", "tracestate")
_NOOP = trace.NoOpTracer()
_tracers: dict[str, Tracer] = {}


def tracer(service: str) -> Tracer:
    """The service's tracer; a no-op one when its tracing is off."""
    return _tracers.get(service, _NOOP)


def enabled(service: str) -> bool:
    return service in _tracers


def configure(service: str, settings: Any) -> TracerProvider | None:
    """Set up the service's tracer from its settings; None (and a no-op tracer) when the exporter is `none`."""
    exporter_name = settings.trace_exporter
    if exporter_name == "none":
        _tracers.pop(service, None)
        return None
    provider = TracerProvider(resource=Resource.create({"service.name": f"ets-{service}"}),
                              sampler=ParentBased(TraceIdRatioBased(settings.trace_sample_ratio)))
    if exporter_name == "file":
        path = settings.trace_file or settings.data_dir / "traces" / f"{service}.jsonl"
        provider.add_span_processor(SimpleSpanProcessor(JsonLinesSpanExporter(Path(path))))
    else:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        endpoint = settings.otlp_endpoint.rstrip("/") + "/v1/traces"
        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=endpoint)))
    _tracers[service] = provider.get_tracer(f"ets.{service}")
    return provider


def shutdown(service: str, provider: TracerProvider | None) -> None:
    if provider is not None:
        provider.shutdown()
        if _tracers.get(service) is not None:
            _tracers.pop(service, None)


# -- propagation ---------------------------------------------------------------------------------------------------
def current_headers() -> dict[str, str]:
    """The current trace context as W3C headers (`traceparent`, `tracestate`); empty when no span is recording."""
    carrier: dict[str, str] = {}
    if trace.get_current_span().get_span_context().is_valid:
        PROPAGATOR.inject(carrier)
    return carrier


def case_trace_headers(session: Any, correlation_id: str) -> dict[str, str]:
    """The trace of a compliance case in this service: the context stored with the first event it published for
    the case (empty: none yet). An event that belongs to a case begun elsewhere — a determination made at a tick for
    the report's case, a shortfall found at a tick for the determination's case — continues that trace rather than
    the tick's or the request's, so one trace runs from a report's submission to the case it ends in."""
    from sqlalchemy import select

    from ets_shared.persistence.tables import OutboxMessage

    stored = session.execute(select(OutboxMessage.headers).where(
        OutboxMessage.correlation_id == correlation_id, OutboxMessage.headers.is_not(None))
        .order_by(OutboxMessage.seq).limit(1)).scalar_one_or_none()
    return decode_headers(stored)


def context_from(headers: Mapping[str, str] | None) -> Context | None:
    """The trace context a message or request carries (None when it carries none)."""
    if not headers or "traceparent" not in headers:
        return None
    return PROPAGATOR.extract({k: v for k, v in headers.items() if k in TRACE_HEADERS})


def encode_headers(headers: Mapping[str, str]) -> str | None:
    return json.dumps(dict(headers), sort_keys=True) if headers else None


def decode_headers(text: str | None) -> dict[str, str]:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in value.items() if k in TRACE_HEADERS} if isinstance(value, dict) else {}


def start_span(service: str, name: str, *, kind: SpanKind, parent: Mapping[str, str] | None = None,
               attributes: Mapping[str, Any] | None = None):
    """A span of `service` named `name`, the child of `parent` (W3C headers) when given, else of the current span."""
    return tracer(service).start_as_current_span(name, context=context_from(parent), kind=kind,
                                                 attributes=dict(attributes or {}))


# -- database ------------------------------------------------------------------------------------------------------
def instrument_engine(service: str, engine: Engine) -> None:
    """A `db` client span around every statement the engine runs, when the service's tracing is on."""
    if not enabled(service):
        return
    system = engine.dialect.name

    @event.listens_for(engine, "before_cursor_execute")
    def _before(conn, cursor, statement, parameters, context, executemany) -> None:
        if not trace.get_current_span().get_span_context().is_valid:
            return  # a statement outside any request or event (a poll of the outbox): not traced
        operation = statement.lstrip().split(None, 1)[0].upper() if statement.strip() else "SQL"
        span = tracer(service).start_span(f"db {operation}", kind=SpanKind.CLIENT, attributes={
            "db.system": system, "db.statement": statement[:2000], "db.operation": operation})
        conn.info.setdefault("ets_spans", []).append(span)

    @event.listens_for(engine, "after_cursor_execute")
    def _after(conn, cursor, statement, parameters, context, executemany) -> None:
        spans = conn.info.get("ets_spans")
        if spans:
            spans.pop().end()

    @event.listens_for(engine, "handle_error")
    def _error(context) -> None:
        spans = context.connection.info.get("ets_spans") if context.connection is not None else None
        if spans:
            span = spans.pop()
            span.record_exception(context.original_exception)
            span.set_status(trace.Status(trace.StatusCode.ERROR))
            span.end()


# -- the file exporter ---------------------------------------------------------------------------------------------
class JsonLinesSpanExporter(SpanExporter):
    """One JSON object per finished span and line: ids in hex as W3C writes them, times in nanoseconds."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        lines = [json.dumps(span_record(span), default=str) for span in spans]
        with self._lock, self.path.open("a", encoding="utf-8") as out:
            out.write("".join(line + "\n" for line in lines))
        return SpanExportResult.SUCCESS

    def shutdown(self) -> None:
        return None


def span_record(span: ReadableSpan) -> dict[str, Any]:
    context = span.get_span_context()
    assert context is not None  # a finished SDK span always has its context
    return {
        "name": span.name,
        "service": span.resource.attributes.get("service.name"),
        "kind": span.kind.name,
        "trace_id": format(context.trace_id, "032x"),
        "span_id": format(context.span_id, "016x"),
        "parent_span_id": format(span.parent.span_id, "016x") if span.parent is not None else None,
        "start_ns": span.start_time,
        "end_ns": span.end_time,
        "status": span.status.status_code.name,
        "attributes": dict(span.attributes or {}),
    }
