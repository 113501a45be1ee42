"""Group commit: many concurrent single-item writes answered by one transaction.

Writers (HTTP requests, RPC handlers) `submit` an item and wait on its future (or `submit_all` a request's items and
get their outcomes in one call). One thread per `GroupCommit` takes whatever is waiting — up to `max_batch` items,
in arrival order, without waiting for more: under load the queue fills while the previous batch commits, so batches
grow with the load and a lone item is not delayed — and hands them to `run_batch(items)`, which applies them in one
transaction and returns one outcome per item: its result, or the refusal (an exception) that answers that item
alone. Each answer is released only after the commit, so an acknowledged item is durable. Each item travels with the
submitting request's claim on an `Idempotency-Key` (`ets_shared.persistence.claims`, a context variable that does
not reach the writer thread by itself): `run_batch` receives `(item, claim)` pairs and must stamp each applied
item's claim in the batch's transaction, so that a claim a retry took over refuses its own item alone — either each
claimed item in a savepoint of its own (allocation's surrenders), or the batch judged again without the item whose
stamp failed, when the items of a batch depend on each other (the exchange's orders on its books, the registry's
transfers on its balances).

A batch that PostgreSQL aborts as a deadlock or serialization failure is run again, up to `ATTEMPTS` times: nothing
of it committed. A batch that fails otherwise is run again item by item, so one bad item cannot take the others'
answers. Used by the exchange's order entry (its sequencer), allocation's surrenders and its registry's transfers.

A group commit keeps account of its writer: batches and items answered, and the seconds its thread spent on them —
wall time (`busy`: from taking a batch to releasing its answers, waits for the write lock and the interpreter lock
included) and its own CPU time (`cpu`, `time.thread_time`). A service's `/metrics` shows them
(`ets_group_commit_*{writer}`) and `ets bench --exchange` prints the sequencer's: on a host where order entry's one
thread is busy all the time, no scheduling of the others shortens an acknowledgement (issue 5's ninth pass).
"""
from __future__ import annotations

import asyncio
import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import Generic, TypeVar

from sqlalchemy.exc import DBAPIError

from ets_shared.persistence.claims import Claim, current_claim
from ets_shared.persistence.write_lock import writer

log = logging.getLogger("ets.group_commit")
Item = TypeVar("Item")
Outcome = TypeVar("Outcome")
TRANSIENT_SQLSTATES = frozenset({"40P01", "40001"})  # PostgreSQL: deadlock detected, serialization failure
ATTEMPTS = 3
_STOP = object()


Claimed = tuple[Item, Claim | None]  # an item and its request's Idempotency-Key claim (None without one)


class Gathered:
    """The answers to several items queued together (`submit_all`: a mass-order request's orders), gathered into one
    list: `done(outcomes)` is called once, when the last is set. Set only by the writer thread (it alone answers),
    so no lock; one object per request instead of a `Future` per item (each with its condition and lock, its
    callback and its `result()`): with the mass reply's single serialisation, the exchange gateway's event loop
    went from 40 to 24 us of CPU per order of mass requests of 20 (issue 5)."""

    __slots__ = ("outcomes", "_left", "_done")

    def __init__(self, count: int, done: Callable[[list[object]], None]) -> None:
        self.outcomes: list[object] = [None] * count
        self._left = count
        self._done = done

    def set(self, n: int, outcome: object) -> None:
        self.outcomes[n] = outcome
        self._left -= 1
        if not self._left:
            try:
                self._done(self.outcomes)
            except Exception:  # the writer thread goes on answering the others
                log.exception("answering %d gathered items failed", len(self.outcomes))


# an item's answer: to a thread (`submit`), on an event loop (`answer`), or its place among others (`submit_all`)
Answer = Future | asyncio.Future | tuple[Gathered, int]


class GroupCommit(Generic[Item, Outcome]):
    def __init__(self, run_batch: Callable[[list[Claimed[Item]]], Sequence[Outcome | Exception]], *, name: str,
                 max_batch: int = 500) -> None:
        self._run_batch = run_batch
        self.name = name
        self.max_batch = max_batch
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self.batches = 0  # batches committed (for the benchmarks' reports)
        self.entered = 0  # items answered
        self.busy = 0.0  # seconds the writer thread spent on batches, wall time and its own CPU (written by it alone)
        self.cpu = 0.0

    def submit(self, item: Item) -> Future[Outcome]:
        """Queue an item with the current request's claim; the future is its answer (its outcome, or the refusal
        raised)."""
        answer: Future[Outcome] = Future()
        self._enqueue(item, answer)
        return answer

    def submit_all(self, items: Sequence[Item], done: Callable[[list[Outcome | Exception]], None]) -> None:
        """Queue `items` in their order, each with the current request's claim; `done(outcomes)` is called once, in
        the writer thread, with every item's outcome (or refusal) in that order once the last is answered — each
        after its batch committed. `items` must not be empty."""
        gathered, claim = Gathered(len(items), done), current_claim.get()  # type: ignore[arg-type]
        if self._thread is None:
            self._start()
        self._queue.put([((item, claim), (gathered, n)) for n, item in enumerate(items)])  # one entry: `_run`

    async def answer(self, item: Item) -> Outcome:
        """`submit` for a caller on an event loop: its outcome (or the refusal raised). A batch's answers to one loop
        are handed over together — one wake-up of the loop per batch, not one per item with a future chained
        across threads for each (`asyncio.wrap_future`): ~5 % of allocation's CPU per surrender (issue 10)."""
        answer: asyncio.Future[Outcome] = asyncio.get_running_loop().create_future()
        self._enqueue(item, answer)
        return await answer

    def _enqueue(self, item: Item, answer: Answer) -> None:
        """Queue an item with the current request's claim and where its answer goes (the writer starts on first use)."""
        if self._thread is None:
            self._start()
        self._queue.put(((item, current_claim.get()), answer))

    def _start(self) -> None:
        with self._start_lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
                self._thread.start()

    def stop(self) -> None:
        """Answers what is queued, then ends the thread."""
        with self._start_lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(_STOP)
            thread.join()

    def _run(self) -> None:
        """Batches of what is waiting, in arrival order: an entry is one item (`submit`, `answer`) or a list of a
        request's items (`submit_all`: one `put` for them all, not one each — and the writer, woken by it, finds
        the request whole); a request's items beyond `max_batch` open the next batch."""
        writer.set(self.name)  # this thread's write transactions, in the write lock's accounting
        get = self._queue.get
        carried: list[tuple[Claimed[Item], Answer]] = []
        while True:
            if carried:
                batch, carried = carried, []
            else:
                entry = get()
                if entry is _STOP:
                    return
                batch = entry if type(entry) is list else [entry]
            stop = False
            while len(batch) < self.max_batch:
                try:
                    entry = self._queue.get_nowait()
                except queue.Empty:
                    break
                if entry is _STOP:
                    stop = True
                    break
                if type(entry) is list:
                    batch.extend(entry)
                else:
                    batch.append(entry)
            if len(batch) > self.max_batch:
                batch, carried = batch[:self.max_batch], batch[self.max_batch:]
            self._timed(batch)
            if stop:
                while carried:
                    batch, carried = carried[:self.max_batch], carried[self.max_batch:]
                    self._timed(batch)
                return

    def _timed(self, batch: list[tuple[Claimed[Item], Answer]]) -> None:
        """`_apply(batch)`, its wall and CPU time added to the writer's account."""
        began, cpu = time.perf_counter(), time.thread_time()
        try:
            self._apply(batch)
        finally:
            self.cpu += time.thread_time() - cpu
            self.busy += time.perf_counter() - began

    def _apply(self, batch: list[tuple[Claimed[Item], Answer]]) -> None:
        items = [item for item, _answer in batch]
        for attempt in range(1, ATTEMPTS + 1):
            try:
                outcomes = self._run_batch(items)
                break
            except DBAPIError as error:
                if getattr(error.orig, "sqlstate", None) in TRANSIENT_SQLSTATES and attempt < ATTEMPTS:
                    continue
                self._failed(batch, error)
                return
            except Exception as error:  # noqa: BLE001 - answered to the callers, never lost in the thread
                self._failed(batch, error)
                return
        self.batches += 1  # counted before any answer is released: a woken caller reads them up to date
        self.entered += len(batch)
        _release([(answer, outcome) for (_item, answer), outcome in zip(batch, outcomes, strict=True)])

    def _failed(self, batch: list[tuple[Claimed[Item], Answer]], error: Exception) -> None:
        if len(batch) > 1:
            log.warning("%s: a batch of %d failed (%r); applying them one by one", self.name, len(batch), error)
            for item in batch:
                self._apply([item])
            return
        log.exception("%s: applying an item failed", self.name, exc_info=error)
        self.entered += 1
        _release([(batch[0][1], error)])


def _release(answers: list[tuple[Answer, object]]) -> None:
    """Set each answer: a thread's future at once, a loop's futures in one call on their loop."""
    on_loops: dict[asyncio.AbstractEventLoop, list[tuple[asyncio.Future, object]]] = {}
    for answer, outcome in answers:
        if isinstance(answer, tuple):
            gathered, n = answer
            gathered.set(n, outcome)
        elif isinstance(answer, asyncio.Future):
            on_loops.setdefault(answer.get_loop(), []).append((answer, outcome))
        else:
            _set(answer, outcome)
    for loop, settled in on_loops.items():
        try:
            loop.call_soon_threadsafe(_set_all, settled)
        except RuntimeError:  # the loop is closed: no one awaits these answers any more
            pass


def _set_all(settled: list[tuple[asyncio.Future, object]]) -> None:
    for answer, outcome in settled:
        if not answer.cancelled():  # a request that went away (its client disconnected) needs no answer
            _set(answer, outcome)


def _set(answer: Future | asyncio.Future, outcome: object) -> None:
    if isinstance(outcome, Exception):
        answer.set_exception(outcome)
    else:
        answer.set_result(outcome)
