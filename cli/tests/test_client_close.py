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
