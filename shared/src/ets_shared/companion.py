"""A service's companion process: the event consumers that need none of the first process's memory, and the outbox
relay, on a core of their own.

A Python process runs one thread at a time (the GIL). The exchange's process entered orders (the sequencer), answered
the members' gateway, published its outbox and applied the registry's delivery answers (settlement), all under one
lock: an order waited for the relay and for settlement as much as for the orders ahead of it. Served
(`ets_shared.serve`, `ets-exchange`), a service whose definition names companion events
(`ServiceDefinition.companion`) starts this companion beside itself; the companion applies those events (its own
durable consumers, `<service>-companion--<producer>`, filtered to their subjects) and runs the service's outbox
relay; the first process applies the other events and keeps everything held in memory (the exchange's order books).
Both write the same database — on SQLite queued by its write lock across processes
(`persistence.write_lock`), on PostgreSQL by its row locks — and share one inbox, so an event is applied once
whichever process saw it.

The first process wakes the companion's relay after each of its commits by writing a byte to a pipe (the companion
reads it in its event loop; a full pipe already holds a wake-up). A second pipe carries the companion's counts
(events relayed, applied, dead-lettered) back to the first process, whose `/metrics` shows them as its own.

The companion stops when the wake-up pipe's writing end closes (its parent is gone) or on SIGTERM/SIGINT, after its
consumers hand back what they hold and its relay's last flush. The first process watches it and starts it again if
it ends unasked — what it had not applied is delivered again, what it had not published is still in the outbox.
`ETS_COMPANION=inline` keeps everything in one process (as a runtime built in a test is).
"""
from __future__ import annotations

import asyncio
import importlib
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from ets_shared.nats_process import die_with_parent

if TYPE_CHECKING:
    from ets_shared.runtime import ServiceRuntime

log = logging.getLogger("ets.companion")
RESTART_DELAY_S = 1.0
STEADY_S = 60.0  # a companion that ran this long before it ended is started again after RESTART_DELAY_S


def factory_path(build_runtime: Callable[[], ServiceRuntime]) -> str:
    """`module:function` of a runtime factory, which the companion imports (it runs in a fresh interpreter)."""
    return f"{build_runtime.__module__}:{build_runtime.__qualname__}"


class CompanionProcess:
    """The first process's side: starts the companion, wakes its relay, watches it, stops it."""

    def __init__(self, factory: str, on_counts: Callable[[bytes], None]) -> None:
        self.factory = factory
        self._read, self._write = os.pipe()
        os.set_blocking(self._write, False)
        self._counts, self._counted = os.pipe()  # the companion's counts (`ServiceMetrics.forward_counts`)
        os.set_blocking(self._counts, False)
        self._on_counts = on_counts
        self._partial = b""
        self._started = 0.0
        self.process: subprocess.Popen | None = None
        self._watch: asyncio.Task | None = None
        self._stopping = False
        self.restarts = 0

    def wake(self) -> None:
        """Something was committed: the companion's relay should look (safe from any thread, never blocks)."""
        try:
            os.write(self._write, b"\0")
        except BlockingIOError:
            pass  # the pipe is full of wake-ups the companion has not read yet: one more changes nothing

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def _spawn(self) -> None:
        env = os.environ | {"ETS_MIGRATE_ON_START": "false"}  # the first process migrated before starting it
        self.process = subprocess.Popen(
            [sys.executable, "-m", "ets_shared.companion", self.factory, str(self._read), str(self._counted)],
            env=env, pass_fds=(self._read, self._counted), preexec_fn=die_with_parent)
        self._started = time.monotonic()
        log.info("companion process %d started (%s)", self.process.pid, self.factory)

    def _read_counts(self) -> None:
        try:
            data = self._partial + os.read(self._counts, 65536)
        except BlockingIOError:
            return
        whole, _, self._partial = data.rpartition(b"\n")
        if whole:
            try:
                self._on_counts(whole)
            except Exception:  # a count is never worth the first process
                log.exception("unreadable counts from the companion")

    async def start(self) -> None:
        self._stopping = False
        asyncio.get_running_loop().add_reader(self._counts, self._read_counts)
        self._spawn()
        self._watch = asyncio.create_task(self._watching(), name="companion watch")

    async def _watching(self) -> None:
        failing = 0  # ends in a row, each soon after its start: the next start waits twice as long (at most 60 s)
        while not self._stopping:
            await asyncio.sleep(0.5)
            if self._stopping or self.alive or self.process is None:
                continue
            failing = failing + 1 if time.monotonic() - self._started < STEADY_S else 0
            delay = min(RESTART_DELAY_S * 2 ** failing, 60.0)
            log.error("companion process %d ended unasked (exit %s); starting it again in %.0f s", self.process.pid,
                      self.process.returncode, delay)
            await asyncio.sleep(delay)
            if not self._stopping:
                self.restarts += 1
                self._spawn()

    async def stop(self, timeout: float = 40.0) -> None:
        """Ask the companion to finish (SIGTERM: its consumers hand back, its relay flushes) and wait for it."""
        self._stopping = True
        if self._watch is not None:
            self._watch.cancel()
            self._watch = None
        process = self.process
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                await asyncio.to_thread(process.wait, timeout)
            except subprocess.TimeoutExpired:
                log.error("companion process %d did not stop in %.0f s; killed", process.pid, timeout)
                process.kill()
                await asyncio.to_thread(process.wait)
        self._read_counts()  # what it counted last
        asyncio.get_running_loop().remove_reader(self._counts)
        for fd in (self._read, self._write, self._counts, self._counted):
            try:
                os.close(fd)
            except OSError:
                pass


async def _serve_companion(runtime: ServiceRuntime, wakes: int) -> None:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)

    def readable() -> None:
        try:
            data = os.read(wakes, 4096)
        except BlockingIOError:
            return
        if data:
            runtime.relay.wake()
        else:  # the first process is gone: nothing will wake the relay again
            loop.remove_reader(wakes)
            stop.set()

    os.set_blocking(wakes, False)
    loop.add_reader(wakes, readable)
    await runtime.start()
    await stop.wait()
    await runtime.stop()


def _sender(fd: int) -> Callable[[bytes], None]:
    def send(data: bytes) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    return send


def run(factory: str, wakes: int, counts: int) -> None:
    """The companion's process: the runtime the factory builds, in its companion role, until told to stop."""
    from ets_shared.observability.logs import configure_logging

    module, _, name = factory.partition(":")
    build_runtime = getattr(importlib.import_module(module), name)
    runtime: ServiceRuntime = build_runtime()
    runtime.become_companion()
    if runtime.settings.companion_nice and hasattr(os, "nice"):
        os.nice(runtime.settings.companion_nice)  # its threads yet to start take it too
    sys.setswitchinterval(runtime.settings.switch_interval_ms / 1000)  # as the first process (`ets_shared.serve`)
    runtime.metrics.forward_counts(_sender(counts))
    configure_logging(runtime.definition.name, runtime.settings)
    asyncio.run(_serve_companion(runtime, wakes))


if __name__ == "__main__":
    run(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
