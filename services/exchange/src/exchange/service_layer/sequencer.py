"""The sequencer: the one writer of an exchange process's order entry (M-23 open bidding).

Orders arrive from every entry point (HTTP `POST /orders`, the NATS member gateway) into one queue. A single thread
takes whatever is waiting — up to `max_batch` orders, in arrival order, without waiting for more: under load the
queue fills while the previous batch commits, so batches grow with the load and a lone order is not delayed — and
enters them as one transaction (`order_entry.place_orders`: checks and matching in memory, one commit). Each order's
answer is released only after that commit, so an acknowledged order is durable.

A batch that PostgreSQL aborts as a deadlock or serialization failure (a settlement locking the same balances) is
run again, up to `ATTEMPTS` times: nothing of it committed and the books were forgotten, so it is entered afresh.
A batch that fails otherwise is entered again order by order, so one bad order cannot take the others' answers."""
from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future

from sqlalchemy.exc import DBAPIError

from ets_shared.envelope import MessageContext
from exchange.adapters.order_entry_store import OrderRecord, TradeRecord
from exchange.service_layer import commands
from exchange.service_layer.order_entry import Entry, place_orders
from exchange.service_layer.orders import ATTEMPTS, TRANSIENT_SQLSTATES
from exchange.service_layer.unit_of_work import ExchangeUnitOfWork

log = logging.getLogger("ets.exchange.sequencer")
Placed = tuple[OrderRecord, list[TradeRecord]]
_STOP = object()


class Sequencer:
    def __init__(self, new_uow: Callable[[MessageContext], ExchangeUnitOfWork], max_batch: int = 500) -> None:
        self._new_uow = new_uow
        self.max_batch = max_batch
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self.batches = 0  # batches committed (for the benchmark's report)
        self.entered = 0  # orders answered

    def submit(self, member_id: str, cmd: commands.PlaceOrder, context: MessageContext) -> Future[Placed]:
        """Queue an order; the future is its answer (the order and its trades, or the refusal raised)."""
        if self._thread is None:
            self._start()
        answer: Future[Placed] = Future()
        self._queue.put(((member_id, cmd, context), answer))
        return answer

    def _start(self) -> None:
        with self._start_lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="exchange-sequencer", daemon=True)
                self._thread.start()

    def stop(self) -> None:
        """Answers what is queued, then ends the thread."""
        with self._start_lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(_STOP)
            thread.join()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is _STOP:
                return
            batch = [item]
            stop = False
            while len(batch) < self.max_batch:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is _STOP:
                    stop = True
                    break
                batch.append(item)
            self._enter(batch)
            if stop:
                return

    def _enter(self, batch: list[tuple[Entry, Future]]) -> None:
        entries = [entry for entry, _answer in batch]
        for attempt in range(1, ATTEMPTS + 1):
            try:
                outcomes = place_orders(self._new_uow(entries[0][2]), entries)
                break
            except DBAPIError as error:
                if getattr(error.orig, "sqlstate", None) in TRANSIENT_SQLSTATES and attempt < ATTEMPTS:
                    continue
                self._failed(batch, error)
                return
            except Exception as error:  # noqa: BLE001 - answered to the callers, never lost in the thread
                self._failed(batch, error)
                return
        self.batches += 1
        for (_entry, answer), outcome in zip(batch, outcomes, strict=True):
            if isinstance(outcome, Exception):
                answer.set_exception(outcome)
            else:
                answer.set_result(outcome)
        self.entered += len(batch)

    def _failed(self, batch: list[tuple[Entry, Future]], error: Exception) -> None:
        if len(batch) > 1:
            log.warning("a batch of %d orders failed (%r); entering them one by one", len(batch), error)
            for item in batch:
                self._enter([item])
            return
        log.exception("order entry failed", exc_info=error)
        batch[0][1].set_exception(error)
        self.entered += 1
