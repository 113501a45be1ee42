"""Market data and surveillance across the running platform (M-24, M-25): a trading day's prints and depth on the
live feed and its report at the close on the public API (no token), and a wash-trade attempt — one member on both
sides — reaching a plain nats-py subscriber standing in for the authority."""
from __future__ import annotations

import asyncio
import json
from datetime import date

import nats
import pytest

from ets_cli.client import PlatformClient, until
from ets_cli.sample_year import SampleEntity
from ets_cli.scenario import YearRun, at
from ets_client_allocation import models as a
from ets_client_allocation.api.registry_accounts_and_transfers import request_transfer, trading_accounts
from ets_client_exchange import models as x
from ets_client_exchange.api.surveillance import alerts
from ets_client_exchange.api.trading import list_product, place
from ets_client_exchange.api.trading_accounts_and_funds import balances, deposit

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio]
Y = 2025
DAY = date(Y + 1, 5, 20)
PRODUCT = "SHEA-2025"
TRADER = SampleEntity("1", "Minhang Cement", "industry", "sells part of its allocation, then trades with itself",
                      annual_emissions=70_000, previous_year=72_000, base_years=(80_000, 80_000, 80_000),
                      reported=70_000, verified=70_000)
BUYER = SampleEntity("2", "Baoshan Glass", "industry", "buys on the exchange", annual_emissions=60_000,
                     previous_year=56_000, base_years=(50_000, 50_000, 50_000), reported=60_000, verified=60_000)


async def test_day_market_data_on_the_public_api_and_feed_and_a_wash_alert_to_the_authority(platform, client):
    feed: dict[str, list[dict]] = {}

    async def received(msg) -> None:
        feed.setdefault(msg.subject, []).append(json.loads(msg.data)["data"])

    authority = await nats.connect(platform.effective_nats_url, **platform.nats_options("observer"))
    await authority.subscribe("ets.exchange.surveillance.alert-raised.v1", cb=received)
    await authority.subscribe("ets.exchange.market.>", cb=received)
    await authority.subscribe("ets.exchange.market-day.reported.v1", cb=received)
    try:
        year = YearRun(client, Y, "MD", log=lambda _: None, entities=(TRADER, BUYER))
        trader_id, buyer_id = year.eid(TRADER), year.eid(BUYER)
        trader, buyer = f"X-M-{trader_id}", f"X-M-{buyer_id}"
        await year.tick(date(Y, 1, 10))
        await year.setup_oversight()
        await year.setup_allocation()

        await client.tick_and_wait(at(DAY, 10))
        await client.call(list_product.asyncio_detailed, body=x.ListProduct(
            product_id=PRODUCT, vintage=Y, reference_price="40.00"), role="exchange_operator")
        for n, account in enumerate((trader, buyer)):
            await client.call(deposit.asyncio_detailed, body=x.ConfirmDeposit(
                movement_id=f"BANK-MD-{n}", trading_account_id=account, amount="100000.00"),
                role="settlement_bank", party="BANK")
        await until(lambda: _registry_knows(client, trader), what="the registry opening the trading account")
        await client.call(request_transfer.asyncio_detailed, body=a.RequestTransfer(
            from_account_id=f"ACC-{trader_id}", to_account_id=trader,
            lines=[a.TransferLine(unit_type=a.TransferLineUnitType.SHEA, vintage=Y, quantity=1000)]),
            role="entity", party=trader_id)
        await until(lambda: _available(client, trader, 1000), what="the exchange crediting the deposit")

        async def order(account: str, side: str, price: str, quantity: int) -> x.OrderPublic:
            return await client.call(place.asyncio_detailed, body=x.PlaceOrder(
                trading_account_id=account, product_id=PRODUCT, side=x.PlaceOrderSide(side), price=price,
                quantity=quantity), role="member", party=account[2:])

        await order(trader, "SELL", "40.00", 100)
        assert (await order(buyer, "BUY", "40.50", 300)).status == "OPEN"  # 100 t at 40.00, 200 t resting
        await order(trader, "SELL", "40.50", 200)
        wash_sell = await order(trader, "SELL", "41.00", 50)
        wash_buy = await order(trader, "BUY", "41.00", 50)  # the same member on both sides: prevented, alerted
        assert wash_buy.trades == [] and wash_buy.status == "OPEN"

        quotes = await client.public_get("exchange", "/market/products")
        assert quotes[0]["today"]["open"] == "40.00" and quotes[0]["today"]["volume"] == 300
        await client.tick_and_wait(at(DAY, 15))
        report = await client.public_get("exchange", f"/market/days/{DAY}")
        expected = {"product_id": PRODUCT, "vintage": Y, "open": "40.00", "high": "40.50", "low": "40.00",
                    "close": "40.33", "volume": 300, "turnover": "12100.00", "trades": 2, "agreement_volume": 0,
                    "agreement_turnover": "0.00"}
        assert report["products"] == [expected]
        history = await client.public_get("exchange", f"/market/days?product_id={PRODUCT}&start={DAY}&end={DAY}")
        assert [d["close"] for d in history] == ["40.33"]

        def got(subject: str, n: int) -> bool:
            return len(feed.get(subject, [])) >= n
        await until(lambda: _ready(got, "ets.exchange.surveillance.alert-raised.v1", 1), what="the alert")
        await until(lambda: _ready(got, "ets.exchange.market-day.reported.v1", 1), what="the day's report")
        [alert] = feed["ets.exchange.surveillance.alert-raised.v1"]
        assert alert["pattern"] == "wash_trade" and alert["trading_account_ids"] == [trader]
        assert alert["order_ids"] == [wash_sell.order_id, wash_buy.order_id]
        assert [(p["price"], p["quantity"]) for p in feed["ets.exchange.market.trade-printed.v1"]] == \
            [("40.00", 100), ("40.50", 200)]
        assert feed["ets.exchange.market.depth-changed.v1"][-1]["bids"][0]["price"] == "41.00"
        assert feed["ets.exchange.market-day.reported.v1"][0]["products"] == [expected]
        listed = await client.call(alerts.asyncio_detailed, role="authority")
        assert [raised.alert_id for raised in listed] == [alert["alert_id"]]
    finally:
        await authority.drain()


async def _ready(check, subject: str, n: int) -> bool:
    await asyncio.sleep(0)
    return check(subject, n)


async def _registry_knows(client: PlatformClient, account: str) -> bool:
    listed = await client.call(trading_accounts.asyncio_detailed, role="exchange_operator", limit=1000)
    return account in {t.trading_account_id for t in listed}


async def _available(client: PlatformClient, account: str, quantity: int) -> bool:
    body = await client.call(balances.asyncio_detailed, account, role="exchange_operator")
    return any(u.vintage == Y and u.available == quantity for u in body.allowances)
