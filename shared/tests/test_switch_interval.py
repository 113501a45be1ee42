"""Both processes of a served service shorten Python's switch interval (`ETS_SWITCH_INTERVAL_MS`): the first
(`ets_shared.serve`) before it serves, the companion (`ets_shared.companion.run`) before its loop runs."""
from __future__ import annotations

import sys
from types import SimpleNamespace

import pytest
from pydantic import ValidationError

from ets_shared import companion, serve
from ets_shared.settings import PlatformSettings


@pytest.fixture
def restored_interval():
    before = sys.getswitchinterval()
    yield
    sys.setswitchinterval(before)


def fake_runtime(interval_ms: float) -> SimpleNamespace:
    settings = SimpleNamespace(switch_interval_ms=interval_ms, companion="inline", companion_nice=0, host="127.0.0.1",
                               port=0, log_level="INFO")
    return SimpleNamespace(settings=settings, definition=SimpleNamespace(name="toy"), http=object(),
                           become_companion=lambda: None, metrics=SimpleNamespace(forward_counts=lambda send: None))


def test_the_served_process_takes_the_switch_interval_before_it_serves(monkeypatch, restored_interval):
    seen: list[float] = []
    monkeypatch.setattr(serve.uvicorn, "run", lambda *args, **kwargs: seen.append(sys.getswitchinterval()))
    monkeypatch.setattr(serve, "configure_logging", lambda *args: None)
    sys.setswitchinterval(0.005)
    serve.serve(lambda: fake_runtime(0.25))
    assert seen == [pytest.approx(0.00025)]


RUNTIME = fake_runtime(0.75)


def test_the_companion_takes_the_switch_interval_before_its_loop_runs(monkeypatch, restored_interval):
    seen: list[float] = []

    def run_loop(coroutine):
        coroutine.close()
        seen.append(sys.getswitchinterval())
    monkeypatch.setattr(companion.asyncio, "run", run_loop)
    monkeypatch.setattr("ets_shared.observability.logs.configure_logging", lambda *args: None)
    sys.setswitchinterval(0.005)
    companion.run(f"{__name__}:{fake_runtime_for_companion.__name__}", -1, -1)
    assert seen == [pytest.approx(0.00075)]


def fake_runtime_for_companion() -> SimpleNamespace:
    return RUNTIME


@pytest.mark.parametrize("interval_ms", [0, 0.01, 101])
def test_a_switch_interval_out_of_bounds_is_refused(interval_ms):
    with pytest.raises(ValidationError, match="switch_interval_ms"):
        PlatformSettings(switch_interval_ms=interval_ms)
