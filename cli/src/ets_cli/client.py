"""A client of the running platform, as an operator's tool would be: HTTP calls with role tokens, and calendar
ticks over NATS. Used by `ets demo`, `ets bench` and the end-to-end tests.

Calls go through each service's generated typed client (`clients/ets-client-<service>`, `PlatformClient.call`):
the operation, its typed body and its typed answer. The raw `request` (aiohttp) stays for the benchmarks' hot loops,
where httpx's cost per request would be measured instead of the platform's, and for the few calls a test makes on
purpose outside the documented API (a malformed body, a forged header)."""
from __future__ import annotations

import asyncio
import json as _json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, Self, TypeVar

import aiohttp
import httpx
import nats

from ets_shared.auth import issue_token
from ets_shared.calendar import publish_tick
from ets_shared.settings import PlatformSettings


T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
#: the generated clients' packages, by service
CLIENT_PACKAGES = {f"ets_client_{s.replace('-', '_')}": s
                   for s in ("allocation", "mrv", "verifier-oversight", "exchange", "enforcement")}


class ProblemAnswer(Protocol):  # the `Problem` (RFC 9457) model of every generated client
    @property
    def detail(self) -> str: ...
    @property
    def type_(self) -> str: ...


class TypedAnswer(Protocol[T_co]):  # the `Response` of every generated client: a success model or a problem
    @property
    def status_code(self) -> int: ...
    @property
    def content(self) -> bytes: ...
    @property
    def parsed(self) -> T_co | ProblemAnswer | None: ...


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
    nats_options: dict = field(default_factory=dict)  # its NATS identity: `calendar` (ticks, stream counts)
    timeout: float = 30.0
    reconnect_attempts: int = 3  # NATS; -1: for ever (a cluster losing a node)
    keep_alive: bool = True  # False: a connection per request (none kept to a process that was killed since)
    _tokens: dict[tuple, str] = field(default_factory=dict)
    _signing: PlatformSettings | None = None  # built once: a PlatformSettings reads the environment, about 3-9 ms
    _http: aiohttp.ClientSession | None = None
    _nc: Any = None
    _transport: httpx.AsyncHTTPTransport | None = None
    _typed: dict[tuple, Any] = field(default_factory=dict)

    async def __aenter__(self) -> Self:
        # aiohttp, not httpx: measured here, httpx spent 3.6 ms of CPU per request against aiohttp's 0.2 ms, and the
        # benchmark's client shares the machine with the platform it measures
        self._http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.timeout),
                                           connector=aiohttp.TCPConnector(limit=64, force_close=not self.keep_alive))
        self._nc = await nats.connect(self.nats_url.split(","), name="ets-client", error_cb=_quiet, connect_timeout=2,
                                      max_reconnect_attempts=self.reconnect_attempts, **self.nats_options)
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._http is not None:
            await self._http.close()
        if self._transport is not None:
            await self._transport.aclose()
        if self._nc is not None:
            if self._nc.is_connecting or self._nc.is_reconnecting:
                await _close_while_away(self._nc)  # nothing to drain while the server is away (drain raises then)
            elif not self._nc.is_closed:
                await self._nc.drain()

    @property
    def http(self) -> aiohttp.ClientSession:
        if self._http is None:
            raise RuntimeError("the client is not open: use it as `async with PlatformClient(...)`")
        return self._http

    def token(self, role: str, party_id: str | None = None, subject: str | None = None) -> str:
        """`subject`: the person acting (two officers of one office are two subjects; four eyes tells them apart)."""
        key = (role, party_id, subject)
        if key not in self._tokens:
            if self._signing is None:  # one per client: the benchmark mints a token for each of 10,000 entities
                self._signing = PlatformSettings(jwt_secret=self.jwt_secret)
            self._tokens[key] = issue_token(self._signing, subject=subject or f"{role}:{party_id or 'staff'}",
                                            role=role, party_id=party_id)
        return self._tokens[key]

    async def request(self, service: str, method: str, path: str, *, role: str, party: str | None = None,
                      json: Any = None, params: dict | None = None, correlation: str | None = None,
                      expect: tuple[int, ...] = (200, 201), subject: str | None = None) -> Any:
        headers = {"Authorization": f"Bearer {self.token(role, party, subject)}"}
        if correlation:
            headers["X-Correlation-Id"] = correlation
        async with self.http.request(method, self.urls[service] + path, json=json, params=_query(params),
                                      headers=headers) as response:
            content = await response.read()
            status = response.status
        body = _json.loads(content) if content else None
        if status not in expect:
            raise ApiError(status, body, method, path)
        return body

    def api(self, service: str, role: str, party: str | None = None, subject: str | None = None,
            correlation: str | None = None) -> Any:
        """The generated client of `service` (`ets_client_<service>.AuthenticatedClient`) acting with this role's
        token and, when given, the correlation id of a compliance case; one connection pool serves them all."""
        key = (service, role, party, subject, correlation)
        if key not in self._typed:
            import importlib

            package = importlib.import_module(f"ets_client_{service.replace('-', '_')}")
            if self._transport is None:
                self._transport = httpx.AsyncHTTPTransport(limits=httpx.Limits(max_connections=64))
            self._typed[key] = package.AuthenticatedClient(
                base_url=self.urls[service], token=self.token(role, party, subject),
                headers={"X-Correlation-Id": correlation} if correlation else {},
                timeout=httpx.Timeout(self.timeout), httpx_args={"transport": self._transport})
        return self._typed[key]

    async def call(self, operation: Callable[..., Awaitable[TypedAnswer[T]]], *args: Any, role: str,
                   party: str | None = None, subject: str | None = None, correlation: str | None = None,
                   expect: tuple[int, ...] = (200, 201), **arguments: Any) -> T:
        """Call one operation of a generated client, e.g. `c.call(register_batch.asyncio_detailed,
        body=RegisterEntities(...), role="authority")`: its typed answer, `None` for an expected status that is not a
        success (`expect=(200, 404)` while waiting for a record), or `ApiError` with the problem when the status is
        not one of `expect`."""
        package, _, name = operation.__module__.partition(".")
        service = CLIENT_PACKAGES[package]
        answer = await operation(*args, client=self.api(service, role, party, subject, correlation), **arguments)
        if answer.status_code not in expect:
            problem = _json.loads(answer.content) if answer.content else None
            raise ApiError(int(answer.status_code), problem, name.rsplit(".", 1)[-1], f"({service})")
        if not 200 <= answer.status_code < 300:
            return None  # type: ignore[return-value]  # an expected refusal (e.g. 404 while waiting for a record)
        return answer.parsed  # type: ignore[return-value]  # a documented success status: the success model

    async def get(self, service: str, path: str, **kw: Any) -> Any:
        return await self.request(service, "GET", path, **kw)

    async def post(self, service: str, path: str, json: Any = None, **kw: Any) -> Any:
        return await self.request(service, "POST", path, json=json, **kw)

    async def public_get(self, service: str, path: str) -> Any:
        async with self.http.get(self.urls[service] + path) as response:
            return await response.json(content_type=None)

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

    async def backlogs(self) -> dict[str, dict]:
        """Each service's `GET /backlog`: its unpublished outbox and what its consumers have not applied."""
        answers = await asyncio.gather(*(self.public_get(s, "/backlog") for s in self.urls))
        return dict(zip(self.urls, answers, strict=True))

    async def stream_sequences(self) -> dict[str, int]:
        """The last sequence of every stream: it moves whenever anything is published."""
        return {s.config.name: s.state.last_seq for s in await self._nc.jetstream().streams_info()}

    async def stream_messages(self) -> int:
        return sum(s.state.messages for s in await self._nc.jetstream().streams_info())

    async def drained(self, timeout: float = 3600.0, stall: float = 120.0,
                      on_progress: Callable[[int], None] | None = None) -> None:
        """Wait until every outbox is empty and every consumer has applied everything published.

        Drained means two consecutive rounds in which every service is idle (nothing unpublished, nothing pending
        or unacknowledged on any of its consumers) with no event published between them: an event committed to an
        outbox after its service was asked is either published (the stream moves) or seen by the second round.
        `on_progress` gets the number of events still to publish or apply. Raises `NotDrained`, naming what was
        still waiting, when nothing moves for `stall` seconds or after `timeout`."""
        loop = asyncio.get_running_loop()
        started = last_change = loop.time()
        previous: tuple | None = None
        idle_at: dict[str, int] | None = None
        while True:
            sequences = await self.stream_sequences()
            backlogs = await self.backlogs()
            remaining = sum(_remaining(b) for b in backlogs.values())
            if on_progress is not None:
                on_progress(remaining)
            if all(b["idle"] for b in backlogs.values()):
                if idle_at == sequences and sequences == await self.stream_sequences():
                    return
                idle_at = sequences
            else:
                idle_at = None
            state = (tuple(sorted(sequences.items())), remaining)
            now = loop.time()
            if state != previous:
                previous, last_change = state, now
            elif now - last_change > stall or now - started > timeout:
                raise NotDrained(backlogs, now - last_change)
            await asyncio.sleep(0.05 if idle_at is not None else 0.2)

    async def tick_and_wait(self, now: datetime, timeout: float = 120.0) -> None:
        await self.tick(now)
        await self.wait_clocks(now, timeout)


def _query(params: dict | None) -> list[tuple[str, str]] | None:
    """Query parameters as text pairs, a list repeated under its name (aiohttp takes no booleans, None or lists)."""
    if params is None:
        return None

    def text(v: Any) -> str:
        return str(v).lower() if isinstance(v, bool) else str(v)

    return [(k, text(item)) for k, v in params.items() if v is not None
            for item in (v if isinstance(v, (list, tuple)) else [v])]


def _remaining(backlog: dict) -> int:
    return backlog["outbox_unpublished"] + sum(c["pending"] + c["unacknowledged"] for c in backlog["consumers"])


class NotDrained(RuntimeError):
    """The platform stopped making progress (or took too long) before it had applied everything."""

    def __init__(self, backlogs: dict[str, dict], still_for: float) -> None:
        waiting = []
        for service, b in backlogs.items():
            if b["outbox_unpublished"]:
                waiting.append(f"{service}: {b['outbox_unpublished']} events unpublished in its outbox "
                               f"(oldest {b['oldest_unpublished_at']})")
            for c in b["consumers"]:
                if c["pending"] or c["unacknowledged"]:
                    waiting.append(f"{service}: consumer {c['consumer']} has {c['pending']} events undelivered "
                                   f"and {c['unacknowledged']} delivered but not applied")
        super().__init__(f"not drained, nothing moved for {still_for:.0f} s; waiting for: "
                         + ("; ".join(waiting) or "nothing pending, but events were still being published"))
        self.backlogs = backlogs


async def _quiet(_exc: Exception) -> None:
    """nats-py prints every failed attempt by default; the caller reports the outcome once."""


async def _close_while_away(nc: Any) -> None:
    """Close a connection whose server is away. nats-py's close cancels its reconnect task, which may be waiting for
    the old socket to close: that cancels the socket's close waiter, which close then awaits too, and the
    `CancelledError` meant for the reconnect task surfaces here (a clean-clone CI's browser teardown met it). The
    connection is closed all the same; only a cancellation of this task itself goes on."""
    try:
        await nc.close()
    except asyncio.CancelledError:
        task = asyncio.current_task()
        if task is not None and task.cancelling():
            raise


def run_against_platform(command: str, coroutine) -> int:
    """Run an async client command; when the platform does not answer, say how to start it (exit 2)."""
    import sys

    try:
        return asyncio.run(coroutine)
    except (OSError, aiohttp.ClientConnectionError, nats.errors.NoServersError) as exc:
        coroutine.close()
        print(f"ets {command}: the platform does not answer ({exc}). Start it first with `./ets up`.",
              file=sys.stderr)
        return 2


async def until(check, timeout: float = 60.0, interval: float = 0.1, what: str = "condition") -> Any:
    """Poll an async `check` until it returns something truthy."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        result = await check()
        if result:
            return result
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError(f"{what} not reached within {timeout}s")
        await asyncio.sleep(interval)
