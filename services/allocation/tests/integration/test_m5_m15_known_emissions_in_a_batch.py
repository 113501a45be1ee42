"""M-5 / M-12 / M-15 over the real service: the emissions the authority knows for an entity-year follow mrv's
events by source — a determination prevails over any report, a later determination revision replaces it — also
when the reports and determinations arrive together and are applied in one consumed batch, where the figures are
written set-based at the batch's commit (`EmissionsRepository.record_later`)."""
from __future__ import annotations

import uuid

import pytest

from ets_shared.contracts.mrv import EmissionReportSubmitted
from ets_shared.envelope import MessageContext, wrap
from ets_shared.testing.service import eventually

pytestmark = pytest.mark.asyncio


async def report(world, entity_id: str, tonnes: int, submitted_at: str) -> str:
    """Publish an EmissionReportSubmitted as mrv would, without waiting for it to be consumed."""
    data = EmissionReportSubmitted(report_id=f"RPT-{entity_id}-2025", entity_id=entity_id, compliance_year=2025,
                                   reported_emissions=tonnes, factor_set_id="SH-2022", late=False,
                                   submitted_at=submitted_at)
    envelope = wrap(data, producer="mrv", context=MessageContext.new("test", f"case-{uuid.uuid4()}"))
    await world.publish(EmissionReportSubmitted.contract.subject, envelope.model_dump_json().encode(),
                        [str(envelope.event_id)])
    return str(envelope.event_id)


async def test_m15_a_determination_prevails_over_reports_arriving_with_it(world):
    await world.register("E-1", "E-2")
    events = [await report(world, "E-1", 60_000, "2026-03-20T02:00:00Z")]
    await world.determine("E-1", 55_000)
    events.append(await report(world, "E-1", 70_000, "2026-05-02T02:00:00Z"))  # amended after the determination
    events.append(await report(world, "E-2", 40_000, "2026-03-21T02:00:00Z"))
    await world.determine("E-1", 58_000, revision=2, at="2026-05-10T10:00:00+08:00")
    events.append(await report(world, "E-2", 41_000, "2026-03-25T02:00:00Z"))  # a later report replaces a report
    await eventually(lambda: world.processed(*events) and world.all_determinations_processed())

    async def known(entity_id: str) -> list[tuple[int, str]]:
        r = await world.svc.client.get(f"/entities/{entity_id}/emissions", headers=world.authority)
        return [(k["tonnes"], k["source"]) for k in r.json() if k["year"] == 2025]
    assert await known("E-1") == [(58_000, "determined")]
    assert await known("E-2") == [(41_000, "reported")]
    assert (await world.wait_obligation("E-1", revision=2))["determined_emissions"] == 58_000
