"""Fixtures of the verifier-oversight integration tests: the service's settings on a fresh database and NATS, and
`oversight`, a small client for the steps most tests share (file an agency, select it, certify a verifier)."""
from __future__ import annotations

from dataclasses import dataclass

import nats
import pytest

from ets_shared.contracts.base import EventData
from ets_shared.envelope import MessageContext, wrap
from ets_shared.settings import ServiceSettings
from ets_shared.testing.service import RunningService

NAME = "verifier-oversight"


@pytest.fixture
def settings(database_url, test_settings_overrides) -> ServiceSettings:
    return ServiceSettings.for_service(NAME, database_url=database_url(NAME), **test_settings_overrides)


def credit_code(n: int) -> str:
    return f"91310000MA1FL{n:04d}X"


@dataclass
class Oversight:
    svc: RunningService

    @property
    def authority(self) -> dict[str, str]:
        return self.svc.auth("authority")

    async def file(self, agency_id: str, n: int = 1) -> dict:
        r = await self.svc.client.post("/agencies", headers=self.authority,
                                       json={"agency_id": agency_id, "name": f"Agency {agency_id}",
                                             "credit_code": credit_code(n)})
        assert r.status_code == 201, r.text
        return r.json()

    async def select(self, agency_id: str, year: int) -> None:
        r = await self.svc.client.post(f"/agencies/{agency_id}/tender-awards", headers=self.authority,
                                       json={"compliance_year": year})
        assert r.status_code == 201, r.text

    async def deduct(self, agency_id: str, year: int, code: str, headers: dict | None = None, **extra):  # noqa: ANN201
        body = {"code": code, "source": "other", "reason": f"test {code}", **extra}
        return await self.svc.client.post(f"/evaluations/{agency_id}/{year}/deductions", json=body,
                                          headers=headers or self.authority)

    async def evaluation(self, agency_id: str, year: int) -> dict | None:
        r = await self.svc.client.get(f"/evaluations/{agency_id}/{year}", headers=self.authority)
        return r.json() if r.status_code == 200 else None


@pytest.fixture
def oversight_of():
    return Oversight


async def publish(nats_url: str, data: EventData, producer: str, copies: int = 1) -> None:
    """Publish one event envelope `copies` times under distinct Nats-Msg-Ids: the stream stores each copy, so only
    the consumer's inbox can keep the effect single."""
    envelope = wrap(data, producer=producer, context=MessageContext.new("test"))
    nc = await nats.connect(nats_url)
    for n in range(copies):
        await nc.jetstream().publish(type(data).contract.subject, envelope.model_dump_json().encode(),
                                     headers={"Nats-Msg-Id": f"{envelope.event_id}-{n}"})
    await nc.drain()


@pytest.fixture
def publish_event():
    return publish
