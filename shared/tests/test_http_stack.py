"""The platform's HTTP stack: one outermost middleware takes the correlation id, echoes it on every response (a
given one, cut to 100 characters, or a new one) and observes the request — no separate correlation layer wrapping
each request's `send` again."""
from __future__ import annotations

import uuid

from fastapi.testclient import TestClient
from toy_service import build_runtime

from ets_shared.http.body_guard import BodyGuardMiddleware
from ets_shared.http.idempotency import IdempotencyMiddleware
from ets_shared.observability.middleware import ObservabilityMiddleware
from ets_shared.settings import ServiceSettings


def client(tmp_path) -> TestClient:
    settings = ServiceSettings.for_service("exchange", database_url=f"sqlite:///{tmp_path}/toy.db")
    return TestClient(build_runtime(settings).http)


def test_the_platform_layers_are_observability_idempotency_and_body_guard_outermost_first(tmp_path):
    layers = [middleware.cls for middleware in client(tmp_path).app.user_middleware]
    assert layers == [ObservabilityMiddleware, IdempotencyMiddleware, BodyGuardMiddleware]


def test_every_response_echoes_the_given_correlation_id_or_a_new_one(tmp_path):
    http = client(tmp_path)
    given = http.get("/nowhere", headers={"X-Correlation-Id": "case-7"})
    assert given.status_code == 404 and given.headers["x-correlation-id"] == "case-7"
    long = http.get("/nowhere", headers={"X-Correlation-Id": "x" * 300})
    assert long.headers["x-correlation-id"] == "x" * 100
    made_up = http.post("/members", content=b"{[", headers={"Content-Type": "application/json"})
    assert made_up.status_code in (400, 401, 422) and uuid.UUID(made_up.headers["x-correlation-id"])
