"""`ets bench`'s write-lock line: each writer's wait and hold read from the text a service's `/metrics` serves, the
difference over the load, and the line printed per service whose lock was held."""
from __future__ import annotations

from ets_cli.bench_cpu import used
from ets_cli.bench_write_lock import parse, report
from ets_shared.observability.metrics import ServiceMetrics


def test_each_writer_s_wait_and_hold_are_read_from_a_services_metrics():
    metrics = ServiceMetrics("exchange")
    metrics.add_forwarded(b"w\tconsumer\t1.5\nh\tconsumer\t3.25\nu\t\t2.0\n")
    metrics.write_lock_held.labels(process="service", writer="exchange-sequencer").set(5.5)
    figures = parse(metrics.exposition().decode())
    assert figures == {"wait\tcompanion\tconsumer": 1.5, "held\tcompanion\tconsumer": 3.25,
                       "held\tservice\texchange-sequencer": 5.5}
    assert parse("ets_process_cpu_seconds{process=\"service\"} 3.0\n") == {}


def test_the_report_gives_each_service_s_lock_its_busy_share_and_its_writers_the_most_first():
    before = {"exchange": {"held\tservice\texchange-sequencer": 1.0, "wait\tservice\texchange-sequencer": 0.5,
                           "held\tcompanion\tconsumer": 2.0, "wait\tcompanion\tconsumer": 0.0},
              "mrv": {}}
    after = {"exchange": {"held\tservice\texchange-sequencer": 6.4, "wait\tservice\texchange-sequencer": 3.1,
                          "held\tcompanion\tconsumer": 5.1, "wait\tcompanion\tconsumer": 1.9,
                          "held\tcompanion\trelay": 0.5, "wait\tcompanion\trelay": 1.4},
             "mrv": {"held\tservice\tother": 0.001}}
    lines = report(used(before, after), seconds=10.0)
    assert lines == ["exchange's write lock (SQLite) over the load and the drain: held 9.00 s of 10.0 s (90%) — "
                     "exchange-sequencer 5.40 s (waited 2.60 s) · its companion's consumer 3.10 s (waited 1.90 s) · "
                     "its companion's relay 0.50 s (waited 1.40 s)"]
    assert report({}, seconds=10.0) == []
