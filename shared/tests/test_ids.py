"""`ets_shared.ids`: time-ordered (version 7) UUIDs from a per-thread buffer of kernel randomness, the ids the hot
paths key their indexes on — events, correlation ids, orders, trades, registry transactions."""
from __future__ import annotations

import re
import threading
import time
import uuid

from ets_shared import ids
from ets_shared.contracts.calendar import CalendarTick
from ets_shared.envelope import MessageContext, wrap

PER_BATCH = ids._BATCH // ids._RANDOM_BYTES


def _millis(u: uuid.UUID) -> int:
    return u.int >> 80


def test_ordered_uuids_are_version_7_and_distinct_across_buffer_refills_and_threads():
    drawn: list[uuid.UUID] = []

    def draw() -> None:
        drawn.extend(ids.ordered_uuid() for _ in range(3 * PER_BATCH + 7))  # three refills and some

    threads = [threading.Thread(target=draw) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(drawn) == 4 * (3 * PER_BATCH + 7) == len(set(drawn))
    assert all(u.version == 7 and u.variant == uuid.RFC_4122 for u in drawn)


def test_an_ordered_uuid_starts_with_the_unix_milliseconds_it_was_made_in():
    before = time.time_ns() // 1_000_000
    made = ids.ordered_uuid()
    after = time.time_ns() // 1_000_000
    assert before <= _millis(made) <= after


def test_ids_made_in_a_later_millisecond_sort_after_the_earlier_ones_as_text_and_as_ids():
    earlier = [ids.ordered_uuid() for _ in range(50)]
    start = _millis(earlier[-1])
    while time.time_ns() // 1_000_000 <= start:
        time.sleep(0.0005)
    later = [ids.ordered_uuid() for _ in range(50)]
    assert max(earlier) < min(later)
    assert max(map(str, earlier)) < min(map(str, later))  # the text an index stores sorts the same way
    first, second = ids.ordered_id("ORD"), None
    while second is None or _millis(uuid.UUID(second[4:])) == _millis(uuid.UUID(first[4:])):
        second = ids.ordered_id("ORD")
    assert first < second


def test_ordered_ids_keep_74_random_bits_beside_the_time():
    mask = (1 << 74) - 1
    made = [ids.ordered_uuid() for _ in range(2000)]
    drawn = [((u.int >> 64) & 0xFFF) << 62 | (u.int & ((1 << 62) - 1)) for u in made]  # rand_a, rand_b
    ones = zeros = 0
    for random_part in drawn:
        ones |= random_part
        zeros |= ~random_part & mask
    assert ones == zeros == mask  # every one of the 74 bits varies
    assert re.fullmatch(r"TRD-[0-9a-f]{32}", ids.ordered_id("TRD"))
    assert uuid.UUID(ids.ordered_id("TRD")[4:]).version == 7


def test_events_and_new_contexts_get_time_ordered_ids():
    context = MessageContext.new("clock")
    envelope = wrap(CalendarTick(now="2026-01-01T00:00:00Z"), producer="allocation", context=context)
    assert envelope.event_id.version == 7 and uuid.UUID(context.correlation_id).version == 7


def test_a_forked_child_does_not_draw_its_parents_ids():
    import os

    ids.ordered_uuid()  # the parent's buffer is filled
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its next id, to the parent
        os.write(write, ids.ordered_uuid().bytes)
        os._exit(0)
    os.waitpid(pid, 0)
    assert os.read(read, 16)[6:] != ids.ordered_uuid().bytes[6:]


def test_an_id_made_of_its_bits_is_the_uuid_the_constructor_makes_and_its_text_is_its_str():
    import copy
    import pickle
    import random

    rng = random.Random(5)
    for bits in (0, 1, (1 << 128) - 1, 0x0123456789ABCDEF0123456789ABCDEF,
                 *(ids.ordered_int() for _ in range(200)), *(rng.getrandbits(128) for _ in range(200))):
        made, expected = ids.uuid_of(bits), uuid.UUID(int=bits)
        assert (made, hash(made), str(made), made.hex, made.is_safe) == (
            expected, hash(expected), str(expected), expected.hex, expected.is_safe)
        assert ids.uuid_text(bits) == str(expected) and uuid.UUID(ids.uuid_text(bits)) == expected
        assert pickle.loads(pickle.dumps(made)) == copy.copy(made) == expected
    assert type(ids.ordered_uuid()) is uuid.UUID and ids.ordered_uuid().version == 7
