"""`GroupCommit`'s gathering (`gather_seconds`): under concurrent writers a batch waits for the items behind it; a
lone item is never delayed."""
from __future__ import annotations

import threading
import time

from ets_shared.group_commit import GroupCommit


def test_a_batch_under_concurrent_writers_gathers_the_items_that_follow_and_a_lone_item_is_not_delayed():
    sizes: list[int] = []
    gate = threading.Event()

    def run_batch(items):
        sizes.append(len(items))
        if len(sizes) == 1:
            gate.wait(5)  # the first batch holds the writer thread while two more items queue behind it
        return [item for item, _claim in items]

    group: GroupCommit[str, str] = GroupCommit(run_batch, name="test-gathering", gather_seconds=1.0)
    try:
        first = group.submit("a")
        while not sizes:
            time.sleep(0.001)
        queued = [group.submit("b"), group.submit("c")]
        gate.set()
        assert first.result(5) == "a" and [f.result(5) for f in queued] == ["b", "c"]
        assert sizes == [1, 2]  # a lone first item taken at once; then what had queued, taken at once

        gathered = group.submit("d")  # writers are concurrent (the last batch had two): d waits for e
        time.sleep(0.05)
        late = group.submit("e")
        assert (gathered.result(5), late.result(5)) == ("d", "e")
        assert sizes == [1, 2, 2]

        group.submit("f").result(5)  # gathered for its full second, alone
        started = time.monotonic()
        assert group.submit("g").result(5) == "g"  # after a lone item: taken at once
        assert time.monotonic() - started < 0.5
        assert sizes == [1, 2, 2, 1, 1]
    finally:
        group.stop()


def test_without_gathering_a_batch_takes_only_what_is_waiting():
    sizes: list[int] = []
    group: GroupCommit[str, str] = GroupCommit(lambda items: sizes.append(len(items)) or [i for i, _ in items],
                                               name="test-no-gathering")
    try:
        for item in ("a", "b", "c"):
            assert group.submit(item).result(5) == item
            time.sleep(0.01)
        assert sizes == [1, 1, 1]
    finally:
        group.stop()
