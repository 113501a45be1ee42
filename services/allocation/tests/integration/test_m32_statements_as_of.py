"""M-32 statements: an account's holdings as of any past instant (effective on registration) with the
transactions behind them, paged; a holder sees only its own accounts."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.asyncio


async def _statement(world, as_of: str, headers: dict | None = None, **params):
    return await world.svc.client.get("/registry/accounts/ACC-E-1/statement", params={"as_of": as_of, **params},
                                      headers=headers or world.authority)


async def test_m32_holdings_as_of_any_past_instant_with_their_transactions_paged(world):
    await world.tick("2026-06-05T10:00:00+08:00")
    await world.register("E-1", "E-2")
    await world.allocate({"E-1": 1_000, "E-2": 10})
    await world.determine("E-1", 300)
    await world.wait_obligation("E-1")
    await world.tick("2026-06-10T10:00:00+08:00")
    assert (await world.surrender("E-1", [{"unit_type": "SHEA", "vintage": 2025, "quantity": 300}])).status_code \
        == 201
    before = (await _statement(world, "2026-06-05T09:59:59+08:00")).json()
    assert (before["holdings"], before["transactions_total"]) == ([], 0)
    issued = (await _statement(world, "2026-06-05T10:00:00+08:00", world.entity("E-1"))).json()
    assert issued["holdings"] == [{"unit_type": "SHEA", "vintage": 2025, "quantity": 1_000}]
    assert [t["kind"] for t in issued["transactions"]] == ["issue"]
    now = (await _statement(world, "2026-06-10T12:00:00+08:00")).json()
    assert (now["holdings"], now["transactions_total"]) == ([{"unit_type": "SHEA", "vintage": 2025,
                                                              "quantity": 700}], 2)
    page = (await _statement(world, "2026-06-10T12:00:00+08:00", offset=1, limit=1)).json()
    assert [t["kind"] for t in page["transactions"]] == ["surrender"] and page["offset"] == 1


async def test_m32_a_holder_sees_only_its_own_statement_and_the_instant_carries_its_zone(world):
    await world.tick("2026-06-05T10:00:00+08:00")
    await world.register("E-1", "E-2")
    other = await _statement(world, "2026-06-05T10:00:00+08:00", world.entity("E-2"))
    assert other.status_code == 403
    naive = await _statement(world, "2026-06-05T10:00:00")
    assert naive.status_code == 422
    unknown = await world.svc.client.get("/registry/accounts/ACC-NOPE/statement",
                                         params={"as_of": "2026-06-05T10:00:00Z"}, headers=world.authority)
    assert unknown.status_code == 404
