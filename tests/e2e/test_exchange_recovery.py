"""The exchange's recovery after a crash (M-23: the book is recoverable): the exchange process is killed (SIGKILL)
while members are entering orders, and restarted; every acknowledged order is there, the order book and every
balance are exactly what was recorded before the kill, and time priority is kept."""
from __future__ import annotations

import asyncio
from contextlib import ExitStack
from datetime import date

import nats
import pytest

from ets_cli.client import PlatformClient
from ets_cli.platform import Platform
from ets_cli.scenario import at
from ets_client_exchange import models as x
from ets_client_exchange.api.members import admit
from ets_client_exchange.api.trading import book, list_product, place
from ets_client_exchange.api.trading_accounts_and_funds import account_orders, account_trades, balances, deposit
from ets_shared.contracts.allocation import RegistryTransferRegistered, TransferLine
from ets_shared.envelope import MessageContext, wrap
from ets_shared.nats_process import free_port

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio]
TRADERS = ("A", "B", "C")


@pytest.fixture
def exchange_only(tmp_path):
    with ExitStack() as stack:
        platform = Platform(tmp_path / "platform", nats_port=free_port(), ports={"exchange": free_port()},
                            extra_env={"ETS_OUTBOX_POLL_SECONDS": "0.2"})
        stack.callback(platform.stop)
        platform.start_nats()
        platform.start_service("exchange")
        platform.wait_ready(60, services=("exchange",))
        yield platform


async def state(client: PlatformClient) -> dict:
    return {"book": await client.call(book.asyncio_detailed, "SHEA-2025", role="exchange_operator", levels=50),
            "balances": {t: await client.call(balances.asyncio_detailed, f"X-{t}", role="exchange_operator")
                         for t in TRADERS},
            "orders": {t: await client.call(account_orders.asyncio_detailed, f"X-{t}", role="exchange_operator",
                                            limit=1000) for t in TRADERS}}


async def test_m23_book_and_balances_rebuilt_exactly_after_the_process_is_killed(exchange_only):
    platform = exchange_only
    urls = {"exchange": platform.url("exchange")}
    async with PlatformClient(urls=urls, jwt_secret=platform.jwt_secret, nats_url=platform.effective_nats_url,
                              nats_options=platform.nats_options("calendar")) as client:
        await client.tick_and_wait(at(date(2026, 5, 20), 10))
        await client.call(list_product.asyncio_detailed, body=x.ListProduct(
            product_id="SHEA-2025", vintage=2025, reference_price="40.00"), role="exchange_operator")
        nc = await nats.connect(platform.effective_nats_url, **platform.nats_options("allocation"))  # its deposits
        for n, trader in enumerate(TRADERS):
            await client.call(admit.asyncio_detailed, body=x.AdmitMember(
                member_id=trader, name=trader, kind=x.AdmitMemberKind.SELF_OPERATING), role="exchange_operator")
            await client.call(deposit.asyncio_detailed, body=x.ConfirmDeposit(
                movement_id=f"BANK-{trader}", trading_account_id=f"X-{trader}", amount="10000000.00"),
                role="settlement_bank", party="BANK")
            credited = RegistryTransferRegistered(
                transaction_id=f"TX-{n}", purpose="exchange_deposit", from_account_id=f"ACC-{trader}",
                from_holder_id=trader, to_account_id=f"X-{trader}", to_holder_id=trader,
                lines=[TransferLine(unit_type="SHEA", vintage=2025, quantity=100_000)],
                registered_at=at(date(2026, 5, 20), 10))
            envelope = wrap(credited, producer="allocation", context=MessageContext.new("registry"))
            await nc.jetstream().publish(credited.contract.subject, envelope.model_dump_json().encode(),
                                         headers={"Nats-Msg-Id": str(envelope.event_id)})
        await nc.drain()
        for trader in TRADERS:
            await _until_units(client, trader)

        acknowledged: list[x.OrderPublic] = []

        async def enter(n: int) -> None:
            trader = TRADERS[n % 3]
            side = "BUY" if n % 2 else "SELL"
            price = f"{(3900 - n % 7 * 10) / 100:.2f}" if side == "BUY" else f"{(4000 + n % 7 * 10) / 100:.2f}"
            if n % 11 == 0:  # now and then a marketable one, so there are fills
                price = "40.50" if side == "BUY" else "39.50"
            try:
                acknowledged.append(await client.call(place.asyncio_detailed, body=x.PlaceOrder(
                    trading_account_id=f"X-{trader}", product_id="SHEA-2025", side=x.PlaceOrderSide(side),
                    price=price, quantity=10 + n), role="member", party=trader))
            except Exception:  # noqa: BLE001 - refused, or the process died under it: not acknowledged
                pass

        entering = [asyncio.create_task(enter(n)) for n in range(120)]
        while len(acknowledged) < 40:  # noqa: ASYNC110 - the orders' tasks fill the list; a 10 ms poll is the test's cadence
            await asyncio.sleep(0.01)
        platform.stop_service("exchange", kill=True)  # SIGKILL mid-stream
        await asyncio.gather(*entering)
        platform.start_service("exchange")
        platform.wait_ready(60, services=("exchange",))

        after = await state(client)
        recorded = {o.order_id: o for orders in after["orders"].values() for o in orders}
        assert all(a.order_id in recorded for a in acknowledged), "an acknowledged order was lost"
        open_orders = [o for o in recorded.values() if o.status == "OPEN"]
        for side, levels in (("BUY", after["book"].bids), ("SELL", after["book"].asks)):
            by_price: dict[str, int] = {}
            for o in open_orders:
                if o.side == side:
                    by_price[o.price] = by_price.get(o.price, 0) + o.remaining
            assert {level.price: level.quantity for level in levels} == by_price
        for trader, balance in after["balances"].items():  # reservations: open offers + sold, not yet delivered
            mine = [o for o in open_orders if o.trading_account_id == f"X-{trader}"]
            sold = await client.call(account_trades.asyncio_detailed, f"X-{trader}", role="exchange_operator",
                                     limit=1000)
            undelivered = sum(t.quantity for t in sold if t.seller_trading_account_id == f"X-{trader}"
                              and t.status == "MATCHED")
            assert balance.allowances[0].reserved == sum(
                o.remaining for o in mine if o.side == "SELL") + undelivered

        # a restart changes nothing, and the best offer that came first trades first
        platform.stop_service("exchange", kill=True)
        platform.start_service("exchange")
        platform.wait_ready(60, services=("exchange",))
        assert await state(client) == after
        asks = sorted((o for o in open_orders if o.side == "SELL"), key=lambda o: (o.price, o.sequence))
        buyer = next(t for t in TRADERS if f"X-{t}" != asks[0].trading_account_id)
        taken = await client.call(place.asyncio_detailed, body=x.PlaceOrder(
            trading_account_id=f"X-{buyer}", product_id="SHEA-2025", side=x.PlaceOrderSide.BUY, price=asks[0].price,
            quantity=1), role="member", party=buyer)
        assert isinstance(taken.trades, list) and taken.trades[0].sell_order_id == asks[0].order_id


async def _until_units(client: PlatformClient, trader: str) -> None:
    for _ in range(200):
        if (await client.call(balances.asyncio_detailed, f"X-{trader}", role="exchange_operator")).allowances:
            return
        await asyncio.sleep(0.05)
    raise TimeoutError(f"deposit of {trader} not credited")
