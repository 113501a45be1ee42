"""A client of the running platform, as an operator's tool would be: HTTP calls with role tokens, and calendar
ticks over NATS. Used by `ets demo`, `ets bench` and the end-to-end tests."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import httpx
import nats

from ets_shared.auth import issue_token
from ets_shared.calendar import publish_tick
from ets_shared.settings import PlatformSettings


class ApiError(RuntimeError):
    def __init__(self, status: int, problem: Any, method: str, path: str) -> None:
        detail = problem.get("detail") if isinstance(problem, dict) else problem
        super().__init__(f"{method} {path} → {status}: {detail}")
        self.status, self.problem = status, problem


@dataclass
class PlatformClient:
    urls: dict[str, str]
    jwt_secret: str
    nats_url: str
    timeout: float = 30.0
    _tokens: dict[tuple, str] = field(default_factory=dict)
    _http: httpx.AsyncClient | None = None
    _nc: Any = None

    async def __aenter__(self) -> "PlatformClient":
        limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
        self._http = httpx.AsyncClient(timeout=self.timeout, limits=limits)
        self._nc = await nats.connect(self.nats_url, name="ets-client", error_cb=_quiet, connect_timeout=2,
                                      max_reconnect_attempts=3)
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._http is not None:
            await self._http.aclose()
        if self._nc is not None:
            await self._nc.drain()

    def token(self, role: str, party_id: str | None = None, subject: str | None = None) -> str:
        """`subject`: the person acting (two officers of one office are two subjects; four eyes tells them apart)."""
        key = (role, party_id, subject)
        if key not in self._tokens:
            settings = PlatformSettings(jwt_secret=self.jwt_secret)
            self._tokens[key] = issue_token(settings, subject=subject or f"{role}:{party_id or 'staff'}", role=role,
                                            party_id=party_id)
        return self._tokens[key]

    async def request(self, service: str, method: str, path: str, *, role: str, party: str | None = None,
                      json: Any = None, params: dict | None = None, correlation: str | None = None,
                      expect: tuple[int, ...] = (200, 201), subject: str | None = None) -> Any:
        headers = {"Authorization": f"Bearer {self.token(role, party, subject)}"}
        if correlation:
            headers["X-Correlation-Id"] = correlation
        assert self._http is not None
        response = await self._http.request(method, self.urls[service] + path, json=json, params=params,
                                            headers=headers)
        body = response.json() if response.content else None
        if response.status_code not in expect:
            raise ApiError(response.status_code, body, method, path)
        return body

    async def get(self, service: str, path: str, **kw: Any) -> Any:
        return await self.request(service, "GET", path, **kw)

    async def post(self, service: str, path: str, json: Any = None, **kw: Any) -> Any:
        return await self.request(service, "POST", path, json=json, **kw)

    async def public_get(self, service: str, path: str) -> Any:
        assert self._http is not None
        return (await self._http.get(self.urls[service] + path)).json()

    async def tick(self, now: datetime) -> None:
        await publish_tick(self._nc.jetstream(), now)

    async def clocks(self) -> dict[str, datetime | None]:
        out = {}
        for service in self.urls:
            value = (await self.public_get(service, "/clock"))["now"]
            out[service] = datetime.fromisoformat(value) if value else None
        return out

    async def wait_clocks(self, now: datetime, timeout: float = 60.0) -> None:
        """Wait until every service has processed the tick at `now`."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            clocks = await self.clocks()
            if all(c is not None and c >= now for c in clocks.values()):
                return
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError(f"services did not reach {now.isoformat()}: {clocks}")
            await asyncio.sleep(0.1)

    async def backlog(self) -> int:
        """Messages not yet processed by some durable consumer: pending delivery plus awaiting acknowledgement."""
        js = self._nc.jetstream()
        total = 0
        for stream in await js.streams_info():
            if stream.config.name == "ETS_DLQ":
                continue
            for consumer in await js.consumers_info(stream.config.name):
                total += consumer.num_pending + consumer.num_ack_pending
        return total

    async def stream_messages(self) -> int:
        return sum(s.state.messages for s in await self._nc.jetstream().streams_info())

    async def drained(self, timeout: float = 600.0) -> None:
        """Wait until every durable consumer of every service has applied everything published so far."""
        await until(lambda: self._zero_backlog(), timeout=timeout, interval=0.2, what="consumers drained")

    async def _zero_backlog(self) -> bool:
        return await self.backlog() == 0

    async def tick_and_wait(self, now: datetime, timeout: float = 120.0) -> None:
        await self.tick(now)
        await self.wait_clocks(now, timeout)


async def _quiet(_exc: Exception) -> None:
    """nats-py prints every failed attempt by default; the caller reports the outcome once."""


def run_against_platform(command: str, coroutine) -> int:  # noqa: ANN001
    """Run an async client command; when the platform does not answer, say how to start it (exit 2)."""
    import sys

    try:
        return asyncio.run(coroutine)
    except (OSError, httpx.ConnectError, nats.errors.NoServersError) as exc:
        coroutine.close()
        print(f"ets {command}: the platform does not answer ({exc}). Start it first with `./ets up`.",
              file=sys.stderr)
        return 2


async def until(check, timeout: float = 60.0, interval: float = 0.1, what: str = "condition") -> Any:  # noqa: ANN001
    """Poll an async `check` until it returns something truthy."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        result = await check()
        if result:
            return result
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError(f"{what} not reached within {timeout}s")
        await asyncio.sleep(interval)
