"""The FastAPI application of a service: platform routes, problem handlers, correlation and idempotency."""
from __future__ import annotations

from typing import Any

from fastapi import Depends, FastAPI

from ets_shared.http.body_guard import BodyGuardMiddleware
from ets_shared.http.idempotency import IdempotencyMiddleware
from ets_shared.http.input_guard import guard_inputs
from ets_shared.http.openapi import install_error_responses
from ets_shared.http.platform_routes import health_router, policy_router, records_router
from ets_shared.http.problems import install_problem_handlers
from ets_shared.http.route_index import install_route_index
from ets_shared.observability.middleware import ObservabilityMiddleware
from ets_shared.observability.routes import operability_router


def create_http_app(runtime: Any) -> FastAPI:
    definition = runtime.definition
    # FastAPI's native OpenTelemetry off: the platform's own `ObservabilityMiddleware` traces and measures each
    # request (with the service's own tracer provider, never a global one — so FastAPI's stayed off anyway, after
    # checking the global providers on every request: 4 % of allocation's CPU per surrender)
    app = FastAPI(title=f"ETS {definition.title}", version=definition.version, description=definition.description,
                  lifespan=runtime.lifespan, dependencies=[Depends(guard_inputs)],
                  telemetry={"tracing": False, "metrics": False, "logs": False, "operation_spans": False})
    app.state.runtime = runtime
    install_problem_handlers(app)
    app.add_middleware(BodyGuardMiddleware)
    app.add_middleware(IdempotencyMiddleware)
    app.add_middleware(ObservabilityMiddleware)  # outermost: it takes and echoes the correlation id
    app.include_router(health_router())
    app.include_router(records_router())
    app.include_router(operability_router())
    if definition.policy is not None:
        app.include_router(policy_router(*definition.policy))
    for router in definition.routers:
        app.include_router(router)
    install_error_responses(app)
    install_route_index(app)
    return app
