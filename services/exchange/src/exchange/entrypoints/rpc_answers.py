"""The sequencer's answers brought back to the event loop of the NATS order gateway, one wake-up per batch.

The sequencer (a thread) releases a batch's answers one after another once its commit is done. Waiting on each
with `asyncio.wrap_future` costs a `call_soon_threadsafe` per order — a write to the loop's wake-up pipe and a loop
turn each — and about a twentieth of the exchange process's time per order in the benchmark. Here the answers that
arrive while one wake-up is pending ride on it: the first answer of a batch schedules it, the others only join the
list. Nothing is answered before its future is done, so an order is still acknowledged only after its batch
committed."""
from __future__ import annotations

import asyncio
import threading
from concurrent.futures import Future


class LoopAnswers:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ready: list[asyncio.Future[None]] = []
        self._scheduled: set[asyncio.AbstractEventLoop] = set()

    async def all_of(self, futures: list[Future]) -> None:
        """Return once every future is done (their outcomes are then read from them)."""
        if not futures:
            return
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[None] = loop.create_future()
        left = [len(futures)]

        def answered(_future: Future) -> None:
            with self._lock:
                left[0] -= 1
                if left[0]:
                    return
                self._ready.append(waiter)
                if loop in self._scheduled:
                    return
                self._scheduled.add(loop)
            if not loop.is_closed():
                loop.call_soon_threadsafe(self._release, loop)

        for future in futures:
            future.add_done_callback(answered)
        await waiter

    def _release(self, loop: asyncio.AbstractEventLoop) -> None:
        with self._lock:
            self._scheduled.discard(loop)
            mine = [w for w in self._ready if w.get_loop() is loop]
            self._ready = [w for w in self._ready if w.get_loop() is not loop]
        for waiter in mine:
            if not waiter.done():
                waiter.set_result(None)
