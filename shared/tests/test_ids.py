"""`ets_shared.ids.random_uuid`: version-4 UUIDs from a per-thread buffer of kernel randomness."""
from __future__ import annotations

import threading
import uuid

from ets_shared import ids


def test_random_uuids_are_version_4_and_distinct_across_buffer_refills_and_threads():
    drawn: list[uuid.UUID] = []

    def draw() -> None:
        drawn.extend(ids.random_uuid() for _ in range(3 * ids._BATCH // 16 + 7))  # three refills and some

    threads = [threading.Thread(target=draw) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(drawn) == 4 * (3 * ids._BATCH // 16 + 7) == len(set(drawn))
    assert all(u.version == 4 and u.variant == uuid.RFC_4122 for u in drawn)


def test_a_forked_child_does_not_draw_its_parents_ids():
    import os

    ids.random_uuid()  # the parent's buffer is filled
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its next id, to the parent
        os.write(write, ids.random_uuid().bytes)
        os._exit(0)
    os.waitpid(pid, 0)
    assert os.read(read, 16) != ids.random_uuid().bytes
