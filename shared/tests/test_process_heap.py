"""A served process freezes its startup heap before it serves (issue 10: the collector's full collections walked
the ~200,000 startup objects every thousand requests or so), after collecting what startup left unreachable; and
the platform's middlewares read request headers straight from the scope with Starlette's answer."""
from __future__ import annotations

import gc
from types import SimpleNamespace

import pytest
from starlette.datastructures import Headers

from ets_shared import serve as serve_module
from ets_shared.http.raw_headers import header


def test_serve_freezes_the_startup_heap_before_uvicorn_runs(monkeypatch):
    seen = {}

    def run(app, **_options):
        seen["frozen"] = gc.get_freeze_count()
        seen["app"] = app

    class Cycle:
        def __init__(self) -> None:
            self.me = self

    garbage = Cycle()
    runtime = SimpleNamespace(definition=SimpleNamespace(name="allocation"), http="the app",
                              settings=SimpleNamespace(host="127.0.0.1", port=1, log_level="INFO", log_format="text"))
    monkeypatch.setattr(serve_module.uvicorn, "run", run)
    monkeypatch.setattr(serve_module, "configure_logging", lambda *_: None)
    gc.collect()
    gc.unfreeze()
    del garbage  # unreachable cyclic garbage left by "startup": collected, not frozen for ever
    collected = []
    gc.callbacks.append(lambda phase, info: collected.append(info["collected"]) if phase == "stop" else None)
    try:
        serve_module.serve(lambda: runtime)
    finally:
        gc.callbacks.pop()
        gc.unfreeze()
    assert seen["app"] == "the app"
    assert seen["frozen"] > 1000
    assert sum(collected) >= 1


@pytest.mark.parametrize("raw", [
    [],
    [(b"host", b"x")],
    [(b"idempotency-key", b"k1"), (b"idempotency-key", b"k2")],
    [(b"content-type", "application/json; charset=\xe9".encode("latin-1"))],
    [(b"x-correlation-id", b"")],
])
@pytest.mark.parametrize("name", ["idempotency-key", "content-type", "x-correlation-id", "host"])
def test_a_header_read_from_the_scope_is_starlettes_first_value(raw, name):
    scope = {"type": "http", "headers": raw}
    assert header(scope, name.encode()) == Headers(scope=scope).get(name, "")
    assert header(scope, name.encode(), "none") == Headers(scope=scope).get(name, "none")
