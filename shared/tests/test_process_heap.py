"""A started service freezes its startup heap (issue 10: the collector's full collections walked the ~200,000
startup objects every thousand requests or so), after collecting what startup left unreachable; and the platform's
middlewares read request headers straight from the scope with Starlette's answer."""
from __future__ import annotations

import gc

import pytest
from starlette.datastructures import Headers

from ets_shared.http.raw_headers import header
from ets_shared.runtime import freeze_startup_heap


def test_a_started_service_freezes_its_heap_after_collecting_startup_garbage():
    class Cycle:
        def __init__(self) -> None:
            self.me = self

    thresholds = gc.get_threshold()
    gc.collect()
    gc.unfreeze()
    garbage = Cycle()
    del garbage  # unreachable cyclic garbage left by "startup": collected, not frozen for ever
    collected = []
    gc.callbacks.append(lambda phase, info: collected.append(info["collected"]) if phase == "stop" else None)
    try:
        freeze_startup_heap()
        frozen, young = gc.get_freeze_count(), gc.get_threshold()[0]
    finally:
        gc.callbacks.pop()
        gc.unfreeze()
        gc.set_threshold(*thresholds)
    assert frozen > 1000 and sum(collected) >= 1 and young == 20_000


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
