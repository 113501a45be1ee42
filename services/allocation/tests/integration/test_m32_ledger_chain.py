"""M-32 over the real service: every registered transaction is chained by its hash; the audit verifies the whole
chain or a range and names the first break when a stored row is changed or removed behind the service's back; the
database refuses UPDATE and DELETE; the head at the end of each day is published once."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from ets_shared.testing.service import eventually

pytestmark = pytest.mark.asyncio


async def _ledger(world) -> None:
    await world.tick("2026-06-05T10:00:00+08:00")
    await world.register("E-1", "E-2", "E-3")
    await world.allocate({"E-1": 1_000, "E-2": 2_000, "E-3": 3_000})  # transactions 1..3
    await world.determine("E-1", 800)
    await world.wait_obligation("E-1")
    r = await world.surrender("E-1", [{"unit_type": "SHEA", "vintage": 2025, "quantity": 800}])  # 4
    assert r.status_code == 201, r.text


async def _audit(world, **params) -> dict:
    r = await world.svc.client.get("/registry/ledger/audit", params=params, headers=world.authority)
    assert r.status_code == 200, r.text
    return r.json()


def _sql(world, *statements: str) -> None:
    """Change stored rows behind the service's back (its triggers taken away first, as an intruder would)."""
    with world.svc.runtime.session_factory() as session:
        postgres = session.get_bind().dialect.name == "postgresql"
        for table in ("registry_transaction", "registry_transaction_line"):
            if postgres:
                session.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER USER"))
            else:
                for action in ("update", "delete"):
                    session.execute(text(f"DROP TRIGGER IF EXISTS {table}_no_{action}"))
        for statement in statements:
            session.execute(text(statement))
        session.commit()


async def test_m32_the_chain_verifies_whole_and_by_range(world):
    await _ledger(world)
    whole = await _audit(world)
    assert (whole["intact"], whole["transactions"], whole["head_seq"], whole["broken_at"]) == (True, 4, 4, None)
    part = await _audit(world, from_seq=2, to_seq=3)
    assert (part["intact"], part["transactions"], part["head_seq"]) == (True, 2, 3)
    beyond = await _audit(world, from_seq=3, to_seq=9)
    assert (beyond["intact"], beyond["broken_at"]) == (False, 5)
    backwards = await world.svc.client.get("/registry/ledger/audit", params={"from_seq": 3, "to_seq": 2},
                                           headers=world.authority)
    assert backwards.status_code == 422 and backwards.json()["field"] == "to_seq"
    entity = await world.svc.client.get("/registry/ledger/audit", headers=world.entity("E-1"))
    assert entity.status_code == 403


async def test_m32_a_changed_line_or_a_removed_transaction_is_found(world):
    await _ledger(world)
    _sql(world, "UPDATE registry_transaction_line SET quantity = 2001 WHERE transaction_id = 'ISS-2025-E-2'")
    changed = await _audit(world)
    assert (changed["intact"], changed["broken_at"], changed["head_seq"]) == (False, 2, 1)
    assert "content" in changed["problem"]
    _sql(world, "UPDATE registry_transaction_line SET quantity = 2000 WHERE transaction_id = 'ISS-2025-E-2'",
         "DELETE FROM registry_transaction_line WHERE transaction_id = 'ISS-2025-E-3'",
         "DELETE FROM registry_transaction WHERE seq = 3")
    removed = await _audit(world)
    assert (removed["intact"], removed["broken_at"]) == (False, 3) and "missing" in removed["problem"]


async def test_m32_the_database_refuses_to_change_or_delete_a_registered_transaction(world):
    await _ledger(world)
    for statement in ("UPDATE registry_transaction SET reference = 'x' WHERE seq = 1",
                      "DELETE FROM registry_transaction_line WHERE transaction_id = 'ISS-2025-E-1'"):
        with world.svc.runtime.session_factory() as session, pytest.raises(Exception, match="append-only"):
            session.execute(text(statement))
    assert (await _audit(world))["intact"] is True


async def test_m32_the_days_chain_head_is_published_once(world):
    await _ledger(world)
    head = await _audit(world)
    async with world.listen("ets.allocation.ledger.>") as events:
        await world.tick("2026-06-06T00:00:10+08:00")
        await world.tick("2026-06-06T09:00:00+08:00")
        await eventually(lambda: events)
    assert [(e["data"]["day"], e["data"]["seq"], e["data"]["hash"]) for e in events] == [
        ("2026-06-05", 4, head["head_hash"])]
    heads = (await world.svc.client.get("/registry/ledger/heads", headers=world.authority)).json()
    assert heads[0]["day"] == "2026-06-05" and heads[0]["hash"] == head["head_hash"]
