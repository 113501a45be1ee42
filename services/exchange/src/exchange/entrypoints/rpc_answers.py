"""The sequencer's answers brought back to the event loop of the NATS order gateway, one wake-up per batch.

The sequencer (a thread) answers a batch's orders once its commit is done. Waiting on each with
`asyncio.wrap_future` costs a `call_soon_threadsafe` per order — a write to the loop's wake-up pipe and a loop turn
each — and about a twentieth of the exchange process's time per order in the benchmark; a `Future` per order, with
its condition, lock, callback and `result()`, cost about as much again. Here a request's orders are queued together
and their outcomes gathered by the writer thread into one list (`GroupCommit.submit_all`), handed over once the last
of them is answered; and the requests answered while one wake-up is pending ride on it: the first of a batch
schedules it, the others only join the list. An order is still acknowledged only after its batch committed.
A single order's request needs no list: it waits on a future of its loop (`GroupCommit.answer`, a batch's answers to
a loop handed over in one wake-up too), 5.5 -> 3.5 us per request against a list of one here (issue 5ah)."""
from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable


def reply_headers(status: int) -> dict[str, str]:
    """A reply's NATS headers: the HTTP status the same request would have had, and the body's type — one dict per
    status, made once (the client reads them, never changes them)."""
    headers = _REPLY_HEADERS.get(status)
    if headers is None:
        headers = _REPLY_HEADERS[status] = {"Status": str(status), "Content-Type": "application/json"}
    return headers


_REPLY_HEADERS: dict[int, dict[str, str]] = {}


class LoopAnswers:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ready: dict[asyncio.AbstractEventLoop, list[asyncio.Future[None]]] = {}  # by loop: a wake-up pending

    async def gathered(self, submit_all: Callable[[Callable[[list[object]], None]], None]) -> list[object]:
        """The outcomes of items queued together: `submit_all(done)` queues them (`GroupCommit.submit_all`), and the
        writer thread calls `done(outcomes)` once, after the last one's batch committed."""
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[None] = loop.create_future()
        outcomes: list[object] = []

        def done(answered: list[object]) -> None:
            outcomes.extend(answered)
            self._wake(loop, waiter)

        submit_all(done)
        await waiter
        return outcomes

    def _wake(self, loop: asyncio.AbstractEventLoop, waiter: asyncio.Future[None]) -> None:
        """`waiter` is answered: released at the loop's next wake-up, scheduled unless one is pending already (the
        loop's list of waiters then exists)."""
        with self._lock:
            ready = self._ready.get(loop)
            if ready is not None:
                ready.append(waiter)
                return
            self._ready[loop] = [waiter]
        if not loop.is_closed():
            loop.call_soon_threadsafe(self._release, loop)

    def _release(self, loop: asyncio.AbstractEventLoop) -> None:
        with self._lock:
            ready = self._ready.pop(loop)
        for waiter in ready:
            if not waiter.done():
                waiter.set_result(None)
