"""Fixtures for the enforcement service over a real nats-server and database: its settings, and `publish` — other
services' events (shortfalls, settlements, calendar ticks) put on JetStream the way their outbox relays do."""
from __future__ import annotations

from collections.abc import Awaitable, Callable

import nats
import pytest

from ets_shared.contracts.base import EventData
from ets_shared.envelope import Envelope, MessageContext, wrap
from ets_shared.settings import ServiceSettings

Publish = Callable[..., Awaitable[Envelope]]


@pytest.fixture
def settings(database_url, test_settings_overrides) -> ServiceSettings:
    return ServiceSettings.for_service("enforcement", database_url=database_url("enforcement"),
                                       **test_settings_overrides)


@pytest.fixture
def publish(nats_url: str) -> Publish:
    async def send(data: EventData, *, correlation_id: str | None = None, copies: int = 1) -> Envelope:
        """Publish `data` as its producer would; `copies` > 1 re-sends the same event (same event id) under
        distinct Nats-Msg-Ids, so the stream keeps every copy and only the consumer's inbox can dedupe."""
        envelope = wrap(data, producer=type(data).contract.producer,
                        context=MessageContext.new("test", correlation_id))
        nc = await nats.connect(nats_url)
        for n in range(copies):
            await nc.jetstream().publish(type(data).contract.subject, envelope.model_dump_json().encode(),
                                         headers={"Nats-Msg-Id": f"{envelope.event_id}-{n}"})
        await nc.drain()
        return envelope

    return send


class Office:
    """Two officers and the leadership of an enforcement office, acting through a running service's HTTP API: one
    officer proposes a decision, another approves it (four eyes, the platform's default)."""

    def __init__(self, svc) -> None:
        self.svc = svc
        self.li = svc.auth("enforcement_officer", subject="li")
        self.zhao = svc.auth("enforcement_officer", subject="zhao")
        self.wang = svc.auth("authority", subject="wang")

    async def case(self, case_id: str) -> dict:
        r = await self.svc.client.get(f"/cases/{case_id}", headers=self.li)
        assert r.status_code == 200, r.text
        return r.json()

    async def decide(self, case_id: str, path: str, body: dict, *, approver: dict | None = None) -> dict:
        """Propose (officer li) and approve (officer zhao, or `approver`): the decision in force."""
        proposed = await self.svc.client.post(f"/cases/{case_id}/{path}", json=body, headers=self.li)
        assert proposed.status_code == 200, proposed.text
        no = proposed.json()["pending_decisions"][-1]
        approved = await self.svc.client.post(f"/cases/{case_id}/decisions/{no}/approval",
                                              json={"reasons": "checked against the file"},
                                              headers=approver or self.zhao)
        assert approved.status_code == 200, approved.text
        return approved.json()

    async def fine(self, case_id: str, amount: str, reasons: str = "violation established") -> dict:
        return await self.decide(case_id, "penalty", {"amount": amount, "reasons": reasons})

    async def serve_and_pay(self, case_id: str, served_on: str) -> dict:
        served = await self.svc.client.post(f"/cases/{case_id}/penalty/notification", headers=self.li,
                                            json={"served_on": served_on, "method": "post"})
        assert served.status_code == 200, served.text
        paid = await self.svc.client.post(f"/cases/{case_id}/payment", headers=self.li,
                                          json={"amount": served.json()["fine_amount"]})
        assert paid.status_code == 200, paid.text
        return paid.json()


@pytest.fixture
def office():
    return Office
