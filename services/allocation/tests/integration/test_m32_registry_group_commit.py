"""M-32 holders' single transfers through the registry's group commit, over the real service: concurrent callers'
`POST /registry/transfers` are registered together in one transaction, each answered after the commit with its own
transaction or its own refusal; a refused transfer changes nothing and takes no one else's answer; a retry with the
same `Idempotency-Key` is answered again and moves nothing twice; a claim a retry took over refuses only its own
transfer; the chain verifies and every serial is held once."""
from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from allocation.adapters.orm import SerialBlockRow
from allocation.service_layer import commands
from allocation.service_layer.registry_transfers import TransferRequest, register_requests
from ets_shared.clock import utcnow
from ets_shared.envelope import MessageContext
from ets_shared.persistence.claims import Claim, ClaimTakenOver
from ets_shared.persistence.tables import IdempotencyRecord

pytestmark = pytest.mark.asyncio


async def _audit(world) -> dict:
    r = await world.svc.client.get("/registry/ledger/audit", headers=world.authority)
    assert r.status_code == 200, r.text
    return r.json()


def _serials(world, account_id: str) -> int:
    with world.svc.runtime.session_factory() as session:
        return session.execute(select(func.coalesce(func.sum(SerialBlockRow.last_serial - SerialBlockRow.first_serial
                                                             + 1), 0))
                               .where(SerialBlockRow.account_id == account_id)).scalar_one()


async def test_m32_concurrent_single_transfers_one_refused_the_others_registered(world):
    await world.trading()
    posts = [("E-1", world.transfer("ACC-E-1", "X-M-E-1", 100)) for _ in range(20)]
    posts += [("E-2", world.transfer("ACC-E-2", "X-M-E-2", 100)) for _ in range(18)]
    posts += [("E-2", world.transfer("ACC-E-1", "X-M-E-1", 100)),  # another holder's account: 403
              ("E-1", world.transfer("ACC-E-1", "X-M-E-1", 20_000)),  # more than it holds: 422
              ("E-2", world.transfer("ACC-E-2", "X-M-E-404", 100))]  # no such account: 404
    answers = await asyncio.gather(*(
        world.svc.client.post("/registry/transfers", json=body,
                              headers=world.entity(entity) | {"Idempotency-Key": f"gc-{n}"})
        for n, (entity, body) in enumerate(posts)))
    assert [a.status_code for a in answers] == [201] * 38 + [403, 422, 404], [a.text for a in answers[-3:]]
    assert answers[-3].json()["field"] == "from_account_id"
    assert answers[-2].json()["field"] == "lines[0].quantity"
    assert len({a.json()["transaction_id"] for a in answers[:38]}) == 38
    assert world.svc.runtime.transfers.entered == 41  # every request answered by the group commit
    held = {"ACC-E-1": [("SHEA", 2025, 8_000)], "X-M-E-1": [("SHEA", 2025, 2_000)],
            "ACC-E-2": [("SHEA", 2025, 8_200)], "X-M-E-2": [("SHEA", 2025, 1_800)]}
    assert await world.held(*held) == held
    assert {a: _serials(world, a) for a in held} == {"ACC-E-1": 8_000, "X-M-E-1": 2_000, "ACC-E-2": 8_200,
                                                     "X-M-E-2": 1_800}

    again = await world.svc.client.post("/registry/transfers", json=posts[0][1],
                                        headers=world.entity("E-1") | {"Idempotency-Key": "gc-0"})
    assert again.status_code == 201 and again.json() == answers[0].json()  # the first answer, replayed
    assert again.headers.get("idempotent-replayed") == "true"
    assert await world.held(*held) == held  # moved once
    audit = await _audit(world)
    assert audit["intact"] and audit["broken_at"] is None


async def test_m32_group_commit_a_claim_taken_over_refuses_only_its_own_transfer(world):
    """The claims of the requests a batch registers are stamped in its transaction; one whose lease a retry took
    over is refused (409) and the batch is judged again without it — nothing of it moves, the others commit."""
    await world.trading()
    runtime, now = world.svc.runtime, utcnow()
    with runtime.session_factory() as session:
        for key, claim_id in (("k-mine", "c-mine"), ("k-lost", "c-retry")):
            session.add(IdempotencyRecord(key=key, principal="p", method="POST", path="/registry/transfers",
                                          request_hash="h", created_at=now, claim_id=claim_id,
                                          lease_expires_at=now + timedelta(seconds=30)))
        session.commit()

    def request(entity: str, quantity: int, claim: Claim | None = None) -> TransferRequest:
        cmd = commands.RequestTransfer.model_validate(world.transfer(f"ACC-{entity}", f"X-M-{entity}", quantity))
        return TransferRequest(cmd, entity, None, MessageContext.new(f"entity:{entity}"), claim)

    batch = [request("E-1", 1_000, Claim("k-mine", "p", "c-mine")),
             request("E-1", 9_000, Claim("k-lost", "p", "c-old")),  # its claim was taken over
             request("E-1", 9_000),  # would have been refused had the one before registered
             request("E-2", 500)]
    results = await asyncio.to_thread(register_requests, batch, runtime.uow(MessageContext.new("test")))
    assert isinstance(results[1], ClaimTakenOver) and results[1].field == "Idempotency-Key"
    assert [type(r).__name__ for r in results] == ["RegistryTransaction", "ClaimTakenOver", "RegistryTransaction",
                                                   "RegistryTransaction"]
    assert await world.held("ACC-E-1", "X-M-E-1", "X-M-E-2") == {
        "ACC-E-1": [], "X-M-E-1": [("SHEA", 2025, 10_000)], "X-M-E-2": [("SHEA", 2025, 500)]}
    with runtime.session_factory() as session:
        stamped = {r.key: r.committed_at is not None for r in session.execute(select(IdempotencyRecord)).scalars()}
    assert stamped == {"k-mine": True, "k-lost": False}
    audit = await _audit(world)
    assert audit["intact"]
