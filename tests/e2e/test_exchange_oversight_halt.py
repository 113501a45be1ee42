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

from ets_cli.client import ApiError, PlatformClient, until
from ets_cli.scenario import at
from ets_client_enforcement import models as e
from ets_client_enforcement.api.cases import get_case
from ets_client_exchange import models as x
from ets_client_exchange.api.members import admit
from ets_client_exchange.api.oversight import impose, lift
from ets_client_exchange.api.trading import list_product, place
from ets_client_exchange.api.trading_accounts_and_funds import deposit
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
        await client.call(admit.asyncio_detailed, body=x.AdmitMember(
            member_id="M-OV-1", name="Pudong Trading", kind=x.AdmitMemberKind.SELF_OPERATING), role="exchange_operator")
        await client.call(list_product.asyncio_detailed, body=x.ListProduct(
            product_id=PRODUCT, vintage=2025, reference_price="50.00"), role="exchange_operator")
        await client.call(deposit.asyncio_detailed, body=x.ConfirmDeposit(
            movement_id="BANK-OV-1", trading_account_id="X-M-OV-1", amount="100000.00"),
            role="settlement_bank", party="BANK")
        order = x.PlaceOrder(trading_account_id="X-M-OV-1", product_id=PRODUCT, side=x.PlaceOrderSide.BUY,
                             price="50.00", quantity=100)

        await client.call(impose.asyncio_detailed, body=x.ImposeMeasure(
            measure_id="HALT-OV-1", kind=x.ImposeMeasureKind.HALT, product_id=PRODUCT,
            reason="suspected manipulation of the close"), role="exchange_operator")
        await until(lambda: _got(received, "imposed"), what="the authority receiving the halt")
        halt = next(m for m in received if m["event_type"].endswith("market-measure.imposed"))["data"]
        assert (halt["measure_id"], halt["product_id"], halt["reason"]) == (
            "HALT-OV-1", PRODUCT, "suspected manipulation of the close")

        with pytest.raises(ApiError) as refused:
            await client.call(place.asyncio_detailed, body=order, role="member", party="M-OV-1")
        assert refused.value.status == 409
        assert refused.value.problem["article"] == "M-29"
        assert "suspected manipulation of the close" in refused.value.problem["detail"]

        await client.call(lift.asyncio_detailed, "HALT-OV-1", body=x.LiftMeasure(reason="no manipulation found"),
                          role="exchange_operator")
        await until(lambda: _got(received, "lifted"), what="the authority receiving the resumption")
        taken = await client.call(place.asyncio_detailed, body=order, role="member", party="M-OV-1")
        assert taken.status == "OPEN"

        # the day's market report is due by 18:00; the next tick after it finds it missing (or late): M-42(1)
        await client.drained(timeout=120)
        await client.tick_and_wait(datetime(2026, 5, 20, 18, 30, tzinfo=REGULATORY_TZ))
        case_id = "CASE-M42-trading_information_not_published-2026-05-20"
        case = await until(lambda: _case(client, case_id), what="the exchange's M-42 case")
        assert (case.article, case.party_id) == ("M-42", "SEEE")
    finally:
        await authority.drain()


async def _got(received: list[dict], event: str) -> bool:
    await asyncio.sleep(0)
    return any(m["event_type"].endswith(f"market-measure.{event}") for m in received)


async def _case(client: PlatformClient, case_id: str) -> e.CaseDetail | None:
    return await client.call(get_case.asyncio_detailed, case_id, role="enforcement_officer", expect=(200, 404))
