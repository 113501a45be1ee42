"""`ets bench --exchange`'s group-commit line: each group commit's batches, items, busy time and its thread's CPU read
from the text a service's `/metrics` serves (as a running group commit reports them), the difference over the load,
and a line per group commit that committed a batch."""
from __future__ import annotations

import time

from ets_cli.bench_cpu import used
from ets_cli.bench_group_commit import parse, report
from ets_shared.group_commit import GroupCommit
from ets_shared.observability.metrics import ServiceMetrics


def _spin(seconds: float) -> None:
    until = time.thread_time() + seconds
    while time.thread_time() < until:
        pass


def test_a_running_group_commit_s_figures_are_read_from_its_services_metrics():
    metrics = ServiceMetrics("exchange")
    group: GroupCommit[int, int] = GroupCommit(lambda claimed: (_spin(0.02), [item * 2 for item, _ in claimed])[1],
                                               name="exchange-sequencer")
    metrics.watch_group_commit(group)
    assert parse(metrics.exposition().decode()) == {}  # nothing until a scrape reads the group commit
    answers = [group.submit(n) for n in range(5)]
    assert [answer.result(timeout=10) for answer in answers] == [0, 2, 4, 6, 8]
    group.stop()  # its account is complete once its thread has ended
    metrics.update_state({"outbox_unpublished": 0}, {})
    figures = parse(metrics.exposition().decode())
    batches = figures["batches\texchange-sequencer"]
    assert 1 <= batches <= 5 and figures["entries\texchange-sequencer"] == 5
    assert figures["cpu_seconds\texchange-sequencer"] >= 0.02 * batches * 0.9  # each batch spun 20 ms of CPU
    assert figures["busy_seconds\texchange-sequencer"] >= figures["cpu_seconds\texchange-sequencer"] * 0.9
    assert parse("ets_process_cpu_seconds{process=\"service\"} 3.0\n") == {}


def test_the_report_gives_each_group_commit_its_batches_busy_share_and_cpu_per_item():
    before = {"exchange": {"batches\texchange-sequencer": 10, "entries\texchange-sequencer": 100,
                           "busy_seconds\texchange-sequencer": 1.0, "cpu_seconds\texchange-sequencer": 0.5},
              "allocation": {"batches\tallocation-surrenders": 3, "entries\tallocation-surrenders": 3,
                             "busy_seconds\tallocation-surrenders": 0.1, "cpu_seconds\tallocation-surrenders": 0.1},
              "mrv": {}}
    after = {"exchange": {"batches\texchange-sequencer": 1610, "entries\texchange-sequencer": 50_100,
                          "busy_seconds\texchange-sequencer": 10.2, "cpu_seconds\texchange-sequencer": 5.5},
             "allocation": {"batches\tallocation-surrenders": 3, "entries\tallocation-surrenders": 3,
                            "busy_seconds\tallocation-surrenders": 0.1, "cpu_seconds\tallocation-surrenders": 0.1},
             "mrv": {}}
    assert report(used(before, after), seconds=10.0) == [
        "exchange's exchange-sequencer over the load: 1,600 batches of 31.2 items on average; busy 9.20 s of "
        "10.0 s (92%), its thread's CPU 5.00 s (100 µs per item)"]
    assert report({}, seconds=10.0) == []
