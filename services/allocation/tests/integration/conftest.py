"""The allocation service over a real nats-server and database, with helpers that play the other systems: the
calendar (ticks) and the mrv service (determinations)."""
from __future__ import annotations

import json
import uuid
from contextlib import asynccontextmanager
from datetime import datetime

import nats
import pytest
from sqlalchemy import func, select

from allocation.bootstrap import build_runtime
from ets_shared.calendar import publish_tick, tick_envelope
from ets_shared.clock import as_utc
from ets_shared.contracts.exchange import TradingAccountOpened
from ets_shared.contracts.mrv import EmissionsDeterminedV2
from ets_shared.envelope import MessageContext, wrap
from ets_shared.persistence.tables import InboxMessage
from ets_shared.settings import ServiceSettings
from ets_shared.testing.service import RunningService, eventually, running_service

YEAR = 2025


@pytest.fixture
def settings(database_url, test_settings_overrides) -> ServiceSettings:
    return ServiceSettings.for_service("allocation", database_url=database_url("allocation"),
                                       **test_settings_overrides)


class World:
    """Drives the running service: HTTP as the authority or an entity, ticks and determinations over NATS."""

    def __init__(self, svc: RunningService, nats_url: str) -> None:
        self.svc, self.nats_url = svc, nats_url
        self.authority = svc.auth("authority")
        self.determinations: list[str] = []  # event ids published by `determine`

    def entity(self, entity_id: str) -> dict[str, str]:
        return self.svc.auth("entity", party_id=entity_id)

    async def publish(self, subject: str, payload: bytes, msg_ids: list[str]) -> None:
        nc = await nats.connect(self.nats_url)
        for msg_id in msg_ids:
            await nc.jetstream().publish(subject, payload, headers={"Nats-Msg-Id": msg_id})
        await nc.drain()

    @asynccontextmanager
    async def listen(self, subject: str):
        """Collect the events published on `subject`, as a government system would; the subscription is confirmed
        by the server (flush) before the block runs, so no event of the block is missed."""
        nc = await nats.connect(self.nats_url)
        received: list[dict] = []

        async def on_message(msg) -> None:
            received.append(json.loads(msg.data))

        sub = await nc.subscribe(subject, cb=on_message)
        await nc.flush()
        try:
            yield received
        finally:
            await sub.unsubscribe()
            await nc.drain()

    async def tick(self, when: str, wait: bool = True, timeout: float = 10.0) -> None:
        """Publish a calendar tick; with `wait`, until the service's clock reads it."""
        nc = await nats.connect(self.nats_url)
        await publish_tick(nc.jetstream(), datetime.fromisoformat(when))
        await nc.drain()
        if wait:
            expected = as_utc(datetime.fromisoformat(when))

            async def reached():
                now = (await self.svc.client.get("/clock")).json()["now"]
                return now and datetime.fromisoformat(now) >= expected
            await eventually(reached, timeout=timeout)

    def processed(self, *event_ids: str) -> bool:
        """Whether the service consumed these events (its inbox holds them), whatever they changed."""
        with self.svc.runtime.read_session_factory() as session:
            found = session.execute(select(func.count()).where(InboxMessage.event_id.in_(event_ids))).scalar_one()
        return found == len(set(event_ids))

    def processed_tick(self, when: str) -> bool:
        return self.processed(str(tick_envelope(datetime.fromisoformat(when)).event_id))

    def all_determinations_processed(self) -> bool:
        return self.processed(*self.determinations)

    async def determine(self, entity_id: str, emissions: int, revision: int = 1, *, correlation_id: str | None = None,
                        copies: int = 1, year: int = YEAR, at: str = "2026-04-27T10:00:00+08:00") -> str:
        """Publish an EmissionsDetermined (v2) as mrv would (`copies` > 1: the same event redelivered)."""
        data = EmissionsDeterminedV2(
            determination_id=f"DET-{entity_id}-{revision}", report_id=f"RPT-{entity_id}-{year}", entity_id=entity_id,
            compliance_year=year, determined_emissions=emissions,
            basis="verification" if revision == 1 else "recheck", triggers=[], revision=revision,
            reported_emissions=emissions, verified_emissions=emissions, agency_id="AG-1", late=False,
            determined_at=at, notified_to=entity_id, copied_to=["statistics"])
        correlation_id = correlation_id or f"case-{uuid.uuid4()}"
        envelope = wrap(data, producer="mrv", context=MessageContext.new("test", correlation_id))
        self.determinations.append(str(envelope.event_id))
        await self.publish(EmissionsDeterminedV2.contract.subject, envelope.model_dump_json().encode(),
                           [f"{envelope.event_id}-{n}" for n in range(copies)])
        return correlation_id

    async def from_exchange(self, data, *, copies: int = 1, correlation_id: str | None = None,
                            wait: bool = True):
        """Publish an event of the exchange (`copies` > 1: the same event redelivered); with `wait`, until the
        service consumed it. Returns its envelope."""
        context = MessageContext.new("exchange", correlation_id or f"case-{uuid.uuid4()}")
        envelope = wrap(data, producer="exchange", context=context)
        await self.publish(type(data).contract.subject, envelope.model_dump_json().encode(),
                           [f"{envelope.event_id}-{n}" for n in range(copies)])
        if wait:
            await eventually(lambda: self.processed(str(envelope.event_id)))
        return envelope

    @staticmethod
    def opened(trading_account_id: str, participant_id: str, *, member_id: str | None = None, kind: str = "member",
               covered_entity_id: str | None = None) -> TradingAccountOpened:
        """The exchange opened a trading account (for a member, or a client of `member_id`)."""
        return TradingAccountOpened(trading_account_id=trading_account_id, participant_id=participant_id,
                                    member_id=member_id or participant_id, participant_kind=kind,
                                    covered_entity_id=covered_entity_id, name=f"Participant {participant_id}",
                                    opened_at="2025-03-05T02:00:00Z")

    async def trading(self) -> None:
        """E-1 and E-2 covered with 10,000 allowances of 2025 each; each a self-operating member M-E-n with a
        trading account X-M-E-n linked to its holding account ACC-E-n."""
        await self.register("E-1", "E-2")
        await self.allocate({"E-1": 10_000, "E-2": 10_000})
        for entity in ("E-1", "E-2"):
            await self.from_exchange(self.opened(f"X-M-{entity}", f"M-{entity}", covered_entity_id=entity))

    @staticmethod
    def transfer(from_account: str, to_account: str, quantity: int = 4_000, unit_type: str = "SHEA",
                 vintage: int = 2025) -> dict:
        """A body of POST /registry/transfers with one line."""
        return {"from_account_id": from_account, "to_account_id": to_account,
                "lines": [{"unit_type": unit_type, "vintage": vintage, "quantity": quantity}]}

    async def commit_to_trading(self, entity_id: str, quantity: int) -> None:
        """The entity deposits allowances of 2025 into its trading account."""
        r = await self.svc.client.post("/registry/transfers", headers=self.entity(entity_id),
                                       json=self.transfer(f"ACC-{entity_id}", f"X-M-{entity_id}", quantity))
        assert r.status_code == 201, r.text

    async def obligation(self, entity_id: str, year: int = YEAR) -> dict | None:
        r = await self.svc.client.get(f"/entities/{entity_id}/obligations/{year}", headers=self.authority)
        return r.json() if r.status_code == 200 else None

    async def wait_obligation(self, entity_id: str, revision: int = 1, year: int = YEAR) -> dict:
        async def check():
            ob = await self.obligation(entity_id, year)
            return ob if ob and ob["determination_revision"] >= revision else None
        return await eventually(check)

    async def register(self, *entity_ids: str, emissions: int = 50_000) -> None:
        """Covered entities: industry emitters above the 20,000 t threshold (M-5)."""
        body = {"entities": [{"entity_id": e, "name": f"Entity {e}", "sector": "industry",
                              "annual_emissions": emissions} for e in entity_ids]}
        r = await self.svc.client.post("/entities/batch", json=body, headers=self.authority)
        assert r.status_code == 201, r.text

    async def allocate(self, allocations: dict[str, int], cap: int = 1_000_000, year: int = YEAR) -> None:
        """Plan, approve and issue: each entity gets its allocation by the benchmark method (1 x output)."""
        client, auth = self.svc.client, self.authority
        made = await client.post("/plans", json={"compliance_year": year, "cap": cap}, headers=auth)
        assert made.status_code == 201, made.text
        entries = [{"entity_id": e, "method": "benchmark", "intensity": "1", "output": str(q)}
                   for e, q in allocations.items()]
        r = await client.post(f"/plans/{year}/entries", json={"entries": entries}, headers=auth)
        assert r.status_code == 201, r.text
        assert (await client.post(f"/plans/{year}/approval", headers=auth)).status_code == 200
        assert (await client.post(f"/plans/{year}/issuance", headers=auth)).status_code == 200

    async def surrender(self, entity_id: str, lines: list[dict], year: int = YEAR, as_entity: str | None = None):
        return await self.svc.client.post(f"/entities/{entity_id}/surrenders",
                                          json={"compliance_year": year, "lines": lines},
                                          headers=self.entity(as_entity or entity_id))

    async def holdings(self, entity_id: str) -> list[dict]:
        return (await self.svc.client.get(f"/entities/{entity_id}/holdings", headers=self.authority)).json()

    async def account(self, account_id: str) -> dict:
        r = await self.svc.client.get(f"/registry/accounts/{account_id}", headers=self.authority)
        assert r.status_code == 200, r.text
        return r.json()

    async def held(self, *account_ids: str) -> dict[str, list[tuple[str, int, int]]]:
        """The holdings of registry accounts, as the authority reads them."""
        return {a: [(h["unit_type"], h["vintage"], h["quantity"]) for h in (await self.account(a))["holdings"]]
                for a in account_ids}


@pytest.fixture
async def world(settings, nats_url):
    async with running_service(build_runtime, settings) as svc:
        yield World(svc, nats_url)
