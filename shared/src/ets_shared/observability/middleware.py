"""The HTTP side of operability, the outermost of the platform's ASGI middlewares: for every request it
- takes the request's correlation id (`ets_shared.http.correlation`), echoes it on the response and puts it in the
  log context (every line logged while it runs carries it);
- starts the server span `HTTP <method> <route>` (the child of the caller's `traceparent`, if any) when tracing is
  on, so the request's SQL and the events it writes to the outbox belong to its trace;
- observes its latency in `ets_http_request_duration_seconds{method,route,status}` (route: the template, e.g.
  `/reports/{report_id}`; `unmatched` for a path no route serves, so probing paths cannot grow the label set);
- logs one summary line (`POST /reports → 201 in 12.3 ms`); the probes and the platform's own polling reads
  (`/healthz`, `/readyz`, `/metrics`, `/backlog`, `/clock`) at DEBUG.
"""
from __future__ import annotations

import logging
import time

from opentelemetry.trace import SpanKind, Status, StatusCode
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ets_shared.http import correlation
from ets_shared.observability import tracing
from ets_shared.observability.logs import correlation_id_var

log = logging.getLogger("ets.http")
PROBES = frozenset({"/healthz", "/readyz", "/metrics", "/backlog", "/clock"})


class ObservabilityMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        correlation_id = correlation.take(scope)
        runtime = scope["app"].state.runtime
        service = runtime.definition.name
        status = 500
        started = time.perf_counter()

        async def send_observed(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                correlation.echo(message, correlation_id)
            await send(message)

        token = correlation_id_var.set(correlation_id)
        method = scope["method"]
        try:
            if tracing.enabled(service):
                headers = Headers(scope=scope)
                with tracing.start_span(service, f"HTTP {method}", kind=SpanKind.SERVER,
                                        parent={k: headers[k] for k in tracing.TRACE_HEADERS if k in headers},
                                        attributes={"http.request.method": method, "url.path": scope["path"][:500],
                                                    "ets.correlation_id": correlation_id_var.get() or ""}) as span:
                    try:
                        await self.app(scope, receive, send_observed)
                    finally:
                        route = _route_of(scope)
                        span.update_name(f"HTTP {method} {route}")
                        span.set_attribute("http.route", route)
                        span.set_attribute("http.response.status_code", status)
                        if status >= 500:
                            span.set_status(Status(StatusCode.ERROR))
            else:
                await self.app(scope, receive, send_observed)
        finally:
            seconds = time.perf_counter() - started
            route = _route_of(scope)
            runtime.metrics.observe_request(method, route, status, seconds)
            log.log(logging.DEBUG if scope["path"] in PROBES else logging.INFO, "%s %s → %d in %.1f ms", method,
                    route, status, seconds * 1000, extra={"http_method": method, "http_route": route,
                                                          "http_status": status,
                                                          "duration_ms": round(seconds * 1000, 2)})
            correlation_id_var.reset(token)


def _route_of(scope: Scope) -> str:
    route = scope.get("route")
    return getattr(route, "path", None) or "unmatched"
