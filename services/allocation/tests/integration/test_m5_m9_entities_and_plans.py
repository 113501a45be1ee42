"""Covered entities (M-5) and the yearly plan (M-6..M-9) over the real service: registration opens a holding account,
batches are one transaction, the cap is never exceeded, issuance puts vintage-Y allowances into the holdings."""
from __future__ import annotations

import pytest

from ets_shared.contracts.allocation import AllowancesIssued, EntityRegistered
from ets_shared.testing.service import eventually

pytestmark = pytest.mark.asyncio


async def test_m5_registration_opens_a_holding_account_and_publishes(world):
    client, auth = world.svc.client, world.authority
    body = {"entity_id": "E-1", "name": "Shanghai Steel Works", "sector": "industry", "annual_emissions": 20_000}
    async with world.listen(EntityRegistered.contract.subject) as registered:
        assert (await client.post("/entities", json=body, headers=world.entity("E-1"))).status_code == 403
        made = await client.post("/entities", json=body, headers=auth)
        assert made.status_code == 201
        assert {k: made.json()[k] for k in ("entity_id", "status", "account_id", "coverage", "coverage_basis")} == \
            {"entity_id": "E-1", "status": "active", "account_id": "ACC-E-1", "coverage": "covered",
             "coverage_basis": "threshold"}
        again = await client.post("/entities", json=body, headers=auth)
        assert again.status_code == 409 and again.json()["field"] == "entity_id"
        await eventually(lambda: registered)
        assert [(e["data"]["entity_id"], e["data"]["covered"]) for e in registered] == [("E-1", True)]
    assert (await client.get("/entities/E-1", headers=world.entity("E-1"))).json()["name"] == "Shanghai Steel Works"
    assert (await client.get("/entities/E-1", headers=world.entity("E-2"))).status_code == 403
    assert (await client.get("/entities", headers=world.entity("E-1"))).status_code == 403
    officer = world.svc.auth("enforcement_officer")
    assert [e["entity_id"] for e in (await client.get("/entities", headers=officer)).json()] == ["E-1"]
    assert (await client.get("/entities/E-1/holdings", headers=world.entity("E-1"))).json() == []


async def test_m5_batch_registers_all_in_one_transaction_or_none(world):
    client, auth = world.svc.client, world.authority
    batch = [{"entity_id": f"B-{n:04d}", "name": f"Entity {n}", "sector": "building", "annual_emissions": 10_000}
             for n in range(500)]
    async with world.listen(EntityRegistered.contract.subject) as registered:
        made = await client.post("/entities/batch", json={"entities": batch}, headers=auth)
        assert made.status_code == 201 and len(made.json()) == 500
        await eventually(lambda: len(registered) == 500)
    clash = [{"entity_id": "NEW-1", "name": "n", "sector": "port", "annual_emissions": 10_000},
             {"entity_id": "B-0007", "name": "n", "sector": "port", "annual_emissions": 10_000}]
    refused = await client.post("/entities/batch", json={"entities": clash}, headers=auth)
    assert refused.status_code == 409 and refused.json()["field"] == "entities[1].entity_id"
    assert (await client.get("/entities/NEW-1", headers=auth)).status_code == 404
    too_many = [{"entity_id": f"X-{n}", "name": "n", "sector": "port", "annual_emissions": 10_000}
                for n in range(10_001)]
    assert (await client.post("/entities/batch", json={"entities": too_many}, headers=auth)).status_code == 422
    page = (await client.get("/entities", params={"offset": 498, "limit": 10}, headers=auth)).json()
    assert [e["entity_id"] for e in page] == ["B-0498", "B-0499"]


async def test_m8_m6_plan_allocates_by_method_and_refuses_beyond_the_cap(world):
    client, auth = world.svc.client, world.authority
    await world.register("E-1", "E-2", "E-3")
    plan = await client.post("/plans", json={"compliance_year": 2025, "cap": 300_000}, headers=auth)
    assert plan.status_code == 201
    assert plan.json() | {"approved_at": None} == {"compliance_year": 2025, "cap": 300_000, "status": "draft",
                                                   "allocated": 0, "free": 0, "paid_reserve": 0, "paid": 0,
                                                   "remaining": 300_000, "entries_count": 0,
                                                   "approved_at": None, "issued_at": None}
    assert (await client.post("/plans", json={"compliance_year": 2025, "cap": 1}, headers=auth)).status_code == 409
    entries = [{"entity_id": "E-1", "method": "historical", "base_years": {"2022": 100000, "2023": 110000},
                "factor": "0.98"},
               {"entity_id": "E-2", "method": "benchmark", "intensity": "1.85", "output": "60000",
                "early_action_bonus": 500}]
    added = await client.post("/plans/2025/entries", json={"entries": entries}, headers=auth)
    assert added.status_code == 201, added.text
    # historical: mean 105,000 x 0.98 = 102,900; benchmark: 1.85 x 60,000 = 111,000 + 500 bonus
    assert (added.json()["allocated"], added.json()["remaining"], added.json()["entries_count"]) == \
        (214_400, 85_600, 2)

    over = [{"entity_id": "E-3", "method": "benchmark", "intensity": "1", "output": "85601"}]
    refused = await client.post("/plans/2025/entries", json={"entries": over}, headers=auth)
    assert refused.status_code == 422 and (refused.json()["field"], refused.json()["article"]) == ("entries[0]", "M-6")
    unknown = [{"entity_id": "E-3", "method": "benchmark", "intensity": "1", "output": "1"},
               {"entity_id": "NOBODY", "method": "benchmark", "intensity": "1", "output": "1"}]
    refused = await client.post("/plans/2025/entries", json={"entries": unknown}, headers=auth)
    assert refused.status_code == 422 and refused.json()["field"] == "entries[1].entity_id"
    late_base = [{"entity_id": "E-3", "method": "historical", "base_years": {"2025": 10}}]
    refused = await client.post("/plans/2025/entries", json={"entries": late_base}, headers=auth)
    assert refused.status_code == 422 and refused.json()["field"] == "entries[0].base_years"
    twice = [{"entity_id": "E-1", "method": "benchmark", "intensity": "1", "output": "1"}]
    assert (await client.post("/plans/2025/entries", json={"entries": twice}, headers=auth)).status_code == 409
    assert (await client.get("/plans/2025", headers=auth)).json()["allocated"] == 214_400  # nothing half-applied
    listed = (await client.get("/plans/2025/entries", headers=auth)).json()
    assert [(e["entity_id"], e["quantity"]) for e in listed] == [("E-1", 102_900), ("E-2", 111_500)]
    assert listed[0]["base_years"] == {"2022": 100000, "2023": 110000} and listed[1]["intensity"] == "1.85"
    assert (await client.get("/plans/2025", headers=world.entity("E-1"))).status_code == 403


async def test_m7_m9_issuance_puts_vintage_allowances_into_holdings(world):
    client, auth = world.svc.client, world.authority
    await world.register("E-1", "E-2", "E-3")
    await client.post("/plans", json={"compliance_year": 2025, "cap": 500_000}, headers=auth)
    entries = [{"entity_id": "E-1", "method": "benchmark", "intensity": "2", "output": "50000"},
               {"entity_id": "E-2", "method": "historical", "base_years": {"2024": 70000}},
               {"entity_id": "E-3", "method": "benchmark", "intensity": "0", "output": "1"}]
    await client.post("/plans/2025/entries", json={"entries": entries}, headers=auth)
    early = await client.post("/plans/2025/issuance", headers=auth)
    assert early.status_code == 422 and early.json()["article"] == "M-7"
    assert (await client.post("/plans/2025/approval", headers=world.entity("E-1"))).status_code == 403
    assert (await client.post("/plans/2025/approval", headers=auth)).json()["status"] == "approved"
    async with world.listen(AllowancesIssued.contract.subject) as issued:
        plan = await client.post("/plans/2025/issuance", headers=auth)
        assert plan.status_code == 200 and plan.json()["status"] == "issued"
        await eventually(lambda: len(issued) == 2)
    assert sorted((e["data"]["entity_id"], e["data"]["vintage"], e["data"]["quantity"]) for e in issued) == \
        [("E-1", 2025, 100_000), ("E-2", 2025, 70_000)]
    assert (await client.post("/plans/2025/issuance", headers=auth)).status_code == 409
    assert await world.holdings("E-1") == [{"unit_type": "SHEA", "vintage": 2025, "quantity": 100_000}]
    assert await world.holdings("E-3") == []

    await client.post("/plans", json={"compliance_year": 2026, "cap": 500_000}, headers=auth)
    await client.post("/plans/2026/entries", json={"entries": entries[:1]}, headers=auth)
    await client.post("/plans/2026/approval", headers=auth)
    await client.post("/plans/2026/issuance", headers=auth)
    assert await world.holdings("E-1") == [{"unit_type": "SHEA", "vintage": 2025, "quantity": 100_000},
                                           {"unit_type": "SHEA", "vintage": 2026, "quantity": 100_000}]
    txs = (await client.get("/entities/E-1/transactions", headers=world.entity("E-1"))).json()
    assert [(t["transaction_id"], t["kind"]) for t in txs] == [("ISS-2025-E-1", "issue"), ("ISS-2026-E-1", "issue")]


async def test_m6_m7_m9_a_draft_plans_cap_is_corrected_never_below_its_entries_and_paid_reserve(world):
    client, auth = world.svc.client, world.authority
    await world.register("E-1")
    policy = (await client.get("/policy/2025")).json() | {"paid_share": "0.1"}
    assert (await client.put("/policy/2025", params={"reason": "paid allocation"}, json=policy,
                             headers=auth)).status_code == 200
    await client.post("/plans", json={"compliance_year": 2025, "cap": 100_000}, headers=auth)
    entries = [{"entity_id": "E-1", "method": "benchmark", "intensity": "1", "output": "60000"}]
    await client.post("/plans/2025/entries", json={"entries": entries}, headers=auth)

    assert (await client.put("/plans/2025/cap", json={"cap": 80_000}, headers=world.entity("E-1"))).status_code == 403
    changed = (await client.put("/plans/2025/cap", json={"cap": 80_000}, headers=auth)).json()
    assert (changed["cap"], changed["paid_reserve"], changed["remaining"]) == (80_000, 8_000, 12_000)
    # 60,000 allocated + floor(10 % of 66,666) = 66,666: the cap may equal it, never fall one below
    exact = (await client.put("/plans/2025/cap", json={"cap": 66_666}, headers=auth)).json()
    assert (exact["paid_reserve"], exact["remaining"]) == (6_666, 0)
    below = await client.put("/plans/2025/cap", json={"cap": 66_665}, headers=auth)
    assert below.status_code == 422 and (below.json()["field"], below.json()["article"]) == ("cap", "M-6")
    for bad in (0, -1, "many", 10**13):
        refused = await client.put("/plans/2025/cap", json={"cap": bad}, headers=auth)
        assert refused.status_code == 422 and refused.json()["field"] == "body.cap", bad
    assert (await client.put("/plans/2024/cap", json={"cap": 1}, headers=auth)).status_code == 404
    stored = (await client.get("/plans/2025", headers=auth)).json()
    assert (stored["cap"], stored["paid_reserve"], stored["allocated"]) == (66_666, 6_666, 60_000)

    await client.post("/plans/2025/approval", headers=auth)
    approved = await client.put("/plans/2025/cap", json={"cap": 90_000}, headers=auth)
    assert approved.status_code == 409 and (approved.json()["field"], approved.json()["article"]) == ("cap", "M-7")
