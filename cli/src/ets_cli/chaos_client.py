"""The platform client `ets chaos` drives its compliance year with: every call survives a service or a NATS node
being killed under it.

- HTTP: a request to a service being killed waits at that service's gate — the plain requests and the generated
  clients' operations alike (`call`); a request refused at connect (the service is down, restarting) is sent
  again — it never reached the service, so sending it again is safe. The monkey closes the gate and lets the
  requests in flight finish before it kills: a write retried after it *did* arrive needs its `Idempotency-Key`
  taken over from the dead request (issue 9, finding 1, the HTTP half of this issue).
- NATS: a tick or a stream query that gets no answer (a node down, a leader being elected) is asked again; a tick
  carries its event id as `Nats-Msg-Id`, so the stream keeps it once.
"""
from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

import aiohttp
import httpx
import nats

from ets_cli.client import CLIENT_PACKAGES, ApiError, PlatformClient, TypedAnswer

T = TypeVar("T")


class Unavailable(Exception):
    """A read answered 5xx (e.g. `/backlog` while the NATS node its service used is down)."""


@dataclass
class Gate:
    open: asyncio.Event = field(default_factory=asyncio.Event)
    idle: asyncio.Event = field(default_factory=asyncio.Event)
    in_flight: int = 0

    def __post_init__(self) -> None:
        self.open.set()
        self.idle.set()

    async def close_when_idle(self) -> None:
        self.open.clear()
        await self.idle.wait()


@dataclass
class ChaosClient(PlatformClient):
    gates: dict[str, Gate] = field(default_factory=dict)
    refused: int = 0  # requests sent again because their service was down

    def gate(self, service: str) -> Gate:
        return self.gates.setdefault(service, Gate())

    async def _through_gate(self, service: str, call) -> Any:
        gate = self.gate(service)
        while True:
            await gate.open.wait()
            gate.in_flight += 1
            gate.idle.clear()
            try:
                return await call()
            except (aiohttp.ClientConnectorError, httpx.ConnectError, Unavailable):  # refused at connect (it never
                self.refused += 1                          # arrived), or a read answered 5xx while NATS moved: repeat
            finally:
                gate.in_flight -= 1
                if gate.in_flight == 0:
                    gate.idle.set()
            await asyncio.sleep(0.25)

    async def request(self, service: str, method: str, path: str, **kw: Any) -> Any:
        async def call() -> Any:
            try:
                return await PlatformClient.request(self, service, method, path, **kw)
            except ApiError as exc:
                if method == "GET" and exc.status >= 500:
                    raise Unavailable from exc
                raise

        return await self._through_gate(service, call)

    async def call(self, operation: Callable[..., Awaitable[TypedAnswer[T]]], *args: Any, role: str,
                   party: str | None = None, subject: str | None = None, correlation: str | None = None,
                   expect: tuple[int, ...] = (200, 201), **arguments: Any) -> T:
        """A generated client's operation through its service's gate, like `request`."""
        service = CLIENT_PACKAGES[operation.__module__.partition(".")[0]]

        async def call() -> T:
            return await PlatformClient.call(self, operation, *args, role=role, party=party, subject=subject,
                                             correlation=correlation, expect=expect, **arguments)

        answer: T = await self._through_gate(service, call)
        return answer

    async def public_get(self, service: str, path: str) -> Any:
        async def call() -> Any:
            async with self.http.get(self.urls[service] + path) as response:
                body = await response.json(content_type=None)
                if response.status >= 500:
                    raise Unavailable
                return body

        return await self._through_gate(service, call)

    async def tick(self, now: datetime) -> None:
        await _again(lambda: PlatformClient.tick(self, now))

    async def stream_sequences(self) -> dict[str, int]:
        return await _again(lambda: PlatformClient.stream_sequences(self))

    async def stream_messages(self) -> int:
        return await _again(lambda: PlatformClient.stream_messages(self))


async def _again(call, attempts: int = 120) -> Any:
    for attempt in range(attempts):
        try:
            return await call()
        except (nats.errors.Error, TimeoutError):
            if attempt == attempts - 1:
                raise
            await asyncio.sleep(0.5)
