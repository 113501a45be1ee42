"""Issue 9, finding 5: anyone who could reach NATS could publish any event. On a server with the platform's users
(`messaging.nats_auth`) a forged event from an unauthenticated client, or from a service publishing under another
producer's subject, is refused by the server and never reaches a stream or a consumer."""
from __future__ import annotations

import asyncio

import nats
import pytest
from nats.errors import NoServersError

from ets_shared.contracts.allocation import EntityRegistered
from ets_shared.envelope import MessageContext, wrap
from ets_shared.messaging.nats_auth import connect_options
from ets_shared.settings import PlatformSettings, ServiceSettings
from ets_shared.testing.service import eventually, running_service

from toy_service import build_runtime

pytestmark = pytest.mark.asyncio
REGISTERED = EntityRegistered.contract.subject


@pytest.fixture
def settings(database_url, test_settings_overrides, strict_nats_server) -> ServiceSettings:
    overrides = test_settings_overrides | {"nats_url": strict_nats_server.url}
    return ServiceSettings.for_service("exchange", database_url=database_url("toy"), **overrides)


def registered(entity_id: str) -> bytes:
    return wrap(EntityRegistered(entity_id=entity_id, name="Forged", sector="steel",
                                 registered_at="2025-01-05T02:00:00Z"),
                producer="allocation", context=MessageContext.new("forger")).model_dump_json().encode()


async def connect_as(settings: ServiceSettings, identity: str, errors: list[str]):
    async def on_error(exc: Exception) -> None:
        errors.append(str(exc))

    return await nats.connect(settings.nats_url, error_cb=on_error, max_reconnect_attempts=0,
                              **connect_options(PlatformSettings(nats_keys_dir=settings.nats_keys_dir), identity))


async def stored(settings: ServiceSettings) -> int:
    errors: list[str] = []
    nc = await connect_as(settings, "observer", errors)
    info = await nc.jetstream().stream_info("ETS_ALLOCATION")
    await nc.close()
    return info.state.messages


async def members(svc) -> list[str]:
    return (await svc.client.get("/members")).json()


async def test_finding_5_forged_entity_registered_is_refused_by_the_server_and_never_reaches_a_consumer(settings):
    async with running_service(build_runtime, settings) as svc:
        with pytest.raises((NoServersError, nats.errors.Error, OSError)):  # no credentials: not even connected
            await nats.connect(settings.nats_url, max_reconnect_attempts=0, allow_reconnect=False, connect_timeout=2)

        errors: list[str] = []
        exchange = await connect_as(settings, "exchange", errors)  # a real service's key, another's subject
        with pytest.raises(nats.errors.TimeoutError):  # no stream stored it: no acknowledgement comes back
            await exchange.jetstream().publish(REGISTERED, registered("E-FORGED"), timeout=1)
        await exchange.publish(REGISTERED, registered("E-FORGED-CORE"))  # a plain publish, fire and forget
        await exchange.flush()
        await eventually(lambda: any("permissions violation" in e.lower() for e in errors))
        await exchange.close()

        observer = await connect_as(settings, "observer", errors)  # read-only: refused too
        with pytest.raises(nats.errors.TimeoutError):
            await observer.jetstream().publish(REGISTERED, registered("E-OBSERVED"), timeout=1)
        await observer.close()

        await asyncio.sleep(1.0)  # what a consumer would have pulled in that time
        assert await members(svc) == [] and await stored(settings) == 0

        allocation = await connect_as(settings, "allocation", errors)  # the producer itself may
        await allocation.jetstream().publish(REGISTERED, registered("E-REAL"), timeout=5)
        await allocation.close()
        assert await eventually(lambda: members(svc)) == ["M-E-REAL"]
        assert await stored(settings) == 1


async def test_finding_5_read_only_and_calendar_identities_cannot_touch_what_is_not_theirs(settings):
    async with running_service(build_runtime, settings):  # its durable consumer exchange--allocation exists
        errors: list[str] = []
        observer = await connect_as(settings, "observer", errors)
        js = observer.jetstream(timeout=1)
        with pytest.raises(nats.errors.TimeoutError):  # a service's consumer: refused, not deleted
            await js.delete_consumer("ETS_ALLOCATION", "exchange--allocation")
        await observer.close()
        owner = await connect_as(settings, "exchange", errors)
        assert (await owner.jetstream().consumer_info("ETS_ALLOCATION", "exchange--allocation")).name
        await owner.close()

        calendar = await connect_as(settings, "calendar", errors)
        with pytest.raises(nats.errors.TimeoutError):
            await calendar.jetstream().publish(REGISTERED, registered("E-TICKER"), timeout=1)
        await calendar.close()
        assert await stored(settings) == 0


async def test_member_gateway_identity_may_send_order_requests_and_nothing_else(settings):
    from ets_shared.messaging.nats_auth import MEMBER_MASS_ORDERS_SUBJECT, MEMBER_ORDERS_SUBJECT

    async with running_service(build_runtime, settings):
        errors: list[str] = []
        exchange = await connect_as(settings, "exchange", errors)  # stands in for the exchange's order gateway
        seen: list[bytes] = []

        async def answer(msg) -> None:
            seen.append(msg.data)
            await exchange.publish(msg.reply, b"ok")

        await exchange.subscribe(MEMBER_ORDERS_SUBJECT, cb=answer)
        await exchange.subscribe(MEMBER_MASS_ORDERS_SUBJECT, cb=answer)
        await exchange.flush()
        gateway = await connect_as(settings, "member-gateway", errors)
        assert (await gateway.request(MEMBER_ORDERS_SUBJECT, b"{}", timeout=5)).data == b"ok"
        assert (await gateway.request(MEMBER_MASS_ORDERS_SUBJECT, b"{}", timeout=5)).data == b"ok"
        with pytest.raises(nats.errors.TimeoutError):  # no event of any producer
            await gateway.jetstream().publish(REGISTERED, registered("E-GATEWAY"), timeout=1)
        await gateway.subscribe("ets.>")  # nor reading the platform's events
        await gateway.flush()
        await eventually(lambda: any("permissions violation" in e.lower() and "ets.>" in e for e in errors))
        await gateway.close()
        await exchange.close()
        assert seen == [b"{}", b"{}"] and await stored(settings) == 0
