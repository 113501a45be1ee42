"""`ets bench` reports the machine's cross-CPU wake-up cost next to its figures (ets_cli.machine_probe)."""
import os

import pytest

from ets_cli import machine_probe


@pytest.mark.skipif(not hasattr(os, "sched_getaffinity") or len(os.sched_getaffinity(0)) < 2,
                    reason="needs two CPUs to pin the two processes apart")
def test_round_trip_is_measured_between_two_cpus_and_leaves_the_affinity_as_it_was():
    before = os.sched_getaffinity(0)
    us = machine_probe.wakeup_round_trip_us(200)
    assert us is not None and 0 < us < 1_000_000
    assert os.sched_getaffinity(0) == before
    assert machine_probe.describe(us) == f"{us:.0f} µs"


def test_one_cpu_is_not_measurable(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    monkeypatch.setattr(os, "sched_setaffinity", lambda pid, cpus: None, raising=False)
    assert machine_probe.wakeup_round_trip_us(10) is None
    assert machine_probe.describe(None) == "not measurable here"
