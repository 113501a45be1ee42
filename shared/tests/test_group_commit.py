"""`GroupCommit.answer`: callers on an event loop get their own outcome or refusal, a batch's answers handed to the
loop together; a caller that went away (cancelled) costs the others nothing; `submit`'s thread futures still work
beside them; a batch that fails is applied item by item."""
from __future__ import annotations

import asyncio
import threading
import time

import pytest

from ets_shared.errors import RuleViolation
from ets_shared.group_commit import GroupCommit, Gathered


def doubling(batches: list[list[int]], gate: threading.Event | None = None):
    def run(claimed):
        if gate is not None:
            gate.wait(5)
        items = [item for item, _claim in claimed]
        batches.append(items)
        if 99 in items and len(items) > 1:
            raise RuntimeError("the batch fails as a whole")
        return [RuleViolation(f"{i} refused") if i < 0 else i * 2 for i in items]
    return run


async def test_answers_on_the_loop_are_each_callers_own():
    batches: list[list[int]] = []
    gate = threading.Event()
    group: GroupCommit[int, int] = GroupCommit(doubling(batches, gate), name="test")
    waiting = [asyncio.ensure_future(group.answer(i)) for i in (1, -2, 3, 4)]
    await asyncio.sleep(0.05)
    gate.set()
    outcomes = await asyncio.gather(*waiting, return_exceptions=True)
    assert outcomes[0] == 2 and outcomes[2:] == [6, 8]
    assert isinstance(outcomes[1], RuleViolation) and outcomes[1].detail == "-2 refused"
    assert sum(len(b) for b in batches) == 4 and group.entered == 4
    assert await asyncio.wrap_future(group.submit(5)) == 10  # a thread's future beside the loop's
    await asyncio.to_thread(group.stop)


async def test_a_cancelled_caller_does_not_stop_the_others():
    batches: list[list[int]] = []
    gate = threading.Event()
    group: GroupCommit[int, int] = GroupCommit(doubling(batches, gate), name="test")
    gone = asyncio.ensure_future(group.answer(1))
    kept = asyncio.ensure_future(group.answer(2))
    await asyncio.sleep(0.05)
    gone.cancel()
    gate.set()
    assert await kept == 4
    assert await group.answer(3) == 6  # the writer thread still runs
    with pytest.raises(asyncio.CancelledError):
        await gone
    await asyncio.to_thread(group.stop)


async def test_a_failed_batch_is_answered_item_by_item():
    batches: list[list[int]] = []
    gate = threading.Event()
    group: GroupCommit[int, int] = GroupCommit(doubling(batches, gate), name="test")
    waiting = [asyncio.ensure_future(group.answer(i)) for i in (7, 99, 8)]
    await asyncio.sleep(0.05)
    gate.set()
    outcomes = await asyncio.gather(*waiting, return_exceptions=True)
    assert outcomes == [14, 198, 16]
    await asyncio.to_thread(group.stop)


async def test_items_submitted_together_are_answered_together_in_their_order():
    """`submit_all`: one `done` with every item's outcome or refusal in the items' order, called once, after the
    last item's batch — also when the items span batches, and when a batch fails and is applied item by item."""
    batches: list[list[int]] = []
    gate = threading.Event()
    group: GroupCommit[int, int] = GroupCommit(doubling(batches, gate), name="test", max_batch=3)
    loop = asyncio.get_running_loop()
    answered: list[asyncio.Future] = [loop.create_future() for _ in range(2)]
    calls: list[int] = []

    def done_for(n: int):
        def done(outcomes: list) -> None:
            calls.append(n)
            loop.call_soon_threadsafe(answered[n].set_result, list(outcomes))
        return done

    group.submit_all([1, -2, 3, 4, 5], done_for(0))  # two batches of at most three
    group.submit_all([7, 99, 8], done_for(1))  # 99 fails its batch as a whole: applied item by item
    gate.set()
    first, second = await asyncio.wait_for(asyncio.gather(*answered), 5)
    assert first[0] == 2 and first[2:] == [6, 8, 10] and isinstance(first[1], RuleViolation)
    assert second == [14, 198, 16]
    assert sorted(calls) == [0, 1] and max(len(b) for b in batches) <= 3 and group.entered == 8
    await asyncio.to_thread(group.stop)


def test_a_failing_done_does_not_stop_the_writer():
    gathered = Gathered(1, lambda _outcomes: 1 / 0)
    gathered.set(0, "answer")  # logged, not raised into the writer thread
    assert gathered.outcomes == ["answer"]


async def test_a_requests_items_are_queued_as_one_entry_and_batched_in_arrival_order():
    """`submit_all` puts a request's items in the queue as one entry: the writer takes them whole, beside single
    items in arrival order, and a request longer than `max_batch` fills this batch and opens the next."""
    batches: list[list[int]] = []
    gate = threading.Event()
    group: GroupCommit[int, int] = GroupCommit(doubling(batches, gate), name="test", max_batch=4)
    loop = asyncio.get_running_loop()
    answered = loop.create_future()
    first = asyncio.ensure_future(group.answer(1))
    await asyncio.sleep(0.05)  # the writer holds [1] at the gate
    group.submit_all(list(range(10, 20)), lambda outcomes: loop.call_soon_threadsafe(answered.set_result, outcomes))
    assert group._queue.qsize() == 1
    last = asyncio.ensure_future(group.answer(2))
    await asyncio.sleep(0.05)
    gate.set()
    assert await asyncio.wait_for(answered, 5) == [n * 2 for n in range(10, 20)]
    assert await first == 2 and await last == 4
    assert batches == [[1], [10, 11, 12, 13], [14, 15, 16, 17], [18, 19, 2]]
    await asyncio.to_thread(group.stop)


def test_stopping_answers_a_requests_items_left_beyond_a_batch():
    batches: list[list[int]] = []
    gate = threading.Event()
    group: GroupCommit[int, int] = GroupCommit(doubling(batches, gate), name="test", max_batch=2)
    first = group.submit(0)
    _until(lambda: group._queue.qsize() == 0)  # the writer holds [0] at the gate
    answered: list[list] = []
    group.submit_all([1, 2, 3, 4, 5], answered.append)
    stopping = threading.Thread(target=group.stop)
    stopping.start()
    _until(lambda: group._queue.qsize() == 2)  # the request and the stop both queued behind the held batch
    gate.set()
    stopping.join(5)
    assert first.result(0) == 0 and answered == [[2, 4, 6, 8, 10]]
    assert batches == [[0], [1, 2], [3, 4], [5]]


def _until(condition) -> None:
    for _ in range(500):
        if condition():
            return
        time.sleep(0.01)
    raise AssertionError("not reached in 5 s")
