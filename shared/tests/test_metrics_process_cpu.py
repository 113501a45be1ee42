"""`ets_process_cpu_seconds{process}`: the service's own process's CPU, read at each scrape, and a companion's, sent
with the counts it forwards (`ServiceMetrics.forward_counts`) and set in the first process's registry — what
`ets bench` reads before and after its load for the platform's CPU per order."""
from __future__ import annotations

import time

from ets_shared.observability.metrics import ServiceMetrics

from .test_metrics_batches import REPORT, value


def busy(seconds: float) -> None:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def test_the_service_process_cpu_is_read_at_each_scrape():
    metrics = ServiceMetrics("mrv")
    first = value(metrics, "ets_process_cpu_seconds", process="service")
    busy(0.05)
    second = value(metrics, "ets_process_cpu_seconds", process="service")
    assert first is not None and second is not None and second >= first + 0.05
    assert 'ets_process_cpu_seconds{process="service"}' in metrics.exposition().decode()
    assert value(metrics, "ets_process_cpu_seconds", process="companion") is None  # no companion: no figure


def test_a_companions_cpu_comes_with_its_forwarded_counts():
    first, companion = ServiceMetrics("exchange"), ServiceMetrics("exchange")
    sent: list[bytes] = []
    companion.forward_counts(sent.append)
    companion.count_published([REPORT, REPORT])
    companion.count_consumed(["ets.allocation.registry-transfer.registered.v1"])
    *counts, cpu = sent[-1].decode().splitlines()
    assert counts == ["c\tets.allocation.registry-transfer.registered.v1\t1"]
    assert cpu.startswith("u\t\t") and float(cpu.split("\t")[2]) > 0
    for lines in sent:
        first.add_forwarded(lines)
    assert value(first, "ets_outbox_published_total") == 2
    assert value(first, "ets_process_cpu_seconds", process="companion") == float(cpu.split("\t")[2])
    first.add_forwarded(b"u\t\t0.250\n")  # a companion started again counts from zero
    assert value(first, "ets_process_cpu_seconds", process="companion") == 0.25
