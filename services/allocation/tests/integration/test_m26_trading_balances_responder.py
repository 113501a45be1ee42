"""The registry answers the exchange's reconciliation over NATS request/reply (M-26 ¶2, M-32): every non-zero
allowance holding of trading accounts, or of the requested ones, as of the registry's regulatory now."""
from __future__ import annotations

import nats
import pytest
from faststream.nats import NatsBroker
from nats.errors import TimeoutError as NatsTimeout

from ets_shared.contracts.allocation import TRADING_BALANCES_SUBJECT, TradingBalancesReply, TradingBalancesRequest
from ets_shared.contracts.exchange import TradeDeliveryInstructed

pytestmark = pytest.mark.asyncio


async def ask(nats_url: str, request: TradingBalancesRequest) -> TradingBalancesReply:
    """As the exchange would ask: FastStream's request/reply (`NatsBroker.request`)."""
    async with NatsBroker(nats_url) as broker:
        reply = await broker.request(request, TRADING_BALANCES_SUBJECT, timeout=5)
    return TradingBalancesReply.model_validate_json(reply.body)


async def test_m26_m32_registry_answers_the_trading_balances_of_every_or_the_requested_trading_accounts(world):
    await world.tick("2026-05-20T10:00:00+08:00")
    await world.trading()
    await world.from_exchange(world.opened("X-M-9", "M-9"))  # holds nothing: not in the reply
    await world.commit_to_trading("E-1", 4_000)
    await world.commit_to_trading("E-2", 3_000)
    await world.from_exchange(TradeDeliveryInstructed(
        trade_id="TRD-1", seller_trading_account_id="X-M-E-2", buyer_trading_account_id="X-M-E-1", vintage=2025,
        quantity=3_000, instructed_at="2026-05-20T02:30:00Z"))

    every = await ask(world.nats_url, TradingBalancesRequest())
    assert every.as_of.isoformat() == "2026-05-20T02:00:00+00:00"  # the registry's regulatory now
    assert [(b.account_id, b.holder_id, b.vintage, b.quantity) for b in every.balances] == [
        ("X-M-E-1", "E-1", 2025, 7_000)]  # X-M-E-2 emptied by the delivery; CCERs and holding accounts never listed
    some = await ask(world.nats_url, TradingBalancesRequest(account_ids=["X-M-E-2", "X-M-9", "ACC-E-1", "X-404"]))
    assert some.balances == []

    nc = await nats.connect(world.nats_url)  # any NATS client: the request and reply are plain JSON
    try:
        raw = await nc.request(TRADING_BALANCES_SUBJECT, b'{"account_ids": ["X-M-E-1"]}', timeout=5)
        assert TradingBalancesReply.model_validate_json(raw.data).balances == every.balances
        with pytest.raises(NatsTimeout):  # not a TradingBalancesRequest: no reply
            await nc.request(TRADING_BALANCES_SUBJECT, b'{"accounts": 1}', timeout=1)
        again = await nc.request(TRADING_BALANCES_SUBJECT, b"{}", timeout=5)  # and it keeps answering
        assert TradingBalancesReply.model_validate_json(again.data).balances == every.balances
    finally:
        await nc.drain()
