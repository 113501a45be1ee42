"""Serial numbers over the real service: units are issued as serial blocks; surrender and transfers move or split
blocks, never creating or losing a serial; statements show the blocks as of any instant; any serial is looked up
for its whole history."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.asyncio


async def test_m32_blocks_issued_split_by_a_surrender_and_each_serial_traced(world):
    await world.tick("2026-06-05T10:00:00+08:00")
    await world.register("E-1", "E-2")
    await world.allocate({"E-1": 1_000, "E-2": 500})  # E-1: 1..1000, E-2: 1001..1500 of SHEA 2025
    await world.determine("E-1", 300)
    await world.wait_obligation("E-1")
    await world.tick("2026-06-10T10:00:00+08:00")
    surrendered = await world.surrender("E-1", [{"unit_type": "SHEA", "vintage": 2025, "quantity": 300}])
    assert surrendered.status_code == 201
    blocks = (await world.svc.client.get("/registry/accounts/ACC-E-1/blocks", headers=world.entity("E-1"))).json()
    assert [(b["first_serial"], b["last_serial"], b["issuer"]) for b in blocks] == [(301, 1_000, "SH-AUTHORITY")]
    assert blocks[0]["first"] == "SHEA-2025-000000000301"
    cancelled = (await world.svc.client.get("/registry/accounts/AUTHORITY-CANCELLATION/blocks",
                                            headers=world.authority)).json()
    assert [(b["first_serial"], b["last_serial"]) for b in cancelled] == [(1, 300)]
    assert (await world.svc.client.get("/registry/accounts/ACC-E-1/blocks",
                                       headers=world.entity("E-2"))).status_code == 403

    traced = (await world.svc.client.get("/registry/serials/SHEA/2025/42", headers=world.authority)).json()
    assert traced["held_by"] == "AUTHORITY-CANCELLATION"
    assert [(m["kind"], m["from_account_id"], m["to_account_id"]) for m in traced["history"]] == [
        ("issue", None, "ACC-E-1"), ("surrender", "ACC-E-1", "AUTHORITY-CANCELLATION")]
    assert traced["history"][1]["reference"] == f"surrender:{surrendered.json()['surrender_id']}"
    assert (await world.svc.client.get("/registry/serials/SHEA/2025/1501", headers=world.authority)).status_code \
        == 404
    assert (await world.svc.client.get("/registry/serials/SHEA/2025/42", headers=world.entity("E-1"))).status_code \
        == 403

    then = (await world.svc.client.get("/registry/accounts/ACC-E-1/statement",
                                       params={"as_of": "2026-06-06T00:00:00+08:00"}, headers=world.authority)).json()
    assert [(b["first_serial"], b["last_serial"]) for b in then["blocks"]] == [(1, 1_000)]  # before the surrender
    now = (await world.svc.client.get("/registry/accounts/ACC-E-1/statement",
                                      params={"as_of": "2026-06-10T12:00:00+08:00"}, headers=world.authority)).json()
    assert [(b["first_serial"], b["last_serial"]) for b in now["blocks"]] == [(301, 1_000)]
