"""Structured logs: every line written while a request or an event is handled carries its correlation id and event
id, and (when tracing is on) its trace id.

The ids live in context variables: the HTTP middleware (`observability.middleware`) sets the correlation id of a
request, the consumer sets both ids of each event it applies (`messaging.consumers`), the outbox relay those of each
event it publishes. A filter on the root handler copies them onto every record, so any logger — the service's, the
platform's, a library's — writes them. Format (settings `ETS_LOG_FORMAT`): `json`, one object per line (production's
default: a log shipper indexes the fields), or `text`, readable (development's default):

    2026-11-29 02:30:01,123 mrv INFO ets.http: POST /reports → 201 in 12.3 ms [cid=9f2… eid=-]

A consumed batch and a relayed outbox batch write one line per event (`log_each`): the same lines, built from one
record and written with one lock and one flush per handler — through `Logger.info` they cost 5–15 % of a consumer's
CPU.
"""
from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterable
from contextlib import nullcontext
from contextvars import ContextVar, Token
from datetime import UTC, datetime
from typing import Protocol

from opentelemetry import trace

correlation_id_var: ContextVar[str | None] = ContextVar("ets_correlation_id", default=None)
event_id_var: ContextVar[str | None] = ContextVar("ets_event_id", default=None)

_RESERVED = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "service", "correlation_id", "event_id",
                                                     "trace_id"}


class log_context:
    """Lines logged inside carry these ids (an id not given keeps its current value). A class, not a generator:
    a consumer enters one per event applied."""

    __slots__ = ("correlation_id", "event_id", "tokens")

    def __init__(self, *, correlation_id: str | None = None, event_id: str | None = None) -> None:
        self.correlation_id, self.event_id = correlation_id, event_id
        self.tokens: list[tuple[ContextVar[str | None], Token[str | None]]] = []

    def __enter__(self) -> None:
        if self.correlation_id is not None:
            self.tokens.append((correlation_id_var, correlation_id_var.set(self.correlation_id)))
        if self.event_id is not None:
            self.tokens.append((event_id_var, event_id_var.set(self.event_id)))

    def __exit__(self, *exc: object) -> None:
        for var, token in reversed(self.tokens):
            var.reset(token)
        self.tokens.clear()


def log_each(logger: logging.Logger, level: int, msg: str,
             lines: Iterable[tuple[tuple[object, ...], str | None, str | None, trace.Span | None]]) -> None:
    """Write `msg % args` once per line `(args, correlation_id, event_id, span)`, each line as `logger.log` would
    inside `log_context(correlation_id=…, event_id=…)` and the span: every handler (and filter) sees one record per
    line, a stream handler writes the batch's lines at once."""
    if not logger.isEnabledFor(level):
        return
    handlers = _handlers(logger)
    plain = _plain_text(handlers)  # text handlers whose lines are built here directly
    outer = _trace_id(trace.get_current_span())
    template = logger.makeRecord(logger.name, level, "(unknown file)", 0, msg, (), None)
    written: dict[logging.StreamHandler, list[str]] = {}
    if len(plain) == len(handlers) and not logger.filters:  # every line is ours to build, no record needed
        # each target's line around the message: its clock, the constant middle, the end
        targets = [(formatter.clock, f" {service} {template.levelname} {logger.name}: ", f"]{handler.terminator}",
                    written.setdefault(handler, []))
                   for handler, (service, formatter) in plain.items() if level >= handler.level]
        for args, correlation_id, event_id, span in lines:
            created = time.time()
            trace_id = outer if span is None else _trace_id(span)
            tail = (f" [cid={correlation_id or '-'} eid={event_id or '-'} trace={trace_id}" if trace_id
                    else f" [cid={correlation_id or '-'} eid={event_id or '-'}")
            message = msg % args if args else msg
            for clock, middle, end, out in targets:
                out.append(f"{clock(created)}{middle}{message}{tail}{end}")
    else:
        _each_record(logger, template, lines, handlers, written)
    for handler, texts in written.items():
        handler.acquire()
        try:
            handler.stream.write("".join(texts))
            handler.flush()
        except Exception:  # noqa: BLE001 - as StreamHandler.emit: logging never breaks the caller
            handler.handleError(template)
        finally:
            handler.release()


def _each_record(logger: logging.Logger, template: logging.LogRecord,
                 lines: Iterable[tuple[tuple[object, ...], str | None, str | None, trace.Span | None]],
                 handlers: list[logging.Handler], written: dict[logging.StreamHandler, list[str]]) -> None:
    """A record per line, handled in its ids and span (handlers other than `log_handler`'s text, logger filters)."""
    for args, correlation_id, event_id, span in lines:
        record = logging.LogRecord.__new__(logging.LogRecord)
        record.__dict__.update(template.__dict__)
        record.args, record.created = args, time.time()
        record.msecs = int((record.created - int(record.created)) * 1000) + 0.0
        record.relativeCreated = template.relativeCreated + (record.created - template.created) * 1000
        if not logger.filter(record):
            continue
        ids = correlation_id_var.set(correlation_id), event_id_var.set(event_id)
        try:
            with trace.use_span(span) if span is not None else nullcontext():
                _handle(record, handlers, written)
        finally:
            event_id_var.reset(ids[1])
            correlation_id_var.reset(ids[0])


def _handlers(logger: logging.Logger) -> list[logging.Handler]:
    """The handlers a record of `logger` reaches (as `Logger.callHandlers` walks them)."""
    found: list[logging.Handler] = []
    current: logging.Logger | None = logger
    while current is not None:
        found += current.handlers
        current = current.parent if current.propagate else None
    if not found and logging.lastResort is not None:
        found.append(logging.lastResort)
    return found


def _plain_text(handlers: list[logging.Handler]) -> dict[logging.StreamHandler, tuple[str, "TextFormatter"]]:
    """The stream handlers `log_handler` made for text (its ContextFilter their only filter, its TextFormatter, the
    plain `emit`), with their service: `log_each` builds their lines (`TextFormatter.format`'s) without records."""
    plain: dict[logging.StreamHandler, tuple[str, TextFormatter]] = {}
    for handler in handlers:
        formatter, filters = handler.formatter, handler.filters
        if (type(formatter) is TextFormatter and len(filters) == 1 and type(filters[0]) is ContextFilter
                and isinstance(handler, logging.StreamHandler) and type(handler).emit is logging.StreamHandler.emit
                and type(handler).format is logging.Handler.format):
            plain[handler] = (filters[0].service, formatter)
    return plain


def _trace_id(span: trace.Span) -> str | None:
    context = span.get_span_context()
    return format(context.trace_id, "032x") if context.is_valid else None


def _handle(record: logging.LogRecord, handlers: list[logging.Handler],
            written: dict[logging.StreamHandler, list[str]]) -> None:
    for handler in handlers:
        if record.levelno < handler.level:
            continue
        if not isinstance(handler, logging.StreamHandler) or type(handler).emit is not logging.StreamHandler.emit:
            handler.handle(record)  # a file, a test's capture, …: its own way
        elif handler.filter(record):
            try:
                text = handler.format(record) + handler.terminator
            except Exception:  # noqa: BLE001 - as StreamHandler.emit
                handler.handleError(record)
                continue
            written.setdefault(handler, []).append(text)


class ContextFilter(logging.Filter):
    """Puts the service name and the current ids on every record."""

    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def filter(self, record: logging.LogRecord) -> bool:
        record.service = self.service
        record.correlation_id = correlation_id_var.get()
        record.event_id = event_id_var.get()
        context = trace.get_current_span().get_span_context()
        record.trace_id = format(context.trace_id, "032x") if context.is_valid else None
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "at": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "service": getattr(record, "service", None),
            "logger": record.name,
            "message": record.getMessage(),
            "correlation_id": getattr(record, "correlation_id", None),
            "event_id": getattr(record, "event_id", None),
            "trace_id": getattr(record, "trace_id", None),
        }
        line.update({k: v for k, v in vars(record).items() if k not in _RESERVED and not k.startswith("_")})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str, ensure_ascii=False)


# "%03d" of every millisecond, looked up instead of formatted per line
_MILLISECONDS = tuple(f"{n:03d}" for n in range(1000))


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(service)s %(levelname)s %(name)s: %(message)s")
        # the last second formatted and its text up to the milliseconds' comma: lines come many per second
        self._second: tuple[int, str] = (-1, "")

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        if datefmt is not None:
            return time.strftime(datefmt, self.converter(record.created))
        return self.clock(record.created)

    def clock(self, created: float) -> str:
        """`formatTime` of a record created at `created` (its msecs as `LogRecord` computes them)."""
        second, last = int(created), self._second  # one tuple: a thread reads a consistent pair
        if second != last[0]:
            last = self._second = (second, f"{time.strftime(self.default_time_format, self.converter(created))},")
        return last[1] + _MILLISECONDS[int((created - second) * 1000)]  # logging's default_msec_format

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        ids = f" [cid={getattr(record, 'correlation_id', None) or '-'} eid={getattr(record, 'event_id', None) or '-'}"
        trace_id = getattr(record, "trace_id", None)
        return text + ids + (f" trace={trace_id}]" if trace_id else "]")


def log_handler(service: str, log_format: str, stream: object = None) -> logging.Handler:
    """A handler writing `service`'s lines with their ids, as JSON or readable text."""
    handler = logging.StreamHandler(stream)  # type: ignore[call-overload]  # any object with write(), or None
    handler.addFilter(ContextFilter(service))
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    return handler


class LogSettings(Protocol):
    """What logging reads of a service's settings (`ets_shared.settings.ServiceSettings` has both)."""

    @property
    def effective_log_format(self) -> str: ...

    @property
    def log_level(self) -> str: ...


def configure_logging(service: str, settings: LogSettings, stream: object = None) -> logging.Handler:
    """Route the process's logs (root logger) through one handler in the configured format; returns it."""
    handler = log_handler(service, settings.effective_log_format, stream)
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(settings.log_level)
    for noisy in ("uvicorn.access", "httpx", "nats"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
    return handler
