"""Fixtures of the verifier-oversight integration tests: the service's settings on a fresh database and NATS, and
`oversight`, a small client for the steps most tests share — calendar ticks, filing, a whole tender, training and
certificates, entities registered by allocation, assignments, and mrv's events."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

import httpx
import nats
import pytest
from sqlalchemy import select

from ets_shared.calendar import publish_tick
from ets_shared.clock import REGULATORY_TZ
from ets_shared.contracts.allocation import EntityRegistered
from ets_shared.contracts.base import EventData
from ets_shared.envelope import Envelope, MessageContext, wrap
from ets_shared.persistence.tables import InboxMessage
from ets_shared.settings import ServiceSettings
from ets_shared.testing.service import RunningService, eventually

NAME = "verifier-oversight"


def sh(*args: int) -> datetime:
    """A Shanghai wall-clock instant, as UTC."""
    return datetime(*args, tzinfo=REGULATORY_TZ).astimezone(timezone.utc)


@pytest.fixture
def settings(database_url, test_settings_overrides) -> ServiceSettings:
    return ServiceSettings.for_service(NAME, database_url=database_url(NAME), **test_settings_overrides)


def credit_code(n: int) -> str:
    return f"91310000MA1FL{n:04d}X"


def ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


@dataclass
class Oversight:
    svc: RunningService
    nats_url: str
    filed: dict[str, int] = field(default_factory=dict)
    trainings: set[int] = field(default_factory=set)
    verifiers: set[str] = field(default_factory=set)

    @property
    def client(self) -> httpx.AsyncClient:
        return self.svc.client

    @property
    def authority(self) -> dict[str, str]:
        return self.svc.auth("authority")

    # -- time and other services' events ---------------------------------------------------------------------
    async def send(self, data: EventData, producer: str, copies: int = 1) -> Envelope:
        """Publish an event `copies` times under distinct Nats-Msg-Ids (only the inbox can keep the effect single)
        and wait until the service applied it."""
        envelope = wrap(data, producer=producer, context=MessageContext.new("test"))
        nc = await nats.connect(self.nats_url)
        try:
            for n in range(copies):
                await nc.jetstream().publish(type(data).contract.subject, envelope.model_dump_json().encode(),
                                             headers={"Nats-Msg-Id": f"{envelope.event_id}-{n}"})
        finally:
            await nc.drain()
        await self.applied(envelope)
        return envelope

    async def applied(self, envelope: Envelope) -> None:
        def done() -> bool:
            with self.svc.runtime.session_factory() as session:
                query = select(InboxMessage).where(InboxMessage.event_id == str(envelope.event_id))
                return session.execute(query).first() is not None
        await eventually(done)

    async def tick(self, moment: datetime) -> None:
        nc = await nats.connect(self.nats_url)
        try:
            await self.applied(await publish_tick(nc.jetstream(), moment))
        finally:
            await nc.drain()

    async def entity(self, entity_id: str, sector: str = "industry") -> None:
        await self.send(EntityRegistered(entity_id=entity_id, name=f"Entity {entity_id}", sector=sector,
                                         registered_at=sh(2025, 1, 5)), "allocation")

    # -- the directory and the tender ------------------------------------------------------------------------
    async def file(self, agency_id: str, fields: tuple[str, ...] = ("industry", "power")) -> dict:
        n = self.filed.setdefault(agency_id, len(self.filed) + 1)
        return ok(await self.client.post("/agencies", headers=self.authority, json={
            "agency_id": agency_id, "name": f"Agency {agency_id}", "credit_code": credit_code(n),
            "fields": list(fields)}), 201)

    async def select(self, year: int, winners: dict[str, tuple[str, ...]], volume: int = 20) -> str:
        """A whole tender for `year` (at Y-01-10, deadline Y-01-20): one lot per agency with its sectors, its bid,
        score and award (the clock ends at Y-01-21)."""
        tender_id = f"T-{year}-{len(self.filed)}-{'-'.join(winners)}"[:64]
        await self.tick(sh(year, 1, 10, 9))
        lots = [{"lot_no": n, "title": f"lot {n}", "sectors": list(sectors), "expected_volume": volume}
                for n, sectors in enumerate(winners.values(), start=1)]
        ok(await self.client.post("/tenders", headers=self.authority, json={
            "tender_id": tender_id, "compliance_year": year, "title": f"Verification {year}",
            "conditions": ["CMA accreditation"], "lots": lots, "bid_deadline": str(date(year, 1, 20))}), 201)
        bids = []
        for n, agency_id in enumerate(winners, start=1):
            bids.append(ok(await self.client.post(f"/tenders/{tender_id}/bids",
                                                  headers=self.svc.auth("agency", agency_id),
                                                  json={"agency_id": agency_id, "lot_no": n,
                                                        "statement": "six certified staff", "price": "250000.00"}),
                           201))
        await self.tick(sh(year, 1, 21, 9))
        for n, (agency_id, bid) in enumerate(zip(winners, bids, strict=True), start=1):
            ok(await self.client.post(f"/tenders/{tender_id}/bids/{bid['bid_id']}/score", headers=self.authority,
                                      json={"score": "85.50", "reason": "meets every condition"}))
            ok(await self.client.post(f"/tenders/{tender_id}/lots/{n}/award", headers=self.authority,
                                      json={"winners": [{"agency_id": agency_id, "reason": "only scored bid"}]}), 201)
        return tender_id

    # -- verifiers ---------------------------------------------------------------------------------------------
    async def certify(self, verifier_id: str, agency_id: str, year: int, score: int = 80) -> httpx.Response:
        """Register the verifier (once), have it attend the year's training and pass with `score`, then ask for its
        certificate (the response is returned unchecked)."""
        if verifier_id not in self.verifiers:
            ok(await self.client.post(f"/agencies/{agency_id}/verifiers", headers=self.authority,
                                      json={"verifier_id": verifier_id, "name": f"Verifier {verifier_id}"}), 201)
            self.verifiers.add(verifier_id)
        training_id = f"TR-{year}-{verifier_id}"
        ok(await self.client.post("/trainings", headers=self.authority, json={
            "training_id": training_id, "compliance_year": year, "title": "Verification practice",
            "held_on": str(date(year, 1, 25))}), 201)
        ok(await self.client.post(f"/trainings/{training_id}/attendance", headers=self.authority,
                                  json={"verifier_ids": [verifier_id]}))
        ok(await self.client.post(f"/trainings/{training_id}/exam-results", headers=self.authority,
                                  json={"results": [{"verifier_id": verifier_id, "score": score}]}))
        return await self.client.post(f"/verifiers/{verifier_id}/certificates", headers=self.authority,
                                      json={"compliance_year": year})

    # -- assignment and evaluation ---------------------------------------------------------------------------
    async def assign(self, entity_id: str, year: int, agency_id: str, status: int = 200) -> dict:
        return ok(await self.client.put(f"/assignments/{year}/{entity_id}", headers=self.authority,
                                        json={"agency_id": agency_id, "reason": "officer's choice"}), status)

    async def evaluation(self, agency_id: str, year: int) -> dict | None:
        r = await self.client.get(f"/evaluations/{agency_id}/{year}", headers=self.authority)
        return r.json() if r.status_code == 200 else None


@pytest.fixture
def oversight_of(nats_url):
    return lambda svc: Oversight(svc, nats_url)
