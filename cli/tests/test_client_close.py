"""A PlatformClient leaving while its NATS server is away closes cleanly (a test platform's fixtures stop the
server before the client's teardown: draining a reconnecting connection raised `ConnectionReconnectingError`)."""
from __future__ import annotations

import asyncio

import pytest

from ets_cli.client import PlatformClient

pytestmark = pytest.mark.asyncio


async def test_a_client_whose_nats_server_went_away_closes_without_raising(nats_server):
    client = PlatformClient(urls={}, jwt_secret="s" * 40, nats_url=nats_server.url, reconnect_attempts=-1)
    await client.__aenter__()
    nc = client._nc
    nats_server.stop()
    for _ in range(100):
        if nc.is_reconnecting or nc.is_connecting:
            break
        await asyncio.sleep(0.05)
    assert nc.is_reconnecting or nc.is_connecting
    await client.__aexit__(None, None, None)
    assert nc.is_closed


async def test_a_connected_client_drains_its_connection(nats_server):
    async with PlatformClient(urls={}, jwt_secret="s" * 40, nats_url=nats_server.url) as client:
        nc = client._nc
    assert nc.is_closed



class _CloseWaiterCancelled:
    """A connection whose close meets the reconnect task's cancelled socket close waiter (nats-py: `_close` cancels
    `_attempt_reconnect` while it awaits `transport.wait_closed()`, then awaits the same cancelled future)."""

    is_connecting, is_reconnecting, is_closed = False, True, False

    async def close(self) -> None:
        self.is_closed = True
        cancelled = asyncio.get_running_loop().create_future()
        cancelled.cancel()
        await cancelled


class _SlowToClose(_CloseWaiterCancelled):
    """A connection whose socket takes its time to close."""

    def __init__(self) -> None:
        self.closing = asyncio.Event()

    async def close(self) -> None:
        self.closing.set()
        await asyncio.get_running_loop().create_future()  # never done: only a cancellation ends it


def _client(nc) -> PlatformClient:
    client = PlatformClient(urls={}, jwt_secret="s" * 40, nats_url="nats://127.0.0.1:1")
    client._nc = nc
    return client


async def test_a_client_leaving_survives_the_cancelled_close_waiter_of_nats_reconnect_task():
    client = _client(_CloseWaiterCancelled())
    await client.__aexit__(None, None, None)
    assert client._nc.is_closed


async def test_a_client_cancelled_while_it_closes_is_still_cancelled():
    nc = _SlowToClose()
    leaving = asyncio.create_task(_client(nc).__aexit__(None, None, None))
    await nc.closing.wait()
    leaving.cancel()
    with pytest.raises(asyncio.CancelledError):
        await leaving
