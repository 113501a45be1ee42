"""Run a whole service in-process for a test: real database, real NATS, its HTTP API through httpx.

    async with running_service(bootstrap.build_runtime, settings) as svc:
        r = await svc.client.post("/agencies", json=..., headers=svc.auth("authority"))
"""
from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import nats

from ets_shared.auth import issue_token
from ets_shared.runtime import ServiceRuntime
from ets_shared.settings import ServiceSettings


@dataclass
class RunningService:
    runtime: ServiceRuntime
    client: httpx.AsyncClient

    def auth(self, role: str, party_id: str | None = None, subject: str | None = None) -> dict[str, str]:
        token = issue_token(self.runtime.settings, subject=subject or f"{role}-user", role=role, party_id=party_id)
        return {"Authorization": f"Bearer {token}"}


@asynccontextmanager
async def running_service(build: Callable[[ServiceSettings], ServiceRuntime], settings: ServiceSettings
                          ) -> AsyncIterator[RunningService]:
    runtime = build(settings)
    await runtime.start()
    try:
        transport = httpx.ASGITransport(app=runtime.http)
        async with httpx.AsyncClient(transport=transport, base_url="http://service") as client:
            yield RunningService(runtime, client)
    finally:
        await runtime.stop()


@asynccontextmanager
async def subject_listener(nats_url: str, subject: str) -> AsyncIterator[list[dict[str, Any]]]:
    """A plain nats-py subscriber (as a government system would be) collecting decoded messages on `subject`."""
    nc = await nats.connect(nats_url)
    received: list[dict[str, Any]] = []

    async def on_message(msg) -> None:
        received.append(json.loads(msg.data))

    sub = await nc.subscribe(subject, cb=on_message)
    await nc.flush()  # a PING answered: the server has the subscription before the caller makes anything publish
    try:
        yield received
    finally:
        await sub.unsubscribe()
        await nc.drain()


async def eventually(check: Callable[[], Any], timeout: float = 10.0, interval: float = 0.05) -> Any:
    """Poll `check` (sync or async) until it returns a truthy value; fail with its last value after `timeout`."""
    deadline = asyncio.get_running_loop().time() + timeout
    last: Any = None
    while True:
        last = check()
        if asyncio.iscoroutine(last):
            last = await last
        if last:
            return last
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"condition not met within {timeout}s (last: {last!r})")
        await asyncio.sleep(interval)


def migrated_runtime(build: Callable[[ServiceSettings], ServiceRuntime], settings: ServiceSettings) -> ServiceRuntime:
    """A service's runtime with its database migrated and nothing started (no NATS, no consumers, no relay): its
    HTTP API answers in-process, and the events of its writes wait in its outbox. For tests of the HTTP face alone
    (bounds, problem+json, OpenAPI); call `without_lifespan(runtime.http)` for a client that would run lifespans."""
    from ets_shared.persistence.migrations import upgrade

    runtime = build(settings)
    upgrade(runtime.engine, runtime.definition.migrations, runtime.definition.metadata)
    return runtime


def without_lifespan(app: Any) -> Any:
    """`app` without its lifespan (which would connect to NATS and start the consumers and the relay)."""
    async def asgi(scope, receive, send) -> None:
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            return await send({"type": "lifespan.shutdown.complete"})
        await app(scope, receive, send)

    return asgi


def counted_transactions(runtime: ServiceRuntime) -> list[str]:
    """From now on, the causation id of every transaction the service's event applier opens (one per batch, or one
    per event when a batch falls back), appended to the list returned."""
    opened: list[str] = []
    factory = runtime.applier.uow_factory

    def counting(context: Any) -> Any:
        opened.append(context.causation_id)
        return factory(context)

    runtime.applier.uow_factory = counting
    return opened
