"""M-15 → M-16 over the real service, for determinations consumed together (one pulled batch, one transaction):
the entities' standing is read ahead as columns (`EntityRepository.read_standing_ahead`), the obligations and
figures are written set-based at the batch's commit. Whatever shares the batch — a reporting-only emitter's or an
unknown entity's determination (ignored), the same event delivered twice (applied once), undecodable events
(dead-lettered, the others still applied) — each covered entity gets the obligation of its highest revision and
one `ObligationRecorded` per revision applied."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from ets_shared.contracts.allocation import ObligationRecorded
from ets_shared.contracts.mrv import EmissionsDeterminedV2
from ets_shared.persistence.tables import DeadLetter
from ets_shared.testing.service import eventually

pytestmark = pytest.mark.asyncio


def dead_letters(world) -> list[str]:
    with world.svc.runtime.read_session_factory() as session:
        return list(session.execute(select(DeadLetter.subject)).scalars())


async def test_m15_a_batch_with_redeliveries_poison_and_strangers_sets_each_obligation_once(world):
    await world.register("E-1", "E-2", "E-3")
    await world.register("R-1", emissions=12_000)  # below the threshold: reporting-only, owes no allowances (M-5)
    subject = EmissionsDeterminedV2.contract.subject
    async with world.listen(ObligationRecorded.contract.subject) as recorded:
        await world.determine("E-1", 55_000, copies=2)  # redelivered: the second copy changes nothing
        await world.publish(subject, b"not json", ["bad-1"])
        await world.determine("R-1", 11_000)
        await world.determine("NOBODY", 30_000)
        await world.determine("E-2", 40_000)
        bad = {"event_id": "6f1c1b1e-0000-4000-8000-00000000000b", "data": {"entity_id": "E-3"}}
        await world.publish(subject, json.dumps(bad).encode(), ["bad-2"])
        await world.determine("E-2", 42_000, revision=2, at="2026-05-10T10:00:00+08:00")
        await world.determine("E-3", 30_000)
        await world.determine("E-2", 40_000)  # revision 1 again, as a new event after revision 2: older, ignored
        await eventually(lambda: world.all_determinations_processed() and len(dead_letters(world)) == 2)
        await eventually(lambda: len(recorded) >= 4)
    assert sorted(dead_letters(world)) == [subject, subject]
    assert sorted((e["data"]["entity_id"], e["data"]["revision"], e["data"]["obligation"]) for e in recorded) == [
        ("E-1", 1, 55_000), ("E-2", 1, 40_000), ("E-2", 2, 42_000), ("E-3", 1, 30_000)]
    assert [(await world.obligation(e))["determined_emissions"] for e in ("E-1", "E-2", "E-3")] == [
        55_000, 42_000, 30_000]
    assert (await world.obligation("E-2"))["determination_revision"] == 2
    assert await world.obligation("R-1") is None and await world.obligation("NOBODY") is None
