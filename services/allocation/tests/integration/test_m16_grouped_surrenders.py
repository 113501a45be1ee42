"""Concurrent surrenders share a transaction (the runtime's group commit, `surrender.surrender_each`) without
sharing their fate (M-16): each is applied in a savepoint of its own, so a refused one changes nothing and answers
alone (the group's surrenders are checked in memory one after the other and the accepted ones written together), a
later surrender of the same entity in the group starts from the earlier one, and a request whose Idempotency-Key
claim was taken over is not applied while the others are."""
from __future__ import annotations

import asyncio
import uuid

import pytest

from allocation.service_layer import commands
from ets_shared.envelope import MessageContext
from ets_shared.errors import DomainError
from ets_shared.persistence.claims import Claim, ClaimTakenOver

pytestmark = pytest.mark.asyncio
SHEA_2025 = {"unit_type": "SHEA", "vintage": 2025}


def _pending(entity_id: str, quantity: int, claim: Claim | None = None):
    """A surrender request as the group commit hands it over: the request and its Idempotency-Key claim."""
    cmd = commands.Surrender(compliance_year=2025, lines=[commands.SurrenderLine(**SHEA_2025, quantity=quantity)])
    return (entity_id, cmd, MessageContext(str(uuid.uuid4()), None, f"entity:{entity_id}")), claim


async def _year(world, *entity_ids: str) -> None:
    await world.tick("2026-06-10T10:00:00+08:00")  # inside the surrender window
    await world.register(*entity_ids)
    await world.allocate({e: 100_000 for e in entity_ids})
    for entity_id in entity_ids:
        await world.determine(entity_id, 90_000)
    for entity_id in entity_ids:
        await world.wait_obligation(entity_id)


async def test_m16_a_group_of_surrenders_refuses_only_the_refused_one(world):
    await _year(world, "E-1", "E-2", "E-3")
    group = [_pending("E-1", 60_000), _pending("E-2", 90_001), _pending("E-1", 40_000), _pending("E-1", 30_000),
             _pending("E-3", 10_000, Claim(key="gone", principal="nobody", claim_id="taken-over")),
             _pending("E-3", 5_000)]
    outcomes = await asyncio.to_thread(world.svc.runtime._surrender_group, group)

    assert [type(o).__name__ for o in outcomes] == ["tuple", "RuleViolation", "RuleViolation", "tuple",
                                                    "ClaimTakenOver", "tuple"]
    assert isinstance(outcomes[1], DomainError) and outcomes[1].article == "M-16"  # over the obligation
    assert isinstance(outcomes[2], DomainError) and "30000" in outcomes[2].detail  # over what the first left
    assert isinstance(outcomes[4], ClaimTakenOver)
    first, second = outcomes[0][0], outcomes[3][0]
    assert (first.surrendered, second.surrendered, second.status.value) == (60_000, 90_000, "settled")
    assert (await world.obligation("E-1"))["status"] == "settled"
    assert await world.holdings("E-1") == [SHEA_2025 | {"quantity": 10_000}]
    listed = (await world.svc.client.get("/entities/E-1/surrenders", headers=world.entity("E-1"))).json()
    assert [r["shea"] for r in listed] == [60_000, 30_000]
    audit = (await world.svc.client.get("/registry/ledger/audit", headers=world.authority)).json()
    assert audit["intact"] is True, "the group's transactions are chained in memory, in request order"
    assert (await world.obligation("E-2"))["surrendered"] == 0  # refused: nothing of it kept
    assert await world.holdings("E-2") == [SHEA_2025 | {"quantity": 100_000}]
    assert (await world.obligation("E-3"))["surrendered"] == 5_000  # the taken-over claim's 10,000 not applied
    assert await world.holdings("E-3") == [SHEA_2025 | {"quantity": 95_000}]


async def test_m16_concurrent_surrender_requests_are_each_answered(world):
    entities = [f"E-{i}" for i in range(1, 9)]
    await _year(world, *entities)
    answers = await asyncio.gather(*(world.surrender(e, [SHEA_2025 | {"quantity": 90_000}]) for e in entities),
                                   world.surrender("E-1", [SHEA_2025 | {"quantity": 90_001}]),
                                   world.surrender("E-2", [SHEA_2025 | {"quantity": 1}], as_entity="E-3"))
    assert [a.status_code for a in answers[:8]] == [201] * 8, [a.text for a in answers]
    assert [a.json()["status"] for a in answers[:8]] == ["settled"] * 8
    assert answers[8].status_code == 422 and answers[9].status_code == 403
    group = world.svc.runtime.surrenders
    assert group.entered == 9 and 1 <= group.batches <= 9  # the 403 never reached it
    for entity_id in entities:
        assert await world.holdings(entity_id) == [SHEA_2025 | {"quantity": 10_000}]


async def test_m16_an_idempotent_surrender_through_the_group_is_applied_once(world):
    await _year(world, "E-1")
    headers = world.entity("E-1") | {"Idempotency-Key": "sur-1"}
    body = {"compliance_year": 2025, "lines": [SHEA_2025 | {"quantity": 1_000}]}
    first = await world.svc.client.post("/entities/E-1/surrenders", json=body, headers=headers)
    again = await world.svc.client.post("/entities/E-1/surrenders", json=body, headers=headers)
    assert first.status_code == again.status_code == 201 and first.json() == again.json()
    assert (await world.obligation("E-1"))["surrendered"] == 1_000
