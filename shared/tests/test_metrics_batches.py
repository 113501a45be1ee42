"""A relayed or consumed batch is counted per subject: the same totals as one count per event, with one `labels()`
lookup per subject of the batch (per event, it was a tenth of the relay's CPU)."""
from __future__ import annotations

from ets_shared.observability.metrics import ServiceMetrics

REPORT = "ets.mrv.report.submitted.v1"


def value(metrics: ServiceMetrics, name: str, **labels: str) -> float | None:
    return metrics.registry.get_sample_value(name, labels)


def counting_labels(metric) -> list[dict]:
    calls: list[dict] = []
    original = metric.labels

    def labels(*args, **kwargs):
        calls.append(kwargs)
        return original(*args, **kwargs)

    metric.labels = labels
    return calls


def test_a_published_batch_counts_every_event_and_each_business_figure_once_per_subject():
    metrics = ServiceMetrics("mrv")
    calls = counting_labels(metrics.business)
    metrics.count_published([REPORT, "ets.mrv.other.v1", REPORT, REPORT])
    metrics.count_published(iter([REPORT]))
    assert value(metrics, "ets_outbox_published_total") == 5
    assert value(metrics, "ets_business_events_total", kind="reports") == 4
    assert calls == [{"kind": "reports"}, {"kind": "reports"}]


def test_a_consumed_batch_counts_each_subject_with_one_lookup():
    metrics = ServiceMetrics("exchange")
    calls = counting_labels(metrics.consumed)
    metrics.count_consumed(s for s in ["a.v1", "b.v1", "a.v1", "a.v1"])
    metrics.count_consumed(("b.v1",))
    assert value(metrics, "ets_events_consumed_total", subject="a.v1") == 3
    assert value(metrics, "ets_events_consumed_total", subject="b.v1") == 2
    assert calls == [{"subject": "a.v1"}, {"subject": "b.v1"}, {"subject": "b.v1"}]
