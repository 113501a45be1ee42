"""Fixtures for the mrv over a real nats-server and database: the running service, and a `world` that plays the
other services (allocation registers entities; verifier-oversight files agencies, awards them the year's tender,
certifies verifiers and assigns entities; the calendar ticks) and drives the mrv's HTTP API. Times are Shanghai
wall-clock (`sh`), sent as UTC instants."""
from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

import nats
import pytest
from sqlalchemy import select

from ets_shared.calendar import publish_tick
from ets_shared.clock import REGULATORY_TZ
from ets_shared.contracts.allocation import EntityRegistered
from ets_shared.contracts.base import EventData
from ets_shared.contracts.verifier_oversight import (
    AgencyEligibilityChanged, AgencyFiled, TenderAwarded, VerificationAssigned, VerifierCertified,
)
from ets_shared.envelope import Envelope, MessageContext, wrap
from ets_shared.persistence.tables import InboxMessage, OutboxMessage
from ets_shared.settings import ServiceSettings
from ets_shared.runtime import ServiceRuntime
from ets_shared.testing.service import RunningService, eventually, migrated_runtime, running_service
from mrv.bootstrap import build_runtime


def sh(*args: int) -> datetime:
    return datetime(*args, tzinfo=REGULATORY_TZ).astimezone(timezone.utc)


def process(tonnes: int | str) -> list[dict[str, Any]]:
    return [{"kind": "process", "quantity": str(tonnes), "unit": "tCO2e", "description": "kiln"}]


class World:
    sh = staticmethod(sh)
    process = staticmethod(process)

    def __init__(self, svc: RunningService, nc: Any) -> None:
        self.svc, self.client, self.js = svc, svc.client, nc.jetstream()
        self.authority = svc.auth("authority")
        self.assigning: dict[int, str] = {}  # year -> the agency `report` assigns each reporting entity to

    # -- other services' events ----------------------------------------------------------------------------------
    async def send(self, data: EventData, producer: str) -> Envelope:
        envelope = wrap(data, producer=producer, context=MessageContext.new("test"))
        await self.resend(envelope)
        return envelope

    async def resend(self, envelope: Envelope, copy: str = "") -> None:
        """Publish an envelope (again): a distinct Nats-Msg-Id gets past the stream's dedupe, the inbox must not."""
        await self.js.publish(type(envelope.data).contract.subject, envelope.model_dump_json().encode(),
                              headers={"Nats-Msg-Id": f"{envelope.event_id}{copy}"})

    async def applied(self, envelope: Envelope, timeout: float = 10.0) -> None:
        def done() -> bool:
            with self.svc.runtime.session_factory() as session:
                query = select(InboxMessage).where(InboxMessage.event_id == str(envelope.event_id))
                return session.execute(query).first() is not None
        await eventually(done, timeout=timeout)

    async def register(self, entity_id: str, covered: bool = True, first_year: int | None = None,
                       at: datetime | None = None) -> None:
        """As allocation would: covered (or reporting-only) from `first_year` (default: the year of `at`)."""
        await self.applied(await self.send(EntityRegistered(
            entity_id=entity_id, name=f"Entity {entity_id}", sector="steel", covered=covered,
            registered_at=at or sh(2025, 1, 5), first_compliance_year=first_year), "allocation"))

    async def eligibility(self, agency_id: str, year: int, eligible: bool, at: datetime,
                          reason: str = "selected by tender") -> Envelope:
        envelope = await self.send(AgencyEligibilityChanged(agency_id=agency_id, compliance_year=year,
                                                            eligible=eligible, reason=reason, changed_at=at),
                                   "verifier-oversight")
        await self.applied(envelope)
        return envelope

    async def certify(self, verifier_id: str, agency_id: str, year: int) -> None:
        await self.applied(await self.send(VerifierCertified(
            verifier_id=verifier_id, agency_id=agency_id, compliance_year=year,
            certificate_no=f"HCZ-{year}-{verifier_id}", issued_at=sh(year + 1, 1, 20)), "verifier-oversight"))

    async def file(self, agency_id: str) -> None:
        await self.applied(await self.send(AgencyFiled(
            agency_id=agency_id, name=f"Agency {agency_id}", credit_code="91310000MA1FL0001X",
            filed_at=sh(2020, 1, 5), fields=["steel"]), "verifier-oversight"))

    async def award(self, agency_id: str, year: int) -> None:
        await self.applied(await self.send(TenderAwarded(
            tender_id=f"T-{year}", lot_no=1, agency_id=agency_id, compliance_year=year, sectors=["steel"],
            expected_volume=10, reason="best score", awarded_at=sh(year + 1, 1, 15)), "verifier-oversight"))

    async def assign(self, entity_id: str, year: int, agency_id: str, revision: int = 1) -> None:
        await self.applied(await self.send(VerificationAssigned(
            assignment_id=f"ASG-{entity_id}-{year}-{revision}", entity_id=entity_id, compliance_year=year,
            agency_id=agency_id, revision=revision, reason="least loaded", assigned_at=sh(year + 1, 2, 1)),
            "verifier-oversight"))

    async def signatory(self, verifier_id: str, agency_id: str, year: int, *, assigns: bool = True) -> None:
        """Every fact that lets the verifier sign for the agency in `year` (filing, tender award, verdict,
        certificate); with `assigns`, entities reporting for `year` are then assigned to this agency."""
        await self.file(agency_id)
        await self.award(agency_id, year)
        await self.eligibility(agency_id, year, True, sh(year + 1, 1, 15))
        await self.certify(verifier_id, agency_id, year)
        if assigns:
            self.assigning[year] = agency_id

    async def tick(self, moment: datetime, timeout: float = 10.0) -> Envelope:
        envelope = await publish_tick(self.js, moment)
        await self.applied(envelope, timeout)
        return envelope

    async def automatic(self, year: int, **changes) -> None:
        """The year's option of determining verified figures by themselves (M-15; the default is the authority's
        act), with any other changes to its policy."""
        policy = (await self.client.get(f"/policy/{year}")).json() | {"automatic_determination": True, **changes}
        put = await self.client.put(f"/policy/{year}", params={"reason": "automatic determination"}, json=policy,
                                    headers=self.authority)
        assert put.status_code == 200, put.text

    # -- the mrv's API -------------------------------------------------------------------------------------------
    async def report(self, entity_id: str, year: int, sources: list[dict], **headers: str) -> dict:
        response = await self.client.post("/reports", json={"compliance_year": year, "sources": sources},
                                          headers={**self.svc.auth("entity", entity_id), **headers})
        assert response.status_code == 201, response.text
        if year in self.assigning:  # verifier oversight assigned the entity's verification to the year's agency
            await self.assign(entity_id, year, self.assigning[year])
        return response.json()

    async def verify(self, report_id: str, sources: list[dict], verifier_id: str = "V-1", agency_id: str = "AG-1",
                     status: int = 201) -> dict:
        response = await self.client.post(f"/reports/{report_id}/verification",
                                          json={"agency_id": agency_id, "verified_sources": sources,
                                                "findings": "data checked on site"},
                                          headers=self.svc.auth("verifier", verifier_id))
        assert response.status_code == status, response.text
        return response.json()

    async def case(self, report_id: str) -> dict:
        response = await self.client.get(f"/reports/{report_id}", headers=self.authority)
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
def settings(database_url, test_settings_overrides) -> ServiceSettings:
    return ServiceSettings.for_service("mrv", database_url=database_url("mrv"), **test_settings_overrides)


def outbox_drained(svc: RunningService) -> bool:
    with svc.runtime.session_factory() as session:
        query = select(OutboxMessage.seq).where(OutboxMessage.published_at.is_(None)).limit(1)
        return session.execute(query).first() is None


@pytest.fixture
async def world(settings, nats_url):
    """The running service (its clock reads the wall clock until a test ticks) and a NATS connection.

    Before stopping, the outbox is left to drain and the relay to go idle: `OutboxRelay.stop()` can wait forever
    when its cancellation lands as a JetStream publish completes (Python 3.11 `asyncio.wait_for` swallows it)."""
    async with running_service(build_runtime, settings) as svc:
        nc = await nats.connect(nats_url)
        try:
            yield World(svc, nc)
        finally:
            await nc.drain()
            await eventually(lambda: outbox_drained(svc))
            await asyncio.sleep(0.2)


@pytest.fixture
def runtime(database_url) -> Iterator[ServiceRuntime]:
    """The service's runtime on a migrated database of the current backend, nothing started (no NATS): its use
    cases and handlers run in units of work of its own, as the consumers and bulk requests run them."""
    runtime = migrated_runtime(build_runtime, ServiceSettings.for_service("mrv", database_url=database_url("mrv")))
    yield runtime
    runtime.engine.dispose()


@pytest.fixture
def correlation() -> str:
    return f"case-{uuid.uuid4()}"
