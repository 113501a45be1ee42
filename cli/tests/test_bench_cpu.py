"""`ets bench`'s platform CPU: each service's `ets_process_cpu_seconds` read from the text its `/metrics` serves,
the difference over the load per service and process (a process that started again counts from zero), and the
line it prints."""
from __future__ import annotations

from ets_cli.bench_cpu import parse, report, used
from ets_shared.observability.metrics import ServiceMetrics


def test_the_cpu_of_each_process_is_read_from_a_services_metrics():
    metrics = ServiceMetrics("exchange")
    metrics.add_forwarded(b"u\t\t12.5\n")
    seconds = parse(metrics.exposition().decode())
    assert set(seconds) == {"service", "companion"} and seconds["companion"] == 12.5 and seconds["service"] > 0
    assert parse('ets_outbox_published_total 3.0\n# HELP x\n') == {}


def test_cpu_used_over_the_load_per_service_and_a_restarted_process_from_zero():
    before = {"exchange": {"service": 10.0, "companion": 8.0}, "allocation": {"service": 5.0}, "mrv": {}}
    after = {"exchange": {"service": 17.0, "companion": 2.0}, "allocation": {"service": 9.5}, "mrv": {}}
    assert used(before, after) == {"exchange": {"service": 7.0, "companion": 2.0}, "allocation": {"service": 4.5}}


def test_the_report_names_each_service_its_cost_per_order_and_the_cores_used():
    line = report({"exchange": {"service": 7.0, "companion": 5.0}, "allocation": {"service": 4.0}},
                  orders=40_000, seconds=13.0, cores=2)
    assert line.index("exchange 12.00 s (300 µs per order; its companion 5.00 s)") < line.index(
        "allocation 4.00 s (100 µs per order)")
    assert line.endswith("16.0 s in all, 400 µs per order: 1.23 of this host's 2 cores over 13.0 s")
    assert report({}, orders=10, seconds=1.0, cores=2) == "the platform's CPU: not exported by its services"
