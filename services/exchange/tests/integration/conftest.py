"""Fixtures for the exchange's trading over a real nats-server and database: a `Market` that plays the other
parties — the calendar ticks, the registry registers deposits and answers delivery instructions, the settlement
bank confirms funds — and drives the exchange's HTTP API as members would. Times are Shanghai wall-clock."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import nats
import pytest
from sqlalchemy import select

from ets_shared.clock import REGULATORY_TZ
from ets_shared.contracts.allocation import RegistryTransferRefused, RegistryTransferRegistered, TransferLine
from ets_shared.contracts.base import EventData
from ets_shared.contracts.calendar import CalendarTick
from ets_shared.envelope import Envelope, MessageContext, wrap
from ets_shared.persistence.tables import InboxMessage
from ets_shared.settings import ServiceSettings
from ets_shared.testing.service import RunningService, eventually

VINTAGE = 2025
PRODUCT = "SHEA-2025"


def sh(*args: int) -> datetime:
    return datetime(*args, tzinfo=REGULATORY_TZ).astimezone(timezone.utc)


@pytest.fixture
def settings(database_url, test_settings_overrides) -> ServiceSettings:
    return ServiceSettings.for_service("exchange", database_url=database_url("exchange"), **test_settings_overrides)


class Market:
    sh = staticmethod(sh)
    vintage = VINTAGE

    def __init__(self, svc: RunningService, nc: Any) -> None:
        self.svc, self.client, self.js = svc, svc.client, nc.jetstream()
        self.operator = svc.auth("exchange_operator")
        self.bank = svc.auth("settlement_bank", party_id="BANK")
        self._deposits = 0

    # -- other services' events ----------------------------------------------------------------------------------
    async def send(self, data: EventData) -> Envelope:
        envelope = wrap(data, producer=type(data).contract.producer, context=MessageContext.new("test"))
        await self.js.publish(type(data).contract.subject, envelope.model_dump_json().encode(),
                              headers={"Nats-Msg-Id": str(envelope.event_id)})
        await self.applied(envelope)
        return envelope

    async def applied(self, envelope: Envelope) -> None:
        def done() -> bool:
            with self.svc.runtime.session_factory() as session:
                query = select(InboxMessage).where(InboxMessage.event_id == str(envelope.event_id))
                return session.execute(query).first() is not None
        await eventually(done)

    async def at(self, *when: int) -> None:
        await self.send(CalendarTick(now=sh(*when)))

    # -- set-up as the operator, the bank and the registry would ---------------------------------------------------
    def member(self, member_id: str) -> dict[str, str]:
        return self.svc.auth("member", party_id=member_id)

    async def admit(self, member_id: str, kind: str = "self_operating") -> str:
        r = await self.client.post("/members", json={"member_id": member_id, "name": member_id, "kind": kind},
                                   headers=self.operator)
        assert r.status_code == 201, r.text
        return f"X-{member_id}"

    async def list_product(self, reference_price: str = "40.00", product_id: str = PRODUCT) -> None:
        r = await self.client.post("/products", json={"product_id": product_id, "vintage": VINTAGE,
                                                      "reference_price": reference_price}, headers=self.operator)
        assert r.status_code == 201, r.text

    async def fund(self, account: str, amount: str) -> None:
        self._deposits += 1
        r = await self.client.post("/cash/deposits", json={"movement_id": f"BANK-{self._deposits}",
                                                           "trading_account_id": account, "amount": amount},
                                   headers=self.bank)
        assert r.status_code == 201, r.text

    async def deposit_allowances(self, account: str, quantity: int, holder: str = "H") -> None:
        self._deposits += 1
        await self.send(RegistryTransferRegistered(
            transaction_id=f"TX-{self._deposits}", purpose="exchange_deposit", from_account_id=f"ACC-{holder}",
            from_holder_id=holder, to_account_id=account, to_holder_id=holder,
            lines=[TransferLine(unit_type="SHEA", vintage=VINTAGE, quantity=quantity)],
            registered_at=sh(2026, 5, 20, 9)))

    async def delivered(self, trade: dict[str, Any]) -> Envelope:
        return await self.send(RegistryTransferRegistered(
            transaction_id=trade["trade_id"], purpose="trade_delivery", reference=trade["trade_id"],
            from_account_id=trade["seller_trading_account_id"], from_holder_id="S",
            to_account_id=trade["buyer_trading_account_id"], to_holder_id="B",
            lines=[TransferLine(unit_type="SHEA", vintage=trade["vintage"], quantity=trade["quantity"])],
            registered_at=sh(2026, 5, 20, 10)))

    async def refused(self, trade: dict[str, Any], reason: str = "seller holds too few") -> Envelope:
        return await self.send(RegistryTransferRefused(purpose="trade_delivery", reference=trade["trade_id"],
                                                       reason=reason, article="M-32",
                                                       refused_at=sh(2026, 5, 20, 10)))

    # -- members' requests ---------------------------------------------------------------------------------------
    async def order(self, member_id: str, account: str, side: str, price: str, quantity: int, *,
                    tif: str = "GTC", product: str = PRODUCT) -> Any:
        return await self.client.post("/orders", json={"trading_account_id": account, "product_id": product,
                                                       "side": side, "price": price, "quantity": quantity,
                                                       "time_in_force": tif}, headers=self.member(member_id))

    async def balances(self, account: str) -> dict[str, Any]:
        r = await self.client.get(f"/trading-accounts/{account}/balances", headers=self.operator)
        assert r.status_code == 200, r.text
        body = r.json()
        units = {u["vintage"]: (u["available"], u["reserved"]) for u in body["allowances"]}
        return {"cash": (body["cash_available"], body["cash_reserved"]), "units": units.get(VINTAGE, (0, 0))}


@pytest.fixture
async def market(settings, nats_url):
    from exchange.bootstrap import build_runtime
    from ets_shared.testing.service import running_service

    nc = await nats.connect(nats_url)
    async with running_service(build_runtime, settings) as svc:
        yield Market(svc, nc)
    await nc.drain()


def _open_market(uow: Any, at: datetime, traders: tuple[str, ...]) -> None:
    """In process, without a running service: product `P` (vintage 2025, reference 40.00) listed at `at`, and each
    trader admitted with its account `X-<trader>` funded with 100,000.00 and 1,000 allowances deposited (the
    registry's deposit applied as the consumer applies it) — as `ets bench-order-entry` opens its market."""
    from exchange.entrypoints.order_entry_bench import open_market

    open_market(uow, at, traders)


@pytest.fixture
def open_market():
    """`_open_market(uow, at, traders)`: a market opened in process, for tests that drive the service layer."""
    return _open_market
