"""M-10 in the registry's trading accounts over a real nats-server: when the exchange passes a predecessor's trading
account to its successors (`exchange.account.succeeded`), the registry registers the same allowance movement — one
`succession` transaction, trading account to trading accounts — once, and only for an approved succession from its
predecessor's account to its successors' (anything else moves nothing, and the audit says why)."""
from __future__ import annotations

import pytest

from ets_shared.contracts.exchange import AccountPassed, AccountSucceeded, SucceededAllowances

pytestmark = pytest.mark.asyncio


def succeeded(succession_id: str, to_account: str = "X-M-E-2", to_entity: str = "E-2",
              quantity: int = 3_000) -> AccountSucceeded:
    return AccountSucceeded(
        succession_id=succession_id, kind="merger", predecessor_entity_id="E-1", member_id="M-E-1",
        trading_account_id="X-M-E-1", continues=False, cancelled_order_ids=[], moved_at="2026-06-05T02:00:01Z",
        successors=[AccountPassed(entity_id=to_entity, member_id=f"M-{to_entity}", trading_account_id=to_account,
                                  holdings_share="100", cash="10.00",
                                  allowances=[SucceededAllowances(vintage=2025, quantity=quantity)])])


async def approved_merger(world) -> str:
    filed = await world.svc.client.post("/successions", headers=world.authority, json={
        "kind": "merger", "predecessor_ids": ["E-1"], "successor_id": "E-2", "effective_on": "2026-06-05",
        "statement": "E-1 merged into E-2"})
    assert filed.status_code == 201, filed.text
    succession_id = filed.json()["succession_id"]
    decided = await world.svc.client.post(f"/successions/{succession_id}/decision", headers=world.authority,
                                          json={"approve": True, "reason": "documents in order"})
    assert decided.status_code == 200, decided.text
    return succession_id


async def audit(world, succession_id: str) -> list[str]:
    rows = (await world.svc.client.get("/audit", params={"subject_ref": f"succession:{succession_id}"},
                                       headers=world.authority)).json()
    return [row["action"] for row in rows]


async def test_m10_merger_moves_trading_account_holdings_in_the_registry_once(world):
    await world.tick("2026-06-05T10:00:00+08:00")
    await world.trading()
    await world.commit_to_trading("E-1", 3_000)
    succession_id = await approved_merger(world)
    assert await world.held("ACC-E-1", "X-M-E-1") == {"ACC-E-1": [], "X-M-E-1": [("SHEA", 2025, 3_000)]}

    await world.from_exchange(succeeded(succession_id), copies=2)
    await world.from_exchange(succeeded(succession_id))  # sent again under a new event: registered already

    assert await world.held("X-M-E-1", "X-M-E-2") == {"X-M-E-1": [], "X-M-E-2": [("SHEA", 2025, 3_000)]}
    statement = (await world.svc.client.get("/registry/accounts/X-M-E-2/transactions",
                                            headers=world.authority)).json()
    assert [(t["transaction_id"], t["kind"]) for t in statement] == [(f"{succession_id}-X-M-E-1", "succession")]
    assert (await audit(world, succession_id)).count("allocation.succession.trading-account-registered") == 1


async def test_m10_a_comprehensive_predecessors_clients_are_acted_for_by_the_member_that_took_them_over(world):
    await world.tick("2026-06-05T10:00:00+08:00")
    await world.trading()
    await world.from_exchange(world.opened("X-C-1", "C-1", member_id="M-E-1", kind="client"))
    succession_id = await approved_merger(world)
    as_new, as_old = world.svc.auth("member", party_id="M-E-2"), world.svc.auth("member", party_id="M-E-1")
    assert (await world.svc.client.get("/registry/accounts/X-C-1", headers=as_new)).status_code == 403
    await world.from_exchange(succeeded(succession_id).model_copy(update={
        "client_trading_account_ids": ["X-C-1"], "clients_member_id": "M-E-2"}))
    assert (await world.svc.client.get("/registry/accounts/X-C-1", headers=as_new)).status_code == 200
    assert (await world.svc.client.get("/registry/accounts/X-C-1", headers=as_old)).status_code == 403


async def test_m10_trading_account_move_refused_outside_an_approved_succession(world):
    await world.tick("2026-06-05T10:00:00+08:00")
    await world.trading()
    await world.commit_to_trading("E-1", 3_000)
    await world.from_exchange(succeeded("SUC-NEVER"))
    assert await audit(world, "SUC-NEVER") == ["allocation.succession.trading-account-refused"]
    succession_id = await approved_merger(world)
    await world.from_exchange(succeeded(succession_id, quantity=3_001))  # more than the registry holds
    await world.register("E-3")
    await world.from_exchange(world.opened("X-M-E-3", "M-E-3", covered_entity_id="E-3"))
    await world.from_exchange(succeeded(succession_id, to_account="X-M-E-3", to_entity="E-3"))  # not a successor
    assert (await audit(world, succession_id)).count("allocation.succession.trading-account-refused") == 2
    assert await world.held("X-M-E-1", "X-M-E-2", "X-M-E-3") == {
        "X-M-E-1": [("SHEA", 2025, 3_000)], "X-M-E-2": [], "X-M-E-3": []}
