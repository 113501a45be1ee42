"""Issue 9, finding 5, on the running platform: a forged `ets.allocation.entity.registered.v1` once created an
exchange member. Now the bundled nats-server refuses it — from a client without credentials and from the exchange's
own key — and only allocation's real event admits a member."""
from __future__ import annotations

import asyncio
import json

import nats
import pytest

from ets_client_allocation import models as a
from ets_client_allocation.api.entities_and_registry import register
from ets_client_exchange.api.members import list_members
from ets_shared.contracts.allocation import EntityRegistered
from ets_shared.envelope import MessageContext, wrap
from ets_shared.testing.service import eventually

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio]
SUBJECT = EntityRegistered.contract.subject


def forged(entity_id: str) -> bytes:
    return wrap(EntityRegistered(entity_id=entity_id, name="Forged Steel", sector="steel", covered=True,
                                 registered_at="2025-01-05T02:00:00Z"),
                producer="allocation", context=MessageContext.new("forger")).model_dump_json().encode()


async def members_text(client) -> str:
    members = await client.call(list_members.asyncio_detailed, role="authority", limit=1000)
    return json.dumps([m.to_dict() for m in members])


async def test_finding_5_forged_registration_is_refused_and_admits_no_member(platform, client):
    with pytest.raises((nats.errors.NoServersError, nats.errors.Error, OSError)):
        await nats.connect(platform.nats_servers, max_reconnect_attempts=0, allow_reconnect=False, connect_timeout=2)

    errors: list[str] = []

    async def on_error(exc: Exception) -> None:
        errors.append(str(exc))

    exchange = await nats.connect(platform.nats_servers, error_cb=on_error, **platform.nats_options("exchange"))
    with pytest.raises(nats.errors.TimeoutError):  # no stream stored it
        await exchange.jetstream().publish(SUBJECT, forged("E-FORGED-9B"), timeout=1)
    await eventually(lambda: any("permissions violation" in e.lower() for e in errors))
    await exchange.close()

    await client.call(register.asyncio_detailed, body=a.RegisterEntity(
        entity_id="E-REAL-9B", name="Real Steel", sector="industry", annual_emissions=30_000), role="authority")
    assert "E-REAL-9B" in await eventually(lambda: _with(client, "E-REAL-9B"), timeout=30)
    await asyncio.sleep(0.5)
    assert "E-FORGED-9B" not in await members_text(client)


async def _with(client, entity_id: str) -> str | None:
    text = await members_text(client)
    return text if entity_id in text else None
