"""Market oversight across the processes (M-29, M-42): the operations desk halts a product and the authority — a plain
nats-py subscriber standing in for its system — receives the report at once; an order during the halt is refused with
the reason; the desk resumes trading and the order is taken. A trading day whose market report is missing by its
deadline opens the exchange's M-42 case in enforcement at the next tick."""
from __future__ import annotations

import asyncio
import json
from datetime import date, datetime

import nats
import pytest

from ets_cli.client import ApiError, until
from ets_cli.scenario import at
from ets_shared.clock import REGULATORY_TZ
from ets_shared.contracts.exchange import MarketMeasureImposed, MarketMeasureLifted

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio]
DAY = date(2026, 5, 20)
PRODUCT = "SHEA-2025"


async def test_halt_reported_to_the_authority_order_refused_trading_resumed_missing_report_m42_case(platform,
                                                                                                  client):
    received: list[dict] = []
    authority = await nats.connect(platform.effective_nats_url, **platform.nats_options("observer"))

    async def on_message(msg) -> None:
        received.append(json.loads(msg.data))

    await authority.subscribe(MarketMeasureImposed.contract.subject, cb=on_message)
    await authority.subscribe(MarketMeasureLifted.contract.subject, cb=on_message)
    try:
        await client.tick_and_wait(at(DAY, 10))
        await client.post("exchange", "/members", {"member_id": "M-OV-1", "name": "Pudong Trading",
                                                   "kind": "self_operating"}, role="exchange_operator")
        await client.post("exchange", "/products", {"product_id": PRODUCT, "vintage": 2025,
                                                    "reference_price": "50.00"}, role="exchange_operator")
        await client.post("exchange", "/cash/deposits", {"movement_id": "BANK-OV-1", "trading_account_id": "X-M-OV-1",
                                                         "amount": "100000.00"}, role="settlement_bank", party="BANK")
        order = {"trading_account_id": "X-M-OV-1", "product_id": PRODUCT, "side": "BUY", "price": "50.00",
                 "quantity": 100}

        await client.post("exchange", "/market-measures", {"measure_id": "HALT-OV-1", "kind": "halt",
                                                           "product_id": PRODUCT,
                                                           "reason": "suspected manipulation of the close"},
                          role="exchange_operator")
        await until(lambda: _got(received, "imposed"), what="the authority receiving the halt")
        halt = next(m for m in received if m["event_type"].endswith("market-measure.imposed"))["data"]
        assert (halt["measure_id"], halt["product_id"], halt["reason"]) == (
            "HALT-OV-1", PRODUCT, "suspected manipulation of the close")

        with pytest.raises(ApiError) as refused:
            await client.post("exchange", "/orders", order, role="member", party="M-OV-1")
        assert refused.value.status == 409
        assert refused.value.problem["article"] == "M-29"
        assert "suspected manipulation of the close" in refused.value.problem["detail"]

        await client.post("exchange", "/market-measures/HALT-OV-1/lifting", {"reason": "no manipulation found"},
                          role="exchange_operator")
        await until(lambda: _got(received, "lifted"), what="the authority receiving the resumption")
        taken = await client.post("exchange", "/orders", order, role="member", party="M-OV-1")
        assert taken["status"] == "OPEN"

        # the day's market report is due by 18:00; the next tick after it finds it missing (or late): M-42(1)
        await client.drained(timeout=120)
        await client.tick_and_wait(datetime(2026, 5, 20, 18, 30, tzinfo=REGULATORY_TZ))
        case_id = "CASE-M42-trading_information_not_published-2026-05-20"
        case = await until(lambda: _case(client, case_id), what="the exchange's M-42 case")
        assert (case["article"], case["party_id"]) == ("M-42", "SEEE")
    finally:
        await authority.drain()


async def _got(received: list[dict], event: str) -> bool:
    await asyncio.sleep(0)
    return any(m["event_type"].endswith(f"market-measure.{event}") for m in received)


async def _case(client, case_id: str) -> dict | None:
    try:
        return await client.get("enforcement", f"/cases/{case_id}", role="enforcement_officer")
    except ApiError as error:
        if error.status == 404:
            return None
        raise
